/**
 * A small evaluation of the Deny statements of a secret's resource policy, for the conditions
 * the policy uses (ARN and string equality, `ForAnyValue:StringEquals`), the way IAM evaluates
 * them: a condition on a key the request lacks does not match, except for a negated operator,
 * which does; a statement denies when every one of its conditions matches.
 */

/** What a request carries that the policy's conditions read. */
export interface SecretRequest {
  readonly action: string;
  readonly principalArn: string;
  /** The VPC endpoint the request came through, if any. */
  readonly sourceVpce?: string;
  /** The tags of the secret. */
  readonly tags?: Record<string, string>;
  /** The tag keys of a TagResource or UntagResource request. */
  readonly tagKeys?: string[];
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((v) => String(v));

/** The values of a condition key in the request. */
function requestValues(request: SecretRequest, key: string): string[] | undefined {
  const lower = key.toLowerCase();
  if (lower === 'aws:principalarn') return [request.principalArn];
  if (lower === 'aws:sourcevpce') return request.sourceVpce ? [request.sourceVpce] : undefined;
  if (lower === 'aws:tagkeys') return request.tagKeys;
  const tag = /^(?:secretsmanager|aws):resourcetag\/(.+)$/.exec(lower)?.[1];
  if (tag !== undefined) {
    const entry = Object.entries(request.tags ?? {}).find(([k]) => k.toLowerCase() === tag);
    return entry ? [entry[1]] : undefined;
  }
  throw new Error(`the evaluation does not know the condition key ${key}`);
}

function matches(operator: string, expected: string[], actual: string[] | undefined): boolean {
  switch (operator) {
    case 'ArnEquals':
    case 'StringEquals':
      return actual !== undefined && actual.some((a) => expected.includes(a));
    case 'ArnNotEquals':
    case 'StringNotEquals':
      return actual === undefined || !actual.some((a) => expected.includes(a));
    case 'ForAnyValue:StringEquals':
      return actual !== undefined && actual.some((a) => expected.includes(a));
    default:
      throw new Error(`the evaluation does not know the operator ${operator}`);
  }
}

/** The Sids of the Deny statements that deny the request. */
export function deniedBy(statements: readonly Statement[], request: SecretRequest): string[] {
  return statements
    .filter((s) => s.Effect === 'Deny' && list(s.Action).includes(request.action))
    .filter((s) =>
      Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
        Object.entries(keys).every(([key, values]) =>
          matches(operator, list(values), requestValues(request, key)),
        ),
      ),
    )
    .map((s) => String((s as { Sid?: string }).Sid));
}
