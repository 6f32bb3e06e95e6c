import { DataRequest } from './data-request';
import { DataStore } from './data-stores';
import {
  denyingStatement,
  resourceStatementApplies,
  someAllow,
  statementName,
} from './policy-statements';
import { Refusal } from './refusal';

/**
 * The fourth hop: no statement of the store's resource policy denies the request (the
 * `aws:SourceVpce` fence, `aws:PrincipalArn` exemptions, `aws:SecureTransport`), and a key
 * policy also allows it.
 */
export function storePolicy(store: DataStore, request: DataRequest): Refusal | undefined {
  const statements = store.resourcePolicy;
  const deny = denyingStatement(statements, request, resourceStatementApplies);
  if (deny) {
    return {
      hop: 'store policy',
      reason: `${statementName(statements, deny)} of ${store.name} denies it`,
    };
  }
  if (store.resourcePolicyMustAllow && !someAllow(statements, request, resourceStatementApplies)) {
    return {
      hop: 'store policy',
      reason: `no statement of the key policy of ${store.name} allows it`,
    };
  }
  return undefined;
}
