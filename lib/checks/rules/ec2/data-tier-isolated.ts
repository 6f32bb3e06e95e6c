import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf, referencedResource } from '../../resolve';
import { subnetRoutesToInternet } from './subnet-routes';

/**
 * Where each data store type names its subnets: directly (`subnets`), or through a subnet group
 * (`group` on the store, of type `groupType`, listing `groupSubnets`). `required` when the service
 * places the store in the default VPC, whose subnets route to the internet, without it.
 */
interface Placement {
  readonly subnets?: (properties: Record<string, unknown>) => unknown;
  readonly group?: string;
  readonly groupType?: string;
  readonly groupSubnets?: string;
  readonly property: string;
}

const RDS_GROUP = {
  group: 'DBSubnetGroupName',
  groupType: 'AWS::RDS::DBSubnetGroup',
  groupSubnets: 'SubnetIds',
  property: 'DBSubnetGroupName',
};
const CACHE_GROUP = {
  group: 'CacheSubnetGroupName',
  groupType: 'AWS::ElastiCache::SubnetGroup',
  groupSubnets: 'SubnetIds',
  property: 'CacheSubnetGroupName',
};

/** The data stores that live in subnets, and how each names them. */
export const PLACEMENTS: Readonly<Record<string, Placement>> = {
  'AWS::RDS::DBInstance': RDS_GROUP,
  'AWS::RDS::DBCluster': RDS_GROUP,
  'AWS::ElastiCache::ReplicationGroup': CACHE_GROUP,
  'AWS::ElastiCache::CacheCluster': CACHE_GROUP,
  'AWS::ElastiCache::ServerlessCache': { subnets: (p) => p.SubnetIds, property: 'SubnetIds' },
  'AWS::OpenSearchService::Domain': {
    subnets: (p) => objectOf(p.VPCOptions).SubnetIds,
    property: 'VPCOptions.SubnetIds',
  },
  'AWS::Elasticsearch::Domain': {
    subnets: (p) => objectOf(p.VPCOptions).SubnetIds,
    property: 'VPCOptions.SubnetIds',
  },
  'AWS::EFS::MountTarget': { subnets: (p) => [p.SubnetId], property: 'SubnetId' },
};

/**
 * Compliant when a data store of the app sits only in subnets without a route to the internet
 * (no internet, NAT or egress-only gateway behind a world-open destination), as DPP-NP-1 asks of
 * the data tier. A database or cache without a subnet group lands in the default VPC, whose
 * subnets route to the internet; a subnet or group the app does not declare cannot be judged. A
 * search domain outside any VPC is judged by OpenSearchInVpc, an Aurora instance through its
 * cluster, a cache node through its replication group.
 */
export function dataTierIsolated(node: CfnResource): NagRuleResult {
  const placement = PLACEMENTS[node.cfnResourceType] as Placement | undefined;
  if (!placement) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  if (node.cfnResourceType === 'AWS::RDS::DBInstance' && properties.DBClusterIdentifier) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (node.cfnResourceType === 'AWS::ElastiCache::CacheCluster' && properties.ReplicationGroupId) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  let subnets: unknown;
  let scope = node;
  if (placement.subnets) {
    subnets = placement.subnets(properties);
    const domain = node.cfnResourceType.endsWith('::Domain');
    if (domain && subnets === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  } else {
    const name = properties[placement.group as string];
    if (name === undefined) return findings.add('DefaultVpc').result();
    const group = referencedResource(node, name);
    if (group === undefined || group.cfnResourceType !== placement.groupType) {
      return findings.add(`Unresolved::${placement.property}`).result();
    }
    subnets = propertiesOf(group)[placement.groupSubnets as string];
    scope = group;
  }
  if (subnets === undefined) return findings.add('DefaultVpc').result();
  const list = Array.isArray(subnets) ? subnets : [subnets];
  for (const subnet of list) {
    const resource = referencedResource(scope, subnet);
    if (resource === undefined || resource.cfnResourceType !== 'AWS::EC2::Subnet') {
      findings.add(`Unresolved::${placement.property}`);
    } else if (subnetRoutesToInternet(resource)) {
      findings.add('SubnetRoutesToInternet');
    }
  }
  return findings.result();
}
