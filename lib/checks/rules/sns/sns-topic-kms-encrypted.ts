import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a topic is encrypted with a customer-managed key. */
export function snsTopicKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SNS::Topic') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsMasterKeyId, 'KmsMasterKeyId');
  return findings.result();
}
