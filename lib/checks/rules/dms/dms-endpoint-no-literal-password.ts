import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkNoLiteralCredential, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when no password of a DMS endpoint (its database password, a Kafka SASL password) is
 * written into the template: the endpoint reads its credentials from Secrets Manager
 * (`SecretsManagerSecretId` in its engine settings) or a `{{resolve:secretsmanager:...}}`
 * reference.
 */
export function dmsEndpointNoLiteralPassword(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DMS::Endpoint' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  checkNoLiteralCredential(findings, properties.Password, 'Password');
  checkNoLiteralCredential(
    findings,
    objectOf(properties.KafkaSettings).SaslPassword,
    'SaslPassword',
  );
  return findings.result();
}
