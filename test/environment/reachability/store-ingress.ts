import { Caller } from './callers';
import { EnvironmentTemplates } from './environment-templates';
import { NetworkTarget } from './network-target';
import { Refusal } from './refusal';
import { cidrContains, opensPort, securityGroupRules } from './security-group-rules';

/**
 * The last hop: a security group of the interface endpoint or the database lets the caller in,
 * naming one of its groups or a range holding the whole VPC. A gateway endpoint has no group.
 */
export function storeIngress(
  templates: EnvironmentTemplates,
  caller: Extract<Caller, { kind: 'function in a VPC' }>,
  target: NetworkTarget,
): Refusal | undefined {
  if (target.kind === 'gateway endpoint') return undefined;
  const vpc = templates.resourceNamedBy(caller.vpc);
  const vpcCidr = vpc ? String(templates.property(vpc, 'CidrBlock')) : undefined;
  const admitted = target.securityGroups.some((group) =>
    securityGroupRules(templates, group, 'Ingress').some(
      (rule) =>
        opensPort(rule, target.port) &&
        ((rule.SourceSecurityGroupId !== undefined &&
          caller.securityGroups.includes(rule.SourceSecurityGroupId)) ||
          cidrContains(rule.CidrIp, vpcCidr)),
    ),
  );
  if (admitted) return undefined;
  return {
    hop: 'store ingress',
    reason: `no ingress rule of ${target.securityGroups.join(', ')} admits ${caller.securityGroups.join(', ')} on TCP ${target.port}`,
  };
}
