/**
 * Reading resolved IAM policy documents (bucket, key, topic, queue and identity policies).
 */
import { literalText } from './resolve';

/** A policy statement as it appears in a resolved template. */
export interface StatementJson {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
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

/**
 * Whether one principal value means every account: `*`, or an ARN whose account is a wildcard.
 * An intrinsic inside a parsed JSON string (`${?}`, the stack's account) names one account.
 */
function isAnyAccount(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === '*') return true;
  const account = value.split(':')[4]?.replace(/\$\{\?\}/g, '');
  return value.startsWith('arn:') && account !== undefined && /[*?]/.test(account);
}

/**
 * Whether a statement's principal is everyone: `*`, `{ AWS: '*' }`, a principal of any type
 * given as `*`, or an ARN of any account (`arn:aws:iam::*:root`).
 */
export function isEveryonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    return Object.values(principal as Record<string, unknown>).some((v) =>
      asList(v).some(isAnyAccount),
    );
  }
  return false;
}

/**
 * Whether a statement applies to everyone: its principal is everyone, or it names who it does
 * NOT apply to (`NotPrincipal`), which leaves everyone else.
 */
export function appliesToEveryone(statement: StatementJson): boolean {
  return statement.NotPrincipal !== undefined || isEveryonePrincipal(statement.Principal);
}

/**
 * A policy document as a value: a JSON string (an `AWS::Logs::ResourcePolicy` or a
 * hand-written L1 property) parsed, with the intrinsics inside shown as `${?}`; undefined when
 * the string is not a JSON policy.
 */
export function parsedDocument(document: unknown): unknown {
  const isText =
    typeof document === 'string' ||
    (document !== null && typeof document === 'object' && 'Fn::Join' in document);
  const text = isText ? literalText(document) : undefined;
  if (text === undefined) return document;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
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

/**
 * The statement denies every request sent without TLS: `aws:SecureTransport` false is its only
 * condition. Any other condition key (an account, a source address) is ANDed with it and
 * narrows the deny, so plaintext requests outside it are let through.
 */
export function isInsecureTransportCondition(statement: StatementJson): boolean {
  const keys = Object.values(statement.Condition ?? {}).flatMap((block) =>
    Object.keys(block ?? {}).map((k) => k.toLowerCase()),
  );
  return (
    conditionValues(statement, 'Bool', 'aws:SecureTransport').includes('false') &&
    keys.every((k) => k === 'aws:securetransport')
  );
}

/** The statement denies requests with a TLS version below `minimum` (`<service>:TlsVersion`). */
export function isOldTlsCondition(statement: StatementJson, minimum: number): boolean {
  const block = statement.Condition?.NumericLessThan ?? {};
  return Object.entries(block).some(
    ([key, value]) => /:tlsversion$/i.test(key) && asList(value).some((v) => Number(v) >= minimum),
  );
}

const patternRegexes = new Map<string, RegExp>();

/**
 * Whether an IAM pattern (with `*` and `?` wildcards) covers `text`, case-insensitively: an
 * action pattern and an action, or a resource pattern and an ARN. Each pattern is compiled once.
 */
export function actionPatternCovers(pattern: string, text: string): boolean {
  let regex = patternRegexes.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 'is');
    patternRegexes.set(pattern, regex);
  }
  return regex.test(text);
}

/** Whether an Allow statement grants `action` (through `Action` or `NotAction`). */
export function allowsAction(statement: StatementJson, action: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some((p) => actionPatternCovers(String(p), action));
  }
  return asList(statement.Action).some((p) => actionPatternCovers(String(p), action));
}

/** Condition keys whose value names one account, organization, network or source. */
const NARROWING_CONDITION_KEYS: readonly string[] = [
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'kms:calleraccount',
];

/** Keys whose values are ARNs: they narrow when the ARN pins an account or a named resource. */
const ARN_CONDITION_KEYS: readonly string[] = ['aws:principalarn', 'aws:sourcearn'];

/**
 * Operators that require the key to be present and to match: negated operators (`StringNot*`,
 * `ArnNot*`) match every other value, `...IfExists` lets requests without the key through,
 * `ForAllValues:` is true when the key is absent, and `Null` only asks that the key is present.
 */
export function isNarrowingOperator(operator: string): boolean {
  const op = operator.toLowerCase();
  if (op.endsWith('ifexists') || op.startsWith('forallvalues:')) return false;
  const base = op.replace(/^foranyvalue:/, '');
  return ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'].includes(
    base,
  );
}

/** Whether one condition value pins who or where (no wildcard standing for any account). */
function isNarrowingValue(key: string, value: unknown): boolean {
  const text = literalText(value);
  // An intrinsic (`${AWS::AccountId}`, a reference to a VPC endpoint) names one thing.
  if (text === undefined) return value !== null && typeof value === 'object';
  const literal = text.replace(/\$\{\?\}/g, 'x');
  if (literal === '') return false;
  if (!ARN_CONDITION_KEYS.includes(key)) return !/[*?]/.test(literal);
  const [prefix, , , , account, ...resource] = literal.split(':');
  if (prefix !== 'arn' || account === undefined) return !/[*?]/.test(literal);
  if (account !== '') return !/[*?]/.test(account);
  // ARNs without an account (S3 buckets) narrow when the resource is named.
  return !/^[*?]/.test(resource.join(':'));
}

/**
 * Whether a statement carries a condition that limits who or where it applies to: a narrowing
 * key under an operator that requires it, with values that name an account, organization,
 * network or source rather than a wildcard.
 */
export function hasNarrowingCondition(statement: StatementJson): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, block]) =>
      isNarrowingOperator(operator) &&
      Object.entries(block ?? {}).some(([key, values]) => {
        const k = key.toLowerCase();
        const list = asList(values);
        return (
          NARROWING_CONDITION_KEYS.includes(k) &&
          list.length > 0 &&
          list.every((v) => isNarrowingValue(k, v))
        );
      }),
  );
}

/** Whether a statement allows everyone (`*` principal) without a condition narrowing it. */
export function allowsEveryone(statement: StatementJson): boolean {
  return (
    statement.Effect === 'Allow' &&
    appliesToEveryone(statement) &&
    !hasNarrowingCondition(statement)
  );
}
