import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings } from '../../findings';
import {
  appliesToWholeBucket,
  enabledLifecycleRules,
  expirationDays,
  noncurrentExpirationDays,
} from './s3-lifecycle';

/**
 * Compliant when a `pii` bucket expires every object, current and noncurrent versions, within
 * 30 days, and an `amazon-data` bucket within 18 months, through a lifecycle rule that applies
 * to the whole bucket. Other classes have no upper limit.
 */
export function s3BucketExpiryByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const limit = maxRetentionDays(storeClass(node));
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const rules = enabledLifecycleRules(node).filter(appliesToWholeBucket);
  const within = (days: number | undefined) => days !== undefined && days <= limit;
  const findings = new Findings(node);
  if (rules.some((r) => findings.cannotJudge(r.ExpirationInDays))) {
    findings.add('Unresolved::ExpirationInDays');
  } else {
    findings.unless(
      rules.some((r) => within(expirationDays(r))),
      'Expiration',
    );
  }
  return findings
    .unless(
      rules.some((r) => within(noncurrentExpirationDays(r))),
      'NoncurrentExpiration',
    )
    .result();
}
