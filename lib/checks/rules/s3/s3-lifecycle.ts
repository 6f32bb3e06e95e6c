import { CfnResource } from 'aws-cdk-lib';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { isIntrinsic, propertiesOf } from '../../resolve';

/**
 * Reading a bucket's lifecycle rules: which enabled rules apply to every object, and when they
 * expire current and noncurrent versions.
 */

/** The lifecycle rules of a bucket, enabled or not. */
export function lifecycleRules(node: CfnResource): Record<string, unknown>[] {
  return recordsOf(objectOf(propertiesOf(node).LifecycleConfiguration).Rules);
}

/** The enabled lifecycle rules of a bucket. */
export function enabledLifecycleRules(node: CfnResource): Record<string, unknown>[] {
  return lifecycleRules(node).filter((rule) => rule.Status === 'Enabled');
}

/**
 * The lifecycle rules that may apply: enabled, or whose status cannot be resolved. A rule whose
 * status is a parameter may be on, so a rule that must not delete early counts it.
 */
export function possiblyEnabledLifecycleRules(node: CfnResource): Record<string, unknown>[] {
  return lifecycleRules(node).filter(
    (rule) => rule.Status === 'Enabled' || isIntrinsic(rule.Status),
  );
}

/** Whether a filter value selects every object: absent, an empty prefix or an empty list. */
function selectsAll(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Whether a lifecycle rule applies to every object: no prefix, tag or size filter, at the top
 * of the rule or in a `Filter` block set by an override (`Filter: { Prefix: '' }` selects all).
 */
export function appliesToWholeBucket(rule: Record<string, unknown>): boolean {
  const filter = objectOf(rule.Filter);
  const and = objectOf(filter.And);
  return [rule, filter, and].every(
    (part) =>
      selectsAll(part.Prefix) &&
      selectsAll(part.TagFilters) &&
      selectsAll(part.Tag) &&
      selectsAll(part.Tags) &&
      part.ObjectSizeGreaterThan === undefined &&
      part.ObjectSizeLessThan === undefined,
  );
}

/** The days after which a rule expires current versions, if it does. */
export function expirationDays(rule: Record<string, unknown>): number | undefined {
  return rule.ExpirationInDays === undefined ? undefined : Number(rule.ExpirationInDays);
}

/**
 * The days after which a rule expires noncurrent versions, if it expires all of them. A rule
 * that keeps the N newest noncurrent versions (`NewerNoncurrentVersions`) keeps those forever,
 * so it expires none for certain.
 */
export function noncurrentExpirationDays(rule: Record<string, unknown>): number | undefined {
  const expiration = objectOf(rule.NoncurrentVersionExpiration);
  if (Number(expiration.NewerNoncurrentVersions ?? 0) > 0) return undefined;
  const days = expiration.NoncurrentDays ?? rule.NoncurrentVersionExpirationInDays;
  return days === undefined ? undefined : Number(days);
}

/**
 * The days after which a rule deletes some object or noncurrent version, whatever its filter:
 * what a rule that must not delete early (audit logs) is judged on. `NewerNoncurrentVersions`
 * does not delay the deletion of the older versions.
 */
export function earliestDeletionDays(rule: Record<string, unknown>): number | undefined {
  const expiration = objectOf(rule.NoncurrentVersionExpiration);
  const days = [
    rule.ExpirationInDays,
    expiration.NoncurrentDays,
    rule.NoncurrentVersionExpirationInDays,
  ]
    .filter((d) => d !== undefined)
    .map(Number);
  return days.length === 0 ? undefined : Math.min(...days);
}

/** The Object Lock default retention of a bucket, in days, with its mode. */
export function objectLockRetention(node: CfnResource): { mode?: unknown; days?: number } {
  const properties = propertiesOf(node);
  if (!isTrue(properties.ObjectLockEnabled)) return {};
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

/** The day counts of a rule that decide when it expires current versions. */
export function currentDayCounts(rule: Record<string, unknown>): [string, unknown][] {
  return [['ExpirationInDays', rule.ExpirationInDays]];
}

/** The values of a rule that decide when it expires noncurrent versions. */
export function noncurrentDayCounts(rule: Record<string, unknown>): [string, unknown][] {
  const expiration = objectOf(rule.NoncurrentVersionExpiration);
  return [
    ['NoncurrentDays', expiration.NoncurrentDays],
    ['NewerNoncurrentVersions', expiration.NewerNoncurrentVersions],
    ['NoncurrentVersionExpirationInDays', rule.NoncurrentVersionExpirationInDays],
  ];
}

/**
 * Records `Unresolved::<property>` for the first value `pick` returns, over all `rules`, that
 * the synth cannot resolve, and returns whether there was one.
 */
export function unresolvedLifecycle(
  findings: Findings,
  rules: Record<string, unknown>[],
  pick: (rule: Record<string, unknown>) => [string, unknown][],
): boolean {
  for (const [property, value] of rules.flatMap(pick)) {
    if (findings.cannotJudge(value)) {
      findings.add(`Unresolved::${property}`);
      return true;
    }
  }
  return false;
}
