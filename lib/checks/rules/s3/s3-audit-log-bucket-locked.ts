import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import {
  AUDIT_LOG_MIN_IMMUTABLE,
  LOG_MIN_RETENTION,
} from '../../../../constructs/common/retention-limits';
import { storeClass } from '../../data-stores';
import { Findings } from '../../findings';
import {
  enabledLifecycleRules,
  expirationDays,
  noncurrentExpirationDays,
  objectLockRetention,
} from './s3-lifecycle';

/**
 * Compliant when an `audit-log` bucket locks objects in COMPLIANCE mode for at least 90 days
 * and no lifecycle rule expires objects (current or noncurrent) before 12 months.
 */
export function s3AuditLogBucketLocked(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket' || storeClass(node) !== DataClass.AUDIT_LOG) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const lock = objectLockRetention(node);
  // No default retention at all is one weakness, not a wrong mode and a short period.
  const locked = lock.mode !== undefined || lock.days !== undefined;
  const tooEarly = (days: number | undefined) =>
    days !== undefined && days < LOG_MIN_RETENTION.toDays();
  const rules = enabledLifecycleRules(node);
  return new Findings(node)
    .unless(locked, 'NoObjectLock')
    .unless(!locked || lock.mode === 'COMPLIANCE', 'ObjectLockCompliance')
    .unless(!locked || (lock.days ?? 0) >= AUDIT_LOG_MIN_IMMUTABLE.toDays(), 'ObjectLockDays')
    .unless(
      !rules.some((r) => tooEarly(expirationDays(r)) || tooEarly(noncurrentExpirationDays(r))),
      'EarlyExpiration',
    )
    .result();
}
