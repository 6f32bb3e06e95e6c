import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isDatabase } from './rds-database';

/** Compliant when a database encrypts its storage with a customer-managed KMS key. */
export function rdsStorageEncrypted(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const serverless = properties.EngineMode === 'serverless';
  if (!serverless) {
    findings.check(properties.StorageEncrypted, 'StorageEncrypted', isTrue, 'NotEncrypted');
  }
  // Unencrypted storage is one weakness: its key is not judged as well.
  if (!findings.has('NotEncrypted')) checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  return findings.result();
}
