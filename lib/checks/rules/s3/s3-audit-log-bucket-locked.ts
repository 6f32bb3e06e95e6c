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
  currentDayCounts,
  earliestDeletionDays,
  noncurrentDayCounts,
  objectLockRetention,
  possiblyEnabledLifecycleRules,
  unresolvedLifecycle,
} from './s3-lifecycle';

/**
 * Compliant when an `audit-log` bucket locks objects in COMPLIANCE mode for at least 90 days
 * and no lifecycle rule that may be on deletes any object (current or noncurrent, whatever its
 * prefix, tag or size filter) before 12 months, nor on a fixed date.
 */
export function s3AuditLogBucketLocked(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket' || storeClass(node) !== DataClass.AUDIT_LOG) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const lock = objectLockRetention(node);
  const tooEarly = (rule: Record<string, unknown>) => {
    const days = earliestDeletionDays(rule);
    return (
      rule.ExpirationDate !== undefined || (days !== undefined && days < LOG_MIN_RETENTION.toDays())
    );
  };
  const rules = possiblyEnabledLifecycleRules(node);
  // No default retention at all is one weakness, not a wrong mode and a short period.
  const locked = lock.mode !== undefined || lock.days !== undefined;
  const findings = new Findings(node)
    .unless(locked, 'NoObjectLock')
    .unless(!locked || lock.mode === 'COMPLIANCE', 'ObjectLockCompliance')
    .unless(!locked || (lock.days ?? 0) >= AUDIT_LOG_MIN_IMMUTABLE.toDays(), 'ObjectLockDays');
  const counts = (r: Record<string, unknown>): [string, unknown][] => [
    ['Status', r.Status],
    ...currentDayCounts(r),
    ...noncurrentDayCounts(r),
  ];
  if (!unresolvedLifecycle(findings, rules, counts)) {
    findings.unless(!rules.some(tooEarly), 'EarlyExpiration');
  }
  return findings.result();
}
