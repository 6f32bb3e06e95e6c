import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { classSource } from './event-archive-source';

/**
 * Compliant when an archive keeps events no longer than the class of its bus allows (pii: 30
 * days, amazon-data: 18 months). `RetentionDays` absent or 0 keeps them forever. A bus outside
 * the app, or one without a class, is presumed to carry `amazon-data`.
 */
export function eventArchiveRetentionByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Events::Archive') return NagRuleCompliance.NOT_APPLICABLE;
  const source = classSource(node);
  const limit = maxRetentionDays((source && storeClass(source)) ?? DataClass.AMAZON_DATA);
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).RetentionDays ?? 0,
      'RetentionDays',
      (days) => Number(days) > 0 && Number(days) <= limit,
      'RetentionTooLong',
    )
    .result();
}
