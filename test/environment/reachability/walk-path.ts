import { Caller } from './callers';
import { DataRequest } from './data-request';
import { DataStore } from './data-stores';
import { endpointPolicy } from './endpoint-policy';
import { EnvironmentRole } from './environment-roles';
import { EnvironmentTemplates } from './environment-templates';
import { networkTarget } from './network-target';
import { denyingStatement, identityStatementApplies, someAllow } from './policy-statements';
import { Refusal } from './refusal';
import { routeTable } from './route-table';
import { securityGroupEgress } from './security-group-egress';
import { storeIngress } from './store-ingress';
import { storePolicy } from './store-policy';

/** A data action a role might take on a store. */
export interface PathQuestion {
  readonly role: EnvironmentRole;
  readonly action: string;
  readonly store: DataStore;
  /** The resource of the request (a bucket's object, the table). */
  readonly resource: string;
}

/** The role's own policies must allow the request, directly (not only through a service). */
function identityPolicy(question: PathQuestion, request: DataRequest): Refusal | undefined {
  const { statements } = question.role;
  if (denyingStatement(statements, request, identityStatementApplies)) {
    return { hop: 'identity policy', reason: `a statement of ${question.role.name} denies it` };
  }
  if (someAllow(statements, request, identityStatementApplies)) return undefined;
  return { hop: 'identity policy', reason: `no statement of ${question.role.name} grants it` };
}

/**
 * Every hop that refuses `question` from `caller`, in path order; empty when the request gets
 * through. From inside a VPC: the caller's security group egress, the route table, the VPC
 * endpoint's policy, the store's resource policy (seeing the endpoint as `aws:SourceVpce`) and
 * the ingress of the endpoint's or database's security group. From outside: the store's policy,
 * which sees no endpoint; a database not publicly accessible refuses every outside caller.
 */
export function walkPath(
  templates: EnvironmentTemplates,
  question: PathQuestion,
  caller: Caller,
): Refusal[] {
  const base: DataRequest = {
    action: question.action,
    resource: question.resource,
    principalArn: question.role.arn,
  };
  const refusals: (Refusal | undefined)[] = [identityPolicy(question, base)];
  if (caller.kind === 'outside the VPC') {
    if (question.store.kind === 'database') {
      const publicly = templates.property(question.store.resource, 'PubliclyAccessible');
      if (publicly !== true && publicly !== 'true') {
        refusals.push({
          hop: 'store ingress',
          reason: `${question.store.name} is not publicly accessible: only callers in its VPC reach it`,
        });
      }
    } else {
      refusals.push(storePolicy(question.store, base));
    }
    return refusals.filter((r): r is Refusal => r !== undefined);
  }
  const target = networkTarget(templates, question.store, caller.vpc);
  if (!target) {
    refusals.push({
      hop: 'route table',
      reason: `${caller.vpc} has no VPC endpoint for ${question.store.service}`,
    });
    return refusals.filter((r): r is Refusal => r !== undefined);
  }
  const request: DataRequest =
    target.kind === 'database' ? base : { ...base, sourceVpce: target.endpoint.ref };
  refusals.push(
    securityGroupEgress(templates, caller, target),
    routeTable(templates, caller, target),
    endpointPolicy(templates, target, request),
    target.kind === 'database' ? undefined : storePolicy(question.store, request),
    storeIngress(templates, caller, target),
  );
  return refusals.filter((r): r is Refusal => r !== undefined);
}
