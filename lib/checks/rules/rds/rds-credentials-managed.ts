import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { literalText, propertiesOf } from '../../resolve';
import { isDatabase } from './rds-database';

/** Whether a password value is a dynamic reference to Secrets Manager, not a literal. */
export function isSecretsManagerReference(value: unknown): boolean {
  const text = literalText(value);
  return text !== undefined && text.startsWith('{{resolve:secretsmanager:');
}

/**
 * Compliant when the master password is managed by RDS or read from Secrets Manager (never a
 * literal or a parameter) and IAM database authentication is on.
 */
export function rdsCredentialsManaged(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (!isTrue(properties.ManageMasterUserPassword) && properties.MasterUserPassword !== undefined) {
    findings.unless(isSecretsManagerReference(properties.MasterUserPassword), 'LiteralPassword');
  }
  const serverlessV1 = properties.EngineMode === 'serverless';
  if (!serverlessV1) {
    findings.check(
      properties.EnableIAMDatabaseAuthentication,
      'EnableIAMDatabaseAuthentication',
      isTrue,
      'NoIamAuthentication',
    );
  }
  return findings.result();
}
