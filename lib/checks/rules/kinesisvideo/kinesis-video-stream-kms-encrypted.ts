import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a video stream that may hold Amazon data is encrypted with a customer-managed
 * key; without `KmsKeyId`, Kinesis Video Streams uses the AWS managed key.
 */
export function kinesisVideoStreamKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KinesisVideo::Stream' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsKeyId, 'KmsKeyId');
  return findings.result();
}
