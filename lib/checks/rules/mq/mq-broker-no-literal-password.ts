import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkNoLiteralCredential, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when no password of a broker (its users', its LDAP service account's) is written
 * into the template: each is a `{{resolve:secretsmanager:...}}` reference.
 */
export function mqBrokerNoLiteralPassword(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::AmazonMQ::Broker' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  for (const user of recordsOf(properties.Users)) {
    checkNoLiteralCredential(findings, user.Password, String(user.Username));
  }
  checkNoLiteralCredential(
    findings,
    objectOf(properties.LdapServerMetadata).ServiceAccountPassword,
    'ServiceAccountPassword',
  );
  return findings.result();
}
