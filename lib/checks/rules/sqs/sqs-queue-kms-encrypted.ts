import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a queue that may hold Amazon data is encrypted with a customer-managed key. */
export function sqsQueueKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SQS::Queue' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsMasterKeyId, 'KmsMasterKeyId');
  return findings.result();
}
