import { asList } from '../../../lib/checks/policy-document';
import { Caller } from './callers';
import { EnvironmentTemplates } from './environment-templates';
import { NetworkTarget } from './network-target';
import { Refusal } from './refusal';

/**
 * The second hop: a gateway endpoint is reached only from subnets whose route table it is
 * associated with (the route to the service's prefix list). Interface endpoints and databases
 * have addresses in the caller's VPC, which the local route reaches.
 */
export function routeTable(
  templates: EnvironmentTemplates,
  caller: Extract<Caller, { kind: 'function in a VPC' }>,
  target: NetworkTarget,
): Refusal | undefined {
  if (target.kind !== 'gateway endpoint') return undefined;
  const associated = asList(templates.property(target.endpoint, 'RouteTableIds')).map(String);
  const associations = templates.resources('AWS::EC2::SubnetRouteTableAssociation');
  const unrouted = caller.subnets.filter((subnet) => {
    const tables = associations
      .filter((a) => templates.property(a, 'SubnetId') === subnet)
      .map((a) => String(templates.property(a, 'RouteTableId')));
    return !tables.some((table) => associated.includes(table));
  });
  if (unrouted.length === 0) return undefined;
  return {
    hop: 'route table',
    reason: `the route tables of ${unrouted.join(', ')} have no route to ${target.serviceName} through ${target.endpoint.ref}`,
  };
}
