import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkNoLiteralCredential, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Connection properties that hold a password or key passphrase. */
const PASSWORD_PROPERTIES = [
  'PASSWORD',
  'KAFKA_SASL_PLAIN_PASSWORD',
  'KAFKA_SASL_SCRAM_PASSWORD',
  'KAFKA_CLIENT_KEY_PASSWORD',
  'KAFKA_CLIENT_KEYSTORE_PASSWORD',
];

/**
 * Compliant when no password of a Glue connection is written into the template: the connection
 * names its secret with `SECRET_ID`, or reads each password from Secrets Manager.
 */
export function glueConnectionNoLiteralPassword(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Glue::Connection' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const connection = objectOf(objectOf(propertiesOf(node).ConnectionInput).ConnectionProperties);
  const findings = new Findings(node);
  for (const name of PASSWORD_PROPERTIES) {
    checkNoLiteralCredential(findings, connection[name], name);
  }
  return findings.result();
}
