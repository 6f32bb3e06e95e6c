import { Caller } from './callers';
import { EnvironmentTemplates } from './environment-templates';
import { NetworkTarget } from './network-target';
import { UnevaluableCondition } from './policy-conditions';
import { Refusal } from './refusal';
import {
  SecurityGroupRule,
  cidrContains,
  opensPort,
  securityGroupRules,
} from './security-group-rules';

/**
 * Whether a prefix list id names the AWS-managed list of `serviceName`: the id is the response
 * of a `DescribeManagedPrefixLists` lookup filtered by that name. A literal id (`pl-…`) differs
 * per region and cannot be judged from the template.
 */
function isPrefixListOf(
  templates: EnvironmentTemplates,
  prefixListId: string,
  serviceName: string,
): boolean {
  const lookup = templates.resourceNamedBy(prefixListId);
  if (!lookup) {
    throw new UnevaluableCondition(
      `the prefix list ${prefixListId} is not a lookup of the template`,
    );
  }
  const call = String(templates.property(lookup, 'Create') ?? '');
  return (
    call.includes('"describeManagedPrefixLists"') &&
    call.includes(`"Name":"prefix-list-name","Values":["${serviceName}"]`)
  );
}

function admits(
  templates: EnvironmentTemplates,
  rule: SecurityGroupRule,
  target: NetworkTarget,
  vpcCidr: string | undefined,
): boolean {
  if (!opensPort(rule, target.port)) return false;
  if (rule.CidrIp === '0.0.0.0/0') return true;
  if (target.kind === 'gateway endpoint') {
    return (
      rule.DestinationPrefixListId !== undefined &&
      isPrefixListOf(templates, rule.DestinationPrefixListId, target.serviceName)
    );
  }
  // Interface endpoints and databases have addresses in the VPC, behind security groups.
  return (
    (rule.DestinationSecurityGroupId !== undefined &&
      target.securityGroups.includes(rule.DestinationSecurityGroupId)) ||
    cidrContains(rule.CidrIp, vpcCidr)
  );
}

/** The first hop: one of the caller's security groups must let the request out. */
export function securityGroupEgress(
  templates: EnvironmentTemplates,
  caller: Extract<Caller, { kind: 'function in a VPC' }>,
  target: NetworkTarget,
): Refusal | undefined {
  const vpc = templates.resourceNamedBy(caller.vpc);
  const vpcCidr = vpc ? String(templates.property(vpc, 'CidrBlock')) : undefined;
  const open = caller.securityGroups.some((group) =>
    securityGroupRules(templates, group, 'Egress').some((rule) =>
      admits(templates, rule, target, vpcCidr),
    ),
  );
  if (open) return undefined;
  const destination =
    target.kind === 'database' ? 'the database' : `the ${target.kind} of ${target.serviceName}`;
  return {
    hop: 'security group egress',
    reason: `no egress rule of ${caller.securityGroups.join(', ')} opens TCP ${target.port} to ${destination}`,
  };
}
