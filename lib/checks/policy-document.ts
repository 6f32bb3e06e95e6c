/**
 * Reading resolved IAM policy documents (bucket, key, topic, queue and identity policies).
 */

/** A policy statement as it appears in a resolved template. */
export interface StatementJson {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a resolved policy document; an empty list when there are none. */
export function statementsOf(document: unknown): StatementJson[] {
  if (document === null || typeof document !== 'object') return [];
  const statements = (document as { Statement?: unknown }).Statement;
  if (Array.isArray(statements)) return statements as StatementJson[];
  return statements && typeof statements === 'object' ? [statements as StatementJson] : [];
}

/** A value that may be a single item or a list, as a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a statement's principal is everyone (`*` or `{ AWS: '*' }`). */
export function isEveryonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    return asList((principal as Record<string, unknown>).AWS).includes('*');
  }
  return false;
}

/** Whether a statement's actions cover `action` (exact, `service:*` or `*`). */
export function coversAction(statement: StatementJson, action: string): boolean {
  const service = action.split(':')[0];
  return asList(statement.Action).some((a) => a === '*' || a === action || a === `${service}:*`);
}

/** A condition value, whatever the operator's casing of booleans and lists. */
export function conditionValues(statement: StatementJson, operator: string, key: string): string[] {
  const block = statement.Condition?.[operator];
  if (!block) return [];
  const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry ? asList(entry[1]).map((v) => String(v)) : [];
}

/** Whether the document denies, to everyone, every action of `service` under a condition. */
export function deniesEveryoneWhen(
  document: unknown,
  action: string,
  matches: (statement: StatementJson) => boolean,
): boolean {
  return statementsOf(document).some(
    (s) =>
      s.Effect === 'Deny' &&
      isEveryonePrincipal(s.Principal) &&
      coversAction(s, action) &&
      matches(s),
  );
}

/** The statement denies requests sent without TLS (`aws:SecureTransport` false). */
export function isInsecureTransportCondition(statement: StatementJson): boolean {
  return conditionValues(statement, 'Bool', 'aws:SecureTransport').includes('false');
}

/** The statement denies requests with a TLS version below `minimum` (`<service>:TlsVersion`). */
export function isOldTlsCondition(statement: StatementJson, minimum: number): boolean {
  const block = statement.Condition?.NumericLessThan ?? {};
  return Object.entries(block).some(
    ([key, value]) => /:tlsversion$/i.test(key) && asList(value).some((v) => Number(v) >= minimum),
  );
}

/** Whether an IAM action pattern (with `*` and `?` wildcards) covers `action`, case-insensitively. */
export function actionPatternCovers(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

/** Whether an Allow statement grants `action` (through `Action` or `NotAction`). */
export function allowsAction(statement: StatementJson, action: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some((p) => actionPatternCovers(String(p), action));
  }
  return asList(statement.Action).some((p) => actionPatternCovers(String(p), action));
}

/** Condition keys that narrow an Allow to everyone down to known accounts, networks or sources. */
const NARROWING_CONDITION_KEYS: readonly string[] = [
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'kms:calleraccount',
];

/** Whether a statement carries a condition that limits who or where it applies to. */
export function hasNarrowingCondition(statement: StatementJson): boolean {
  return Object.values(statement.Condition ?? {}).some((block) =>
    Object.keys(block ?? {}).some((key) => NARROWING_CONDITION_KEYS.includes(key.toLowerCase())),
  );
}

/** Whether a statement allows everyone (`*` principal) without a condition narrowing it. */
export function allowsEveryone(statement: StatementJson): boolean {
  return (
    statement.Effect === 'Allow' &&
    isEveryonePrincipal(statement.Principal) &&
    !hasNarrowingCondition(statement)
  );
}
