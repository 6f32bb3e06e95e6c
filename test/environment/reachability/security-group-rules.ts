import { asList } from '../../../lib/checks/policy-document';
import { EnvironmentTemplates } from './environment-templates';

/** One rule of a security group, resolved. */
export interface SecurityGroupRule {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIp?: string;
  readonly DestinationPrefixListId?: string;
  readonly DestinationSecurityGroupId?: string;
  readonly SourceSecurityGroupId?: string;
}

/**
 * The ingress or egress rules of the security group whose id is `groupId` (its `GroupId`
 * attribute): inline in the group and in separate rule resources of any stack.
 */
export function securityGroupRules(
  templates: EnvironmentTemplates,
  groupId: string,
  direction: 'Ingress' | 'Egress',
): SecurityGroupRule[] {
  const group = templates.resourceNamedBy(groupId);
  const inline = group
    ? (asList(templates.property(group, `SecurityGroup${direction}`)) as SecurityGroupRule[])
    : [];
  const separate = templates
    .resources(`AWS::EC2::SecurityGroup${direction}`)
    .filter((rule) => templates.property(rule, 'GroupId') === groupId)
    .map((rule) => templates.resolve(rule.stack, rule.properties) as SecurityGroupRule);
  return [...inline, ...separate];
}

/** Whether a rule opens TCP `port`. */
export function opensPort(rule: SecurityGroupRule, port: number): boolean {
  if (String(rule.IpProtocol) === '-1') return true;
  return rule.IpProtocol === 'tcp' && Number(rule.FromPort) <= port && port <= Number(rule.ToPort);
}

function ipv4(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Whether the IPv4 CIDR `outer` contains `inner`; false when either is not literal. */
export function cidrContains(outer: string | undefined, inner: string | undefined): boolean {
  const pattern = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/;
  const o = pattern.exec(outer ?? '');
  const i = pattern.exec(inner ?? '');
  if (!o || !i || Number(i[2]) < Number(o[2])) return false;
  const size = 2 ** (32 - Number(o[2]));
  return Math.floor(ipv4(o[1]) / size) === Math.floor(ipv4(i[1]) / size);
}
