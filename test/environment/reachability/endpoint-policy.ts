import { statementsOf } from '../../../lib/checks/policy-document';
import { DataRequest } from './data-request';
import { EnvironmentTemplates } from './environment-templates';
import { NetworkTarget } from './network-target';
import {
  denyingStatement,
  resourceStatementApplies,
  someAllow,
  statementName,
} from './policy-statements';
import { Refusal } from './refusal';

/**
 * The third hop: the endpoint's policy must allow the request and deny nothing of it. An
 * endpoint without a policy gives full access.
 */
export function endpointPolicy(
  templates: EnvironmentTemplates,
  target: NetworkTarget,
  request: DataRequest,
): Refusal | undefined {
  if (target.kind === 'database') return undefined;
  const document = templates.property(target.endpoint, 'PolicyDocument');
  if (document === undefined) return undefined;
  const statements = statementsOf(document);
  const deny = denyingStatement(statements, request, resourceStatementApplies);
  if (deny) {
    return {
      hop: 'endpoint policy',
      reason: `${statementName(statements, deny)} of ${target.endpoint.ref} denies it`,
    };
  }
  if (someAllow(statements, request, resourceStatementApplies)) return undefined;
  return { hop: 'endpoint policy', reason: `no statement of ${target.endpoint.ref} allows it` };
}
