import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Hours of a Kinesis stream's retention when unset. */
const DEFAULT_RETENTION_HOURS = 24;

/**
 * Compliant when a `pii` or `amazon-data` stream keeps records no longer than its class allows
 * (30 days, 18 months).
 */
export function kinesisStreamRetentionByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Kinesis::Stream') return NagRuleCompliance.NOT_APPLICABLE;
  const limit = maxRetentionDays(storeClass(node));
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).RetentionPeriodHours ?? DEFAULT_RETENTION_HOURS,
      'RetentionPeriodHours',
      (hours) => Number(hours) <= limit * 24,
      'RetentionTooLong',
    )
    .result();
}
