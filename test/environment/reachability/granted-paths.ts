import { actionInfo, expandActionPattern } from '../../../lib/checks/iam-actions';
import { asList } from '../../../lib/checks/policy-document';
import { DataStore } from './data-stores';
import { EnvironmentRole } from './environment-roles';
import { UnevaluableCondition } from './policy-conditions';
import { identityStatementApplies } from './policy-statements';

/** A data action a role's policies grant on a store. */
export interface GrantedPath {
  readonly role: EnvironmentRole;
  readonly action: string;
  readonly store: DataStore;
  /** The resource of a request the grant admits (`*` of an item pattern made concrete). */
  readonly resource: string;
}

/** What a role's policies grant on the data stores, and the grants that reach no store. */
export interface RoleGrants {
  readonly paths: GrantedPath[];
  /** Why a grant on a store opens no path of its own (a KMS grant only through S3, say). */
  readonly notes: string[];
}

/** A concrete resource for a pattern: `…/*` stands for one of the items it covers. */
function concreteResource(pattern: string, store: DataStore): string {
  return pattern === '*' ? store.identity : pattern.replace(/\*/g, 'example');
}

/** The stores a statement's resource names: those whose identity it holds, or all for `*`. */
function storesNamed(resource: string, service: string, stores: readonly DataStore[]): DataStore[] {
  if (resource === '*') return stores.filter((s) => s.service === service);
  return stores.filter((s) => s.service === service && resource.includes(s.identity));
}

/**
 * Every data action the role's own statements grant on a store, each action of a pattern
 * expanded by the Service Authorization Reference. A grant IAM would never apply (an action that
 * takes only `*`, named on one resource) and a KMS grant usable only through another service
 * (`kms:ViaService`) are notes, not paths: the service calls KMS on the caller's behalf.
 */
export function grantedPaths(role: EnvironmentRole, stores: readonly DataStore[]): RoleGrants {
  const paths = new Map<string, GrantedPath>();
  const notes = new Set<string>();
  for (const statement of role.statements) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
      throw new UnevaluableCondition(
        `${role.name} allows by NotAction or NotResource, which the walker does not expand`,
      );
    }
    for (const resource of asList(statement.Resource).map(String)) {
      for (const pattern of asList(statement.Action).map(String)) {
        for (const action of expandActionPattern(pattern)) {
          const service = action.split(':')[0];
          for (const store of storesNamed(resource, service, stores)) {
            const key = `${action} ${store.name}`;
            if (paths.has(key)) continue;
            if (resource !== '*' && (actionInfo(action)?.resourceTypes.length ?? 0) === 0) {
              notes.add(
                `${action} on ${store.name}: the action takes only \`*\`, so IAM never applies this grant`,
              );
              continue;
            }
            const request = {
              action,
              resource: concreteResource(resource, store),
              principalArn: role.arn,
            };
            if (!identityStatementApplies(statement, request)) {
              notes.add(
                `${action} on ${store.name}: its condition never holds for a direct call (${JSON.stringify(statement.Condition)}); the service it names calls for the role`,
              );
              continue;
            }
            paths.set(key, { role, action, store, resource: request.resource });
          }
        }
      }
    }
  }
  return { paths: [...paths.values()], notes: [...notes].sort() };
}
