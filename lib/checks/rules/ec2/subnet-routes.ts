import { CfnResource } from 'aws-cdk-lib';
import { isWorldOpenCidr } from '../../../../constructs/network/cidr';
import { propertiesOf, referencedResource } from '../../resolve';
import { appFact } from '../app/app-index';

/** The route tables of the app's subnets, by subnet, from their associations. */
function routeTablesBySubnet(associations: CfnResource[]): Map<CfnResource, CfnResource[]> {
  const index = new Map<CfnResource, CfnResource[]>();
  for (const association of associations) {
    const properties = propertiesOf(association);
    const subnet = referencedResource(association, properties.SubnetId);
    const table = referencedResource(association, properties.RouteTableId);
    if (subnet && table) index.set(subnet, [...(index.get(subnet) ?? []), table]);
  }
  return index;
}

/** The routes of the app, by route table. */
function routesByTable(routes: CfnResource[]): Map<CfnResource, CfnResource[]> {
  const index = new Map<CfnResource, CfnResource[]>();
  for (const route of routes) {
    const table = referencedResource(route, propertiesOf(route).RouteTableId);
    if (table) index.set(table, [...(index.get(table) ?? []), route]);
  }
  return index;
}

/**
 * Whether a route sends traffic for the internet (a world-open destination) to an internet
 * gateway, which makes the public addresses of the subnet reachable from the internet. A gateway
 * the app does not declare counts when its id is an `igw-` id; an egress-only gateway or a NAT
 * gateway does not admit inbound connections.
 */
function routesToInternetGateway(route: CfnResource, family: 'IPv4' | 'IPv6'): boolean {
  const properties = propertiesOf(route);
  const destination =
    family === 'IPv4' ? properties.DestinationCidrBlock : properties.DestinationIpv6CidrBlock;
  if (typeof destination !== 'string' || !isWorldOpenCidr(destination)) return false;
  const gateway = properties.GatewayId;
  if (gateway === undefined) return false;
  const target = referencedResource(route, gateway);
  if (target) return target.cfnResourceType === 'AWS::EC2::InternetGateway';
  return typeof gateway !== 'string' || gateway.startsWith('igw-');
}

/**
 * Whether a subnet of the app routes `family` traffic to and from the internet through an
 * internet gateway (a route table associated with it holds such a route). A subnet without an
 * association uses the VPC's main route table, which a template cannot give routes to.
 */
export function subnetReachesInternet(subnet: CfnResource, family: 'IPv4' | 'IPv6'): boolean {
  const tables =
    appFact(subnet, 'AWS::EC2::SubnetRouteTableAssociation', routeTablesBySubnet).get(subnet) ?? [];
  const routes = appFact(subnet, 'AWS::EC2::Route', routesByTable);
  return tables.some((table) =>
    (routes.get(table) ?? []).some((route) => routesToInternetGateway(route, family)),
  );
}

/**
 * Whether a route sends traffic for the internet (a world-open destination, IPv4 or IPv6) out of
 * the VPC: to an internet gateway, a NAT gateway, an egress-only internet gateway or a NAT
 * instance. A virtual private gateway (`vgw-`) leads to a private network; a transit gateway or
 * a peering connection leads to another VPC, which the template cannot follow, and is not
 * counted.
 */
function routesOut(route: CfnResource): boolean {
  const properties = propertiesOf(route);
  const destinations = [properties.DestinationCidrBlock, properties.DestinationIpv6CidrBlock];
  if (!destinations.some((d) => typeof d === 'string' && isWorldOpenCidr(d))) return false;
  if (
    properties.NatGatewayId !== undefined ||
    properties.EgressOnlyInternetGatewayId !== undefined ||
    properties.InstanceId !== undefined
  ) {
    return true;
  }
  const gateway = properties.GatewayId;
  if (gateway === undefined) return false;
  const target = referencedResource(route, gateway);
  if (target) return target.cfnResourceType === 'AWS::EC2::InternetGateway';
  return typeof gateway !== 'string' || !gateway.startsWith('vgw-');
}

/**
 * Whether a subnet of the app has a route to the internet, in or out (a route table associated
 * with it sends world-open destinations to an internet, NAT or egress-only gateway).
 */
export function subnetRoutesToInternet(subnet: CfnResource): boolean {
  const tables =
    appFact(subnet, 'AWS::EC2::SubnetRouteTableAssociation', routeTablesBySubnet).get(subnet) ?? [];
  const routes = appFact(subnet, 'AWS::EC2::Route', routesByTable);
  return tables.some((table) => (routes.get(table) ?? []).some(routesOut));
}
