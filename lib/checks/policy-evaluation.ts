/**
 * Evaluating one request against the deny statements of resolved policy documents, with IAM's
 * semantics: action patterns and `NotAction`, resource patterns and `NotResource`, and the
 * condition operators the guardrails and the data perimeter use. It answers "does any statement
 * deny this request?"; an allow is what is left, as under an SCP or RCP beside the
 * `FullAWSAccess` policies.
 *
 * Condition rules, as the IAM User Guide states them ("IAM JSON policy elements: Condition
 * operators", "Single-valued vs. multivalued context keys"):
 * - every operator of a `Condition` block must hold, every key under an operator must hold, and
 *   a key holds when the request matches any of its values (a negated operator: none of them);
 * - a key missing from the request fails a positive operator and satisfies a negated one
 *   (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`); `...IfExists` holds when the key is
 *   missing; `Null` asks only whether the key is missing;
 * - a multivalued key (`aws:PrincipalOrgPaths`) with `ForAnyValue:` holds when any request value
 *   matches, with `ForAllValues:` when every one does (and when the key is missing); without a
 *   qualifier it is judged as `ForAnyValue:`.
 * Condition keys are case-insensitive; string and ARN values are compared case-sensitively,
 * except by the `...IgnoreCase` operators.
 */
import { parseCidr } from '../../constructs/network/cidr';
import { actionPatternCovers, asList, StatementJson, statementsOf } from './policy-document';

/** A value of the request context: one string, or the list of a multivalued key. */
export type ContextValue = string | readonly string[];

/** One request, as the policies see it. */
export interface EvaluatedRequest {
  /** The action (`s3:GetObject`). */
  readonly action: string;
  /** The resource ARN; statements with `Resource: "*"` match any. */
  readonly resource?: string;
  /** The request context, by key (`aws:PrincipalOrgID`); booleans as `'true'` / `'false'`. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** The outcome of a request: which statements deny it (by `Sid`, or their index). */
export interface Evaluation {
  /** Whether any statement denies the request. */
  readonly denied: boolean;
  /** The statements that deny it, by `Sid` or `#<index>` of the flattened list. */
  readonly deniedBy: readonly string[];
}

/** How an operator compares one request value with one policy value. */
type Comparison = (requestValue: string, policyValue: string) => boolean;

const globRegexes = new Map<string, RegExp>();

/** A case-sensitive `*`/`?` glob, as `StringLike` and `ArnLike` apply it. */
function globCovers(pattern: string, text: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = globRegexes.get(cacheKey);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    globRegexes.set(cacheKey, regex);
  }
  return regex.test(text);
}

/** `ArnLike`: each of the six colon-separated parts is matched on its own. */
function arnLike(arn: string, pattern: string): boolean {
  const split = (text: string) => {
    const parts = text.split(':');
    return [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const a = split(arn);
  const p = split(pattern);
  if (a.length !== 6 || p.length !== 6 || a[0] !== 'arn') return false;
  return p.every((part, i) => globCovers(part, a[i]));
}

/** Whether an address lies in a CIDR (or equals a single address), IPv4 or IPv6. */
function inCidr(address: string, cidr: string): boolean {
  const range = parseCidr(cidr.includes('/') ? cidr : `${cidr}/${cidr.includes(':') ? 128 : 32}`);
  const ip = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
  if (!range || !ip || range.family !== ip.family) return false;
  return ip.first >= range.first && ip.first <= range.last;
}

/** The base operators this evaluator knows: the comparison, and whether it is negated. */
const OPERATORS: Readonly<Record<string, { compare: Comparison; negated: boolean }>> = {
  stringequals: { compare: (r, p) => r === p, negated: false },
  stringnotequals: { compare: (r, p) => r === p, negated: true },
  stringequalsignorecase: {
    compare: (r, p) => r.toLowerCase() === p.toLowerCase(),
    negated: false,
  },
  stringnotequalsignorecase: {
    compare: (r, p) => r.toLowerCase() === p.toLowerCase(),
    negated: true,
  },
  stringlike: { compare: (r, p) => globCovers(p, r), negated: false },
  stringnotlike: { compare: (r, p) => globCovers(p, r), negated: true },
  arnequals: { compare: (r, p) => r === p, negated: false },
  arnnotequals: { compare: (r, p) => r === p, negated: true },
  arnlike: { compare: arnLike, negated: false },
  arnnotlike: { compare: arnLike, negated: true },
  bool: { compare: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: false },
  ipaddress: { compare: inCidr, negated: false },
  notipaddress: { compare: inCidr, negated: true },
};

/** A parsed operator name: qualifier, base operator and `IfExists`. */
interface ParsedOperator {
  readonly qualifier: 'any' | 'all' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  let op = operator.toLowerCase();
  let qualifier: ParsedOperator['qualifier'];
  if (op.startsWith('foranyvalue:')) qualifier = 'any';
  if (op.startsWith('forallvalues:')) qualifier = 'all';
  op = op.replace(/^for(anyvalue|allvalues):/, '');
  const ifExists = op.endsWith('ifexists');
  const base = ifExists ? op.slice(0, -'ifexists'.length) : op;
  if (base !== 'null' && OPERATORS[base] === undefined) {
    throw new Error(`policy evaluation: the condition operator ${operator} is not supported`);
  }
  return { qualifier, base, ifExists };
}

/** The request's values of a key, looked up case-insensitively; undefined when missing. */
function requestValues(request: EvaluatedRequest, key: string): readonly string[] | undefined {
  const entry = Object.entries(request.context ?? {}).find(
    ([k]) => k.toLowerCase() === key.toLowerCase(),
  );
  if (!entry) return undefined;
  const values = typeof entry[1] === 'string' ? [entry[1]] : entry[1];
  return values.length === 0 ? undefined : values;
}

/** Whether one key of one operator holds for the request. */
function keyHolds(
  operator: ParsedOperator,
  key: string,
  policyValues: readonly string[],
  request: EvaluatedRequest,
): boolean {
  const values = requestValues(request, key);
  if (operator.base === 'null') {
    return policyValues.some((p) => (p.toLowerCase() === 'true') === (values === undefined));
  }
  const { compare, negated } = OPERATORS[operator.base];
  if (values === undefined) {
    if (operator.ifExists || operator.qualifier === 'all') return true;
    return negated;
  }
  const valueHolds = (value: string) => {
    const matches = policyValues.some((p) => compare(value, p));
    return negated ? !matches : matches;
  };
  return operator.qualifier === 'all' ? values.every(valueHolds) : values.some(valueHolds);
}

/** Whether every condition of the statement holds for the request. */
export function conditionsHold(statement: StatementJson, request: EvaluatedRequest): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, block]) => {
    const parsed = parseOperator(operator);
    return Object.entries(block ?? {}).every(([key, value]) =>
      keyHolds(
        parsed,
        key,
        asList(value).map((v) => String(v)),
        request,
      ),
    );
  });
}

/** Whether the statement's `Action` or `NotAction` covers the request's action. */
export function actionApplies(statement: StatementJson, action: string): boolean {
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some((p) => actionPatternCovers(String(p), action));
  }
  return asList(statement.Action).some((p) => actionPatternCovers(String(p), action));
}

/** Whether the statement's `Resource` or `NotResource` covers the request's resource. */
export function resourceApplies(statement: StatementJson, resource: string | undefined): boolean {
  const covers = (patterns: unknown) =>
    asList(patterns).some((p) =>
      resource === undefined ? p === '*' : actionPatternCovers(String(p), resource),
    );
  if (statement.NotResource !== undefined) return !covers(statement.NotResource);
  return statement.Resource === undefined || covers(statement.Resource);
}

/**
 * Whether the statement applies to the request: its principal is everyone (or absent, as in an
 * SCP), and its actions, resources and conditions all cover the request. A statement naming
 * other principals, or `NotPrincipal`, is refused: the guardrails never write one.
 */
export function statementApplies(statement: StatementJson, request: EvaluatedRequest): boolean {
  if (statement.NotPrincipal !== undefined) {
    throw new Error('policy evaluation: NotPrincipal is not supported');
  }
  if (statement.Principal !== undefined && statement.Principal !== '*') {
    throw new Error(
      `policy evaluation: only the principal "*" is supported, got ${JSON.stringify(statement.Principal)}`,
    );
  }
  return (
    actionApplies(statement, request.action) &&
    resourceApplies(statement, request.resource) &&
    conditionsHold(statement, request)
  );
}

/** The Deny statements of the documents that apply to the request. */
export function evaluateDenies(
  documents: readonly unknown[],
  request: EvaluatedRequest,
): Evaluation {
  const statements = documents.flatMap((d) => statementsOf(d));
  const deniedBy = statements
    .map((s, i) => ({ s, name: s.Sid ?? `#${i}` }))
    .filter(({ s }) => s.Effect === 'Deny' && statementApplies(s, request))
    .map(({ name }) => name);
  return { denied: deniedBy.length > 0, deniedBy };
}
