import { CfnResource } from 'aws-cdk-lib';
import { objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Reading a bucket's lifecycle rules: which enabled rules apply to every object, and when they
 * expire current and noncurrent versions.
 */

/** The enabled lifecycle rules of a bucket. */
export function enabledLifecycleRules(node: CfnResource): Record<string, unknown>[] {
  return recordsOf(objectOf(propertiesOf(node).LifecycleConfiguration).Rules).filter(
    (rule) => rule.Status === 'Enabled',
  );
}

/** Whether a lifecycle rule applies to every object (no prefix, tag or size filter). */
export function appliesToWholeBucket(rule: Record<string, unknown>): boolean {
  return (
    (rule.Prefix === undefined || rule.Prefix === '') &&
    rule.TagFilters === undefined &&
    rule.ObjectSizeGreaterThan === undefined &&
    rule.ObjectSizeLessThan === undefined
  );
}

/** The days after which a rule expires current versions, if it does. */
export function expirationDays(rule: Record<string, unknown>): number | undefined {
  return rule.ExpirationInDays === undefined ? undefined : Number(rule.ExpirationInDays);
}

/** The days after which a rule expires noncurrent versions, if it does. */
export function noncurrentExpirationDays(rule: Record<string, unknown>): number | undefined {
  const days =
    objectOf(rule.NoncurrentVersionExpiration).NoncurrentDays ??
    rule.NoncurrentVersionExpirationInDays;
  return days === undefined ? undefined : Number(days);
}

/** The Object Lock default retention of a bucket, in days, with its mode. */
export function objectLockRetention(node: CfnResource): { mode?: unknown; days?: number } {
  const properties = propertiesOf(node);
  if (properties.ObjectLockEnabled !== true && properties.ObjectLockEnabled !== 'true') return {};
  const retention = objectOf(
    objectOf(objectOf(properties.ObjectLockConfiguration).Rule).DefaultRetention,
  );
  const days =
    retention.Days !== undefined
      ? Number(retention.Days)
      : retention.Years !== undefined
        ? Number(retention.Years) * 365
        : undefined;
  return { mode: retention.Mode, days };
}
