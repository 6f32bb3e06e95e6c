import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings, objectOf, recordsOf } from '../../findings';
import { isIntrinsic, propertiesOf, referencedResource } from '../../resolve';
import {
  appliesToWholeBucket,
  currentDayCounts,
  enabledLifecycleRules,
  expirationDays,
  noncurrentDayCounts,
  noncurrentExpirationDays,
  objectLockRetention,
  unresolvedLifecycle,
} from './s3-lifecycle';

/**
 * Judges where the bucket replicates objects: each enabled replication rule must write to a
 * bucket of the app whose own class limit is no longer than `limit`, since a replica is a copy
 * the source's lifecycle never deletes. A destination outside the app cannot be judged.
 */
function checkReplicas(node: CfnResource, limit: number, findings: Findings): void {
  const rules = recordsOf(objectOf(propertiesOf(node).ReplicationConfiguration).Rules);
  for (const rule of rules) {
    if (rule.Status === 'Disabled') continue;
    const destination = objectOf(rule.Destination).Bucket;
    const target = referencedResource(node, destination);
    if (target?.cfnResourceType !== 'AWS::S3::Bucket') {
      findings.add('Unresolved::ReplicationDestination');
      continue;
    }
    const targetLimit = maxRetentionDays(storeClass(target));
    findings.unless(targetLimit !== undefined && targetLimit <= limit, 'ReplicaOutlivesLimit');
  }
}

/**
 * Compliant when a `pii` bucket expires every object, current and noncurrent versions, within
 * 30 days, and an `amazon-data` bucket within 18 months, through an enabled lifecycle rule that
 * applies to the whole bucket and keeps no noncurrent versions by count; when Object Lock does
 * not hold objects past that limit; and when every replica lands in a bucket of the app with a
 * limit as short. Other classes have no upper limit.
 */
export function s3BucketExpiryByClass(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const limit = maxRetentionDays(storeClass(node));
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  const rules = enabledLifecycleRules(node).filter(appliesToWholeBucket);
  const within = (days: number | undefined) => days !== undefined && days <= limit;
  if (!unresolvedLifecycle(findings, rules, currentDayCounts)) {
    findings.unless(
      rules.some((r) => within(expirationDays(r))),
      'Expiration',
    );
  }
  if (!unresolvedLifecycle(findings, rules, noncurrentDayCounts)) {
    findings.unless(
      rules.some((r) => within(noncurrentExpirationDays(r))),
      'NoncurrentExpiration',
    );
  }
  const lock = objectLockRetention(node);
  const lockUnresolved =
    isIntrinsic(lock.mode) || (lock.days !== undefined && Number.isNaN(lock.days));
  if (lockUnresolved) findings.add('Unresolved::ObjectLock');
  else findings.unless(lock.days === undefined || lock.days <= limit, 'ObjectLockOutlivesLimit');
  checkReplicas(node, limit, findings);
  return findings.result();
}
