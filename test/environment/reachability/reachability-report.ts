import { Caller, callersOf } from './callers';
import { DataStore, dataStores } from './data-stores';
import { EnvironmentRole, environmentRoles } from './environment-roles';
import { EnvironmentTemplates } from './environment-templates';
import { GrantedPath, grantedPaths } from './granted-paths';
import { Refusal } from './refusal';
import { walkPath } from './walk-path';

/** One granted path walked from one caller. */
export interface WalkedPath {
  readonly path: GrantedPath;
  readonly caller: Caller;
  /** The hops that refuse it, in path order; empty when it is reachable. */
  readonly refusals: Refusal[];
}

/** What the walker found for one role. */
export interface RoleReachability {
  readonly role: EnvironmentRole;
  readonly callers: Caller[];
  readonly walked: WalkedPath[];
  /** Grants on stores that open no path of their own. */
  readonly notes: string[];
  /** Why the role has no path to walk, when it has none. */
  readonly nothingApplies?: string;
}

/** The services a role's statements name, for a role with no data action on a store. */
function servicesNamed(role: EnvironmentRole): string {
  const services = new Set(
    role.statements.flatMap((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).map((a) => String(a).split(':')[0]),
    ),
  );
  return [...services].sort().join(', ') || 'none';
}

/**
 * Walks every data path every role of the environment is granted, from each of its callers.
 * A condition the walker cannot evaluate is thrown as `UnevaluableCondition`, never passed.
 */
export function reachability(templates: EnvironmentTemplates): {
  roles: RoleReachability[];
  stores: DataStore[];
} {
  const stores = dataStores(templates);
  const roles = environmentRoles(templates).map((role): RoleReachability => {
    const grants = grantedPaths(role, stores);
    const callers = callersOf(templates, role);
    const walked = grants.paths.flatMap((path) =>
      callers.map((caller) => ({ path, caller, refusals: walkPath(templates, path, caller) })),
    );
    let nothingApplies: string | undefined;
    if (grants.paths.length === 0) {
      const managed = role.managedPolicyArns.length
        ? `; the AWS-managed policies ${role.managedPolicyArns.join(', ')} are not in the template`
        : '';
      nothingApplies = `its own statements grant no data action on a store (services: ${servicesNamed(role)})${managed}`;
    } else if (callers.length === 0) {
      nothingApplies = 'no function runs as it and its trust policy names no principal';
    }
    const unread = role.managedPolicyArns.map(
      (arn) => `${arn}: an AWS-managed policy, not in the template, so its grants are not walked`,
    );
    return { role, callers, walked, notes: [...grants.notes, ...unread], nothingApplies };
  });
  return { roles, stores };
}

/** A line of the report: role, action, store, caller, and the first hop that refuses. */
export function describeGap(walked: WalkedPath): string {
  const [first] = walked.refusals;
  return (
    `${walked.path.role.name} ${walked.path.action} on ${walked.path.store.name} from ` +
    `${walked.caller.name}: refused at the ${first.hop} (${first.reason})`
  );
}
