import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { subnetReachesInternet } from './subnet-routes';

/** Every resource type through which something gets a public address. */
export const PUBLIC_ADDRESS_TYPES: readonly string[] = [
  'AWS::EC2::Subnet',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::SpotFleet',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::EC2::EIP',
  'AWS::EC2::EIPAssociation',
  'AWS::ECS::Service',
  'AWS::ECS::TaskSet',
];

/** Judges `AssociatePublicIpAddress` of network interfaces (instances, templates, fleets). */
function checkInterfaces(findings: Findings, interfaces: unknown): void {
  for (const nic of recordsOf(interfaces)) {
    findings.check(
      nic.AssociatePublicIpAddress,
      'AssociatePublicIpAddress',
      (v) => !isTrue(v),
      'PublicIp',
    );
  }
}

/**
 * Compliant when nothing gets a public address: no subnet gives one to every instance launched
 * in it (IPv4, or IPv6 where the subnet routes IPv6 to an internet gateway), no instance, launch
 * template, launch configuration, spot fleet or ECS task asks for one, and no Elastic IP is
 * attached to an instance or a network interface (a NAT gateway's Elastic IP admits no inbound
 * connection, so it is fine).
 */
export function ec2NoPublicIp(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!PUBLIC_ADDRESS_TYPES.includes(type)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  switch (type) {
    case 'AWS::EC2::Subnet':
      findings.check(
        properties.MapPublicIpOnLaunch,
        'MapPublicIpOnLaunch',
        (v) => !isTrue(v),
        'MapPublicIpOnLaunch',
      );
      findings.check(
        properties.AssignIpv6AddressOnCreation,
        'AssignIpv6AddressOnCreation',
        (v) => !isTrue(v) || !subnetReachesInternet(node, 'IPv6'),
        'Ipv6OnLaunch',
      );
      break;
    case 'AWS::EC2::Instance':
      checkInterfaces(findings, properties.NetworkInterfaces);
      break;
    case 'AWS::EC2::LaunchTemplate':
      checkInterfaces(findings, objectOf(properties.LaunchTemplateData).NetworkInterfaces);
      break;
    case 'AWS::EC2::SpotFleet':
      for (const spec of recordsOf(
        objectOf(properties.SpotFleetRequestConfigData).LaunchSpecifications,
      )) {
        checkInterfaces(findings, spec.NetworkInterfaces);
      }
      break;
    case 'AWS::AutoScaling::LaunchConfiguration':
      findings.check(
        properties.AssociatePublicIpAddress,
        'AssociatePublicIpAddress',
        (v) => !isTrue(v),
        'PublicIp',
      );
      break;
    case 'AWS::EC2::EIP':
      findings.unless(properties.InstanceId === undefined, 'ElasticIp');
      break;
    case 'AWS::EC2::EIPAssociation':
      findings.unless(
        properties.InstanceId === undefined && properties.NetworkInterfaceId === undefined,
        'ElasticIp',
      );
      break;
    default: {
      // An ECS service or task set on awsvpc networking.
      const awsvpc = objectOf(objectOf(properties.NetworkConfiguration).AwsvpcConfiguration);
      findings.check(awsvpc.AssignPublicIp, 'AssignPublicIp', (v) => v !== 'ENABLED', 'PublicIp');
    }
  }
  return findings.result();
}
