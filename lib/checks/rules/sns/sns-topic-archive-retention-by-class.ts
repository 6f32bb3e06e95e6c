import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a `pii` or `amazon-data` FIFO topic archives messages no longer than its class
 * allows (30 days, 18 months); a topic without an `ArchivePolicy` keeps none.
 */
export function snsTopicArchiveRetentionByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SNS::Topic') return NagRuleCompliance.NOT_APPLICABLE;
  const policy = propertiesOf(node).ArchivePolicy;
  const limit = maxRetentionDays(storeClass(node));
  if (policy === undefined || limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (findings.cannotJudge(policy)) return ['Unresolved::ArchivePolicy'];
  return findings
    .check(
      objectOf(policy).MessageRetentionPeriod,
      'MessageRetentionPeriod',
      (days) => Number(days) <= limit,
      'RetentionTooLong',
    )
    .result();
}
