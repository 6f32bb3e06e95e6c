import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isFalse } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a queue that may hold Amazon data is encrypted with a customer-managed key;
 * a queue with SSE-SQS turned off as well is not encrypted at all.
 */
export function sqsQueueKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SQS::Queue' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  // Without a key, SQS encrypts with keys it owns (SSE-SQS), unless that is turned off too.
  if (properties.KmsMasterKeyId === undefined && isFalse(properties.SqsManagedSseEnabled)) {
    return findings.add('NotEncrypted').result();
  }
  checkCustomerKey(findings, properties.KmsMasterKeyId, 'KmsMasterKeyId');
  return findings.result();
}
