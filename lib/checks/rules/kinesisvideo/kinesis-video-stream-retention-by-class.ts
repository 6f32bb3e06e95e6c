import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a `pii` or `amazon-data` video stream keeps media no longer than its class
 * allows (30 days, 18 months). Without `DataRetentionInHours` the stream keeps none.
 */
export function kinesisVideoStreamRetentionByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KinesisVideo::Stream') return NagRuleCompliance.NOT_APPLICABLE;
  const limit = maxRetentionDays(storeClass(node));
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).DataRetentionInHours ?? 0,
      'DataRetentionInHours',
      (hours) => Number(hours) <= limit * 24,
      'RetentionTooLong',
    )
    .result();
}
