import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Findings, objectOf, recordsOf } from '../../findings';
import {
  isIntrinsic,
  propertiesOf,
  referencedResource,
  appResourcesOfType,
  literalText,
} from '../../resolve';
import { appFact } from '../app/app-index';

/** The types that open ingress: a security group and a standalone ingress rule. */
export const INGRESS_TYPES: readonly string[] = [
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
];

/** Whether a resource can open ingress (a security group or a standalone ingress rule). */
export function opensIngress(node: CfnResource): boolean {
  return INGRESS_TYPES.includes(node.cfnResourceType);
}

/** One ingress rule and the resource that declares it. */
export interface IngressRule {
  /** The rule's properties: an inline rule of a group, or a standalone rule's properties. */
  readonly rule: Record<string, unknown>;
  /** The resource that declares the rule (a group or a standalone ingress rule). */
  readonly declaredBy: CfnResource;
}

/**
 * What a reference to a security group designates: the group of the app, or, for a group
 * the app does not declare (`sg-1`, a parameter, a VPC's default group), a key that is the
 * same for every reference to it.
 */
export type GroupTarget = CfnResource | string;

/**
 * The group a resolved security-group reference designates. Literal ids are the same group in
 * every stack; an intrinsic the app cannot follow is keyed within its stack.
 */
export function groupTarget(scope: IConstruct, value: unknown): GroupTarget | undefined {
  if (value === undefined) return undefined;
  const target = referencedResource(scope, value);
  if (target?.cfnResourceType === 'AWS::EC2::SecurityGroup') return target;
  const attribute = objectOf(value)['Fn::GetAtt'];
  if (target && Array.isArray(attribute)) return `${target.node.path}.${String(attribute[1])}`;
  if (target) return target.node.path;
  if (typeof value === 'string') return value;
  return `${Stack.of(scope).node.path}:${JSON.stringify(value)}`;
}

/** The group a standalone ingress rule adds to (by `GroupId`, else `GroupName`). */
function standaloneTarget(node: CfnResource): GroupTarget | undefined {
  const properties = propertiesOf(node);
  return groupTarget(node, properties.GroupId ?? properties.GroupName);
}

/** The standalone ingress rules of the app, by the group they add to. Computed once. */
function standaloneRulesByGroup(resources: CfnResource[]): Map<GroupTarget, CfnResource[]> {
  const index = new Map<GroupTarget, CfnResource[]>();
  for (const resource of resources) {
    const target = standaloneTarget(resource) ?? resource;
    index.set(target, [...(index.get(target) ?? []), resource]);
  }
  return index;
}

/**
 * Every ingress rule of one group, when `node` is the resource that carries the group's
 * findings: a group of the app (its inline rules and every standalone rule of the app that adds
 * to it, in any stack), or, for a group the app does not declare, the first standalone rule that
 * adds to it. Undefined for a standalone rule whose group carries the findings elsewhere, so
 * one weakness is reported once.
 */
export function ingressOfGroup(
  node: CfnResource,
): { readonly target: GroupTarget; readonly rules: IngressRule[] } | undefined {
  const index = appFact(node, 'AWS::EC2::SecurityGroupIngress', standaloneRulesByGroup);
  if (node.cfnResourceType === 'AWS::EC2::SecurityGroup') {
    const inline = recordsOf(propertiesOf(node).SecurityGroupIngress).map((rule) => ({
      rule,
      declaredBy: node,
    }));
    const standalone = (index.get(node) ?? []).map((r) => ({
      rule: propertiesOf(r),
      declaredBy: r,
    }));
    return { target: node, rules: [...inline, ...standalone] };
  }
  if (node.cfnResourceType !== 'AWS::EC2::SecurityGroupIngress') return undefined;
  const target = standaloneTarget(node) ?? node;
  if (target instanceof CfnResource && target !== node) return undefined;
  const siblings = index.get(target) ?? [node];
  if (siblings[0] !== node) return undefined;
  return { target, rules: siblings.map((r) => ({ rule: propertiesOf(r), declaredBy: r })) };
}

/** Resource types whose address attributes are ranges of the app's own network. */
const OWN_NETWORK_TYPES = ['AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::Subnet'];

/**
 * Whether a resolved value is built only from attributes of the app's VPCs and subnets (their
 * CIDR blocks, `Fn::Select`/`Fn::Cidr` of them): a range of the app's own network, at most a
 * `/16` of IPv4 or a `/44` of IPv6, never world-open.
 */
export function isOwnNetworkRange(scope: IConstruct, value: unknown): boolean {
  let own = true;
  let references = 0;
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const target = referencedResource(scope, v);
    if (target) {
      references++;
      if (!OWN_NETWORK_TYPES.includes(target.cfnResourceType)) own = false;
      return;
    }
    const keys = Object.keys(v);
    if (keys.includes('Ref') || keys.includes('Fn::GetAtt') || keys.includes('Fn::ImportValue')) {
      own = false;
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return own && references > 0;
}

/** The CIDRs one rule admits, and the sources it names that cannot be judged. */
export interface RuleSources {
  /** The CIDRs admitted, literal or read from the app's prefix lists. */
  readonly cidrs: string[];
  /** The properties whose value cannot be resolved, as `Unresolved::<property>` findings. */
  readonly unresolved: string[];
}

/**
 * The CIDRs an ingress rule admits: `CidrIp`, `CidrIpv6`, and the entries of a prefix list of
 * the app named by `SourcePrefixListId`. A range of the app's own network contributes nothing;
 * a value the app cannot resolve, and a prefix list it does not declare (an AWS-managed list, an
 * id, a parameter), is unresolved. A source security group admits no CIDR.
 */
export function sourcesOf({ rule, declaredBy }: IngressRule): RuleSources {
  const cidrs: string[] = [];
  const unresolved: string[] = [];
  for (const property of ['CidrIp', 'CidrIpv6']) {
    const value = rule[property];
    if (value === undefined) continue;
    if (typeof value === 'string' && !isIntrinsic(value)) cidrs.push(value);
    else if (!isOwnNetworkRange(declaredBy, value)) unresolved.push(`Unresolved::${property}`);
  }
  const prefixList = rule.SourcePrefixListId;
  if (prefixList !== undefined) {
    const list = referencedResource(declaredBy, prefixList);
    if (list?.cfnResourceType !== 'AWS::EC2::PrefixList') {
      unresolved.push('Unresolved::SourcePrefixListId');
    } else {
      for (const entry of recordsOf(propertiesOf(list).Entries)) {
        const cidr = literalText(entry.Cidr);
        if (cidr === undefined || isIntrinsic(cidr)) {
          unresolved.push('Unresolved::PrefixListEntry');
        } else cidrs.push(cidr);
      }
      if (isIntrinsic(propertiesOf(list).Entries)) unresolved.push('Unresolved::PrefixListEntry');
    }
  }
  return { cidrs, unresolved };
}

/** Records findings of unresolved sources once each. */
export function addAll(findings: Findings, list: readonly string[]): void {
  for (const finding of list) findings.add(finding);
}

/** The security-group list properties of the data stores that listen on their own ports. */
const STORE_GROUP_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::RDS::DBInstance': 'VPCSecurityGroups',
  'AWS::RDS::DBCluster': 'VpcSecurityGroupIds',
  'AWS::ElastiCache::ReplicationGroup': 'SecurityGroupIds',
  'AWS::ElastiCache::CacheCluster': 'VpcSecurityGroupIds',
  'AWS::ElastiCache::ServerlessCache': 'SecurityGroupIds',
  'AWS::MemoryDB::Cluster': 'SecurityGroupIds',
  'AWS::DocDB::DBCluster': 'VpcSecurityGroupIds',
  'AWS::EFS::MountTarget': 'SecurityGroups',
};

/**
 * The data stores of the app that sit behind `target` (list it among their security groups):
 * databases, caches, DocumentDB clusters, and the file systems of EFS mount targets.
 */
export function storesBehind(scope: CfnResource, target: GroupTarget): CfnResource[] {
  const stores: CfnResource[] = [];
  for (const [type, property] of Object.entries(STORE_GROUP_PROPERTIES)) {
    for (const store of appResourcesOfType(scope, type)) {
      const groups = propertiesOf(store)[property];
      if (!Array.isArray(groups) || !groups.some((g) => groupTarget(store, g) === target)) {
        continue;
      }
      if (type === 'AWS::EFS::MountTarget') {
        const fileSystem = referencedResource(store, propertiesOf(store).FileSystemId);
        stores.push(fileSystem ?? store);
      } else stores.push(store);
    }
  }
  return stores;
}
