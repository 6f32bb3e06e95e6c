import { StatementJson, actionPatternCovers, asList } from '../../../lib/checks/policy-document';
import { ACCOUNT_ROOT, DataRequest } from './data-request';
import { UnevaluableCondition, conditionsHold } from './policy-conditions';

function anyCovers(patterns: unknown, text: string): boolean {
  return asList(patterns).some((pattern) => actionPatternCovers(String(pattern), text));
}

/** Whether a statement's `Action`/`NotAction` and `Resource`/`NotResource` cover the request. */
function coversRequest(statement: StatementJson, request: DataRequest): boolean {
  const action =
    statement.NotAction !== undefined
      ? !anyCovers(statement.NotAction, request.action)
      : anyCovers(statement.Action, request.action);
  if (!action) return false;
  if (statement.NotResource !== undefined)
    return !anyCovers(statement.NotResource, request.resource);
  // A key policy names no resource but the key: a statement without `Resource` covers it.
  return statement.Resource === undefined || anyCovers(statement.Resource, request.resource);
}

/**
 * Whether a resource policy statement's `Principal` names the caller: everyone, the caller's role,
 * or the account root (which delegates to the account's identity policies). A service principal
 * names AWS services, never the role.
 */
function namesCaller(statement: StatementJson, request: DataRequest): boolean {
  if (statement.NotPrincipal !== undefined) {
    throw new UnevaluableCondition(`NotPrincipal in ${statement.Sid ?? 'a statement'}`);
  }
  const principal = statement.Principal;
  if (principal === '*') return true;
  const aws = asList((principal as { AWS?: unknown } | undefined)?.AWS).map(String);
  return aws.some((p) => p === '*' || p === request.principalArn || p === ACCOUNT_ROOT);
}

/** Whether an identity policy statement applies to the request (its role is the caller). */
export function identityStatementApplies(statement: StatementJson, request: DataRequest): boolean {
  const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
  return coversRequest(statement, request) && conditionsHold(statement.Condition, request, effect);
}

/** Whether a resource or endpoint policy statement applies to the request of the caller. */
export function resourceStatementApplies(statement: StatementJson, request: DataRequest): boolean {
  return namesCaller(statement, request) && identityStatementApplies(statement, request);
}

/** The statement of `statements` that denies the request, if one does. */
export function denyingStatement(
  statements: readonly StatementJson[],
  request: DataRequest,
  applies: (statement: StatementJson, request: DataRequest) => boolean,
): StatementJson | undefined {
  return statements.find((s) => s.Effect === 'Deny' && applies(s, request));
}

/** Whether some Allow statement of `statements` admits the request. */
export function someAllow(
  statements: readonly StatementJson[],
  request: DataRequest,
  applies: (statement: StatementJson, request: DataRequest) => boolean,
): boolean {
  return statements.some((s) => s.Effect === 'Allow' && applies(s, request));
}

/** A statement's Sid, or its position when it has none. */
export function statementName(
  statements: readonly StatementJson[],
  statement: StatementJson,
): string {
  return statement.Sid ?? `statement ${statements.indexOf(statement) + 1}`;
}
