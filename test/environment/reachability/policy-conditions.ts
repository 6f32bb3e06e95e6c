import { actionPatternCovers } from '../../../lib/checks/policy-document';
import { ACCOUNT, CALLER_TLS_VERSION, DataRequest, OBJECT_SCAN_STATUS } from './data-request';

/**
 * Keys whose value the caller chooses with each request (a header, the items it names, the age of
 * its signature): a caller that means to be admitted sends a request that meets an Allow's
 * condition on them and avoids a Deny's.
 */
const CALLER_CHOSEN_KEYS = [
  's3:x-amz-storage-class',
  's3:x-amz-acl',
  's3:x-amz-server-side-encryption',
  's3:signatureage',
  'dynamodb:leadingkeys',
  'dynamodb:attributes',
  'kms:encryptioncontext:*',
  'kms:grantisforawsresource',
];

/** A condition the walker cannot evaluate: the path it guards is neither open nor closed. */
export class UnevaluableCondition extends Error {}

/** The value of a global or service key in `request`; `undefined` when the request lacks it. */
function contextValue(key: string, request: DataRequest): string | undefined {
  switch (key.toLowerCase()) {
    case 'aws:sourcevpce':
      return request.sourceVpce;
    case 'aws:principalarn':
      return request.principalArn;
    case 'aws:principalaccount':
      return ACCOUNT;
    case 'aws:securetransport':
      return 'true';
    case 'aws:principalisawsservice':
      return 'false';
    case 's3:tlsversion':
      return String(CALLER_TLS_VERSION);
    case 'kms:viaservice':
      return request.viaService;
    case 's3:existingobjecttag/guarddutymalwarescanstatus':
      return request.resource.includes('/')
        ? (request.objectScanStatus ?? OBJECT_SCAN_STATUS)
        : undefined;
    default:
      throw new UnevaluableCondition(`the condition key ${key} cannot be evaluated`);
  }
}

function compare(base: string, actual: string, expected: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual === expected;
    case 'StringEqualsIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'StringLike':
    case 'ArnLike':
      return actionPatternCovers(expected, actual);
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'NumericEquals':
      return Number(actual) === Number(expected);
    case 'NumericLessThan':
      return Number(actual) < Number(expected);
    case 'NumericLessThanEquals':
      return Number(actual) <= Number(expected);
    case 'NumericGreaterThan':
      return Number(actual) > Number(expected);
    case 'NumericGreaterThanEquals':
      return Number(actual) >= Number(expected);
    default:
      throw new UnevaluableCondition(`the condition operator ${base} cannot be evaluated`);
  }
}

/** Whether one `operator: { key: values }` entry holds for `request`. */
function entryHolds(
  operator: string,
  key: string,
  expected: unknown,
  request: DataRequest,
): boolean {
  const ifExists = operator.endsWith('IfExists');
  const qualified = operator.replace(/IfExists$/, '');
  const [set, bare] = qualified.includes(':') ? qualified.split(':') : [undefined, qualified];
  if (set !== undefined) {
    throw new UnevaluableCondition(`the set operator ${operator} on ${key} cannot be evaluated`);
  }
  const negated = /Not/.test(bare);
  const base = bare.replace('Not', '');
  const expectedValues = (Array.isArray(expected) ? expected : [expected]).map(String);
  if (base === 'Null') {
    const present = contextValue(key, request) !== undefined;
    return expectedValues.includes(String(!present));
  }
  const actual = contextValue(key, request);
  if (actual === undefined) return ifExists || negated;
  const matches = expectedValues.some((value) => compare(base, actual, value));
  return negated ? !matches : matches;
}

/**
 * Whether the `Condition` block of a statement holds for `request`, every entry together. For a
 * key the caller chooses, a caller that means to be admitted makes an Allow's entry hold and a
 * Deny's fail (`effect`). Throws `UnevaluableCondition` for anything else it cannot judge.
 */
export function conditionsHold(
  conditions: Record<string, Record<string, unknown>> | undefined,
  request: DataRequest,
  effect: 'Allow' | 'Deny',
): boolean {
  for (const [operator, entries] of Object.entries(conditions ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      if (CALLER_CHOSEN_KEYS.some((chosen) => actionPatternCovers(chosen, key))) {
        if (effect === 'Deny') return false;
        continue;
      }
      if (!entryHolds(operator, key, expected, request)) return false;
    }
  }
  return true;
}
