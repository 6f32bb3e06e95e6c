import {
  Size,
  Stack,
  aws_autoscaling as autoscaling,
  aws_ec2 as ec2,
  aws_ecs as ecs,
  aws_efs as efs,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_rds as rds,
} from 'aws-cdk-lib';
import { DenyAllSecurityGroup } from '../../../constructs/network/deny-all-security-group';
import { PLAINTEXT_PORTS } from '../../../constructs/network/ports';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

function isolatedVpc(stack: Stack, props: ec2.VpcProps = {}): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    ...props,
  });
}

const image = ec2.MachineImage.latestAmazonLinux2023();
const instanceType = ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO);

describe('Ec2VolumeEncrypted', () => {
  const ID = 'Ec2VolumeEncrypted';

  test('an L2 instance without block devices has an unencrypted root volume', () => {
    const stack = testStack();
    new ec2.Instance(stack, 'Host', { vpc: isolatedVpc(stack), machineImage: image, instanceType });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RootVolumeNotEncrypted]`]);
  });

  test('an unencrypted L1 volume is flagged', () => {
    const stack = testStack();
    new ec2.CfnVolume(stack, 'Volume', { availabilityZone: 'eu-west-1a', size: 10 });
    // Unencrypted is one weakness: the key is not judged as well.
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('volumes encrypted with a customer-managed key comply', () => {
    const stack = testStack();
    const kmsKey = new kms.Key(stack, 'Key');
    new ec2.Instance(stack, 'Host', {
      vpc: isolatedVpc(stack),
      machineImage: image,
      instanceType,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey }),
        },
      ],
    });
    new ec2.Volume(stack, 'Volume', {
      availabilityZone: 'eu-west-1a',
      size: Size.gibibytes(10),
      encrypted: true,
      encryptionKey: kmsKey,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new ec2.CfnVolume(stack, 'Volume', {
      availabilityZone: 'eu-west-1a',
      encrypted: unresolvedString(stack) as unknown as boolean,
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Encrypted]`]);
  });
});

describe('Ec2NoPublicIp', () => {
  const ID = 'Ec2NoPublicIp';

  test('an L2 VPC with public subnets is flagged', () => {
    const stack = testStack();
    new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MapPublicIpOnLaunch]`]);
  });

  test('an L1 instance that asks for a public IP is flagged', () => {
    const stack = testStack();
    new ec2.CfnInstance(stack, 'Host', {
      imageId: 'ami-1',
      networkInterfaces: [
        { deviceIndex: '0', subnetId: 'subnet-1', associatePublicIpAddress: true },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicIp]`]);
  });

  test('isolated subnets comply', () => {
    const stack = testStack();
    isolatedVpc(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new ec2.CfnSubnet(stack, 'Subnet', {
      vpcId: 'vpc-1',
      cidrBlock: '10.0.0.0/24',
      mapPublicIpOnLaunch: unresolvedString(stack) as unknown as boolean,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::MapPublicIpOnLaunch]`]);
  });
});

describe('Ec2NoPublicIp on every way to a public address', () => {
  const ID = 'Ec2NoPublicIp';

  test('an L1 launch configuration that asks for a public IP is flagged', () => {
    const stack = testStack();
    new autoscaling.CfnLaunchConfiguration(stack, 'Config', {
      imageId: 'ami-1',
      instanceType: 't4g.micro',
      associatePublicIpAddress: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicIp]`]);
  });

  test('an IPv6 subnet without a route to an internet gateway, and a lone Elastic IP, comply', () => {
    const stack = testStack();
    new ec2.CfnSubnet(stack, 'Subnet', {
      vpcId: 'vpc-1',
      ipv6CidrBlock: '2001:db8::/64',
      assignIpv6AddressOnCreation: true,
    });
    new ec2.CfnEIP(stack, 'Ip');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved ECS public IP setting is reported', () => {
    const stack = testStack();
    new ecs.CfnService(stack, 'Service', {
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: unresolvedString(stack) },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AssignPublicIp]`]);
  });
});

describe('SecurityGroupNoWorldIngress', () => {
  const ID = 'SecurityGroupNoWorldIngress';

  test('an L2 group open to any IPv4 and IPv6 address is flagged', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: isolatedVpc(stack) });
    group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    group.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`, `DPP-${ID}[WorldOpenIpv6]`]);
  });

  test('an L1 ingress rule from 0.0.0.0/0 is flagged', () => {
    const stack = testStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp: '0.0.0.0/0',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`]);
  });

  test('a DenyAllSecurityGroup with a private TLS rule complies', () => {
    const stack = testStack();
    new DenyAllSecurityGroup(stack, 'Group', { vpc: isolatedVpc(stack) }).allowTlsFromCidr(
      '10.0.0.0/16',
      443,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved CIDR is reported', () => {
    const stack = testStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::CidrIp]`]);
  });
});

describe('SecurityGroupNoWorldIngress sources', () => {
  const ID = 'SecurityGroupNoWorldIngress';

  test('a prefix list of the app with private entries complies', () => {
    const stack = testStack();
    const list = new ec2.CfnPrefixList(stack, 'Offices', {
      addressFamily: 'IPv4',
      maxEntries: 2,
      prefixListName: 'offices',
      entries: [{ cidr: '10.1.0.0/16' }, { cidr: '203.0.113.0/24' }],
    });
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      sourcePrefixListId: list.attrPrefixListId,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a prefix list given as a parameter is reported', () => {
    const stack = testStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      sourcePrefixListId: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SourcePrefixListId]`]);
  });
});

describe('SecurityGroupNoPlaintextPorts', () => {
  const ID = 'SecurityGroupNoPlaintextPorts';

  test('an L2 group opening HTTP from a peer group is flagged', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    group.addIngressRule(new ec2.SecurityGroup(stack, 'Peer', { vpc }), ec2.Port.tcp(80));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::80]`]);
  });

  test('an L1 rule for all traffic opens every port of the table, in one finding', () => {
    const stack = testStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: '-1',
      cidrIp: '10.0.0.0/8',
    });
    expect(PLAINTEXT_PORTS).toContain(80);
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[PlaintextPorts::20-21,23,25,69,80,110-111,143,161-162,389,512-514,1433,1521,2049,3306,5432,5900,6379,8000,8080,9200,11211,27017]`,
    ]);
  });

  test('TLS ports comply, and a database port in front of an RDS database', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432));
    new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.POSTGRES,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [group],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a database port on a group that fronts no store is plaintext-capable', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: isolatedVpc(stack) });
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::5432]`]);
  });

  test('an unresolved port is reported', () => {
    const stack = testStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Ingress', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: unresolvedNumber(stack),
      toPort: 443,
      cidrIp: '10.0.0.0/8',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Port]`]);
  });
});

describe('NetworkAclNoWorldIngress', () => {
  const ID = 'NetworkAclNoWorldIngress';

  test('an L2 NACL entry allowing inbound from anywhere is flagged', () => {
    const stack = testStack();
    const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc: isolatedVpc(stack) });
    acl.addEntry('In', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 100,
      traffic: ec2.AclTraffic.tcpPort(443),
      direction: ec2.TrafficDirection.INGRESS,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIngress]`]);
  });

  test('an L1 IPv6 entry from ::/0 is flagged', () => {
    const stack = testStack();
    new ec2.CfnNetworkAclEntry(stack, 'In', {
      networkAclId: 'acl-1',
      protocol: 6,
      ruleAction: 'allow',
      ruleNumber: 100,
      ipv6CidrBlock: '::/0',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIngress]`]);
  });

  test('a private source, a deny or an egress entry complies', () => {
    const stack = testStack();
    const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc: isolatedVpc(stack) });
    acl.addEntry('Private', {
      cidr: ec2.AclCidr.ipv4('10.0.0.0/16'),
      ruleNumber: 100,
      traffic: ec2.AclTraffic.tcpPort(443),
    });
    acl.addEntry('Deny', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 200,
      traffic: ec2.AclTraffic.allTraffic(),
      ruleAction: ec2.Action.DENY,
    });
    acl.addEntry('Out', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 100,
      traffic: ec2.AclTraffic.tcpPort(443),
      direction: ec2.TrafficDirection.EGRESS,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved CIDR is reported', () => {
    const stack = testStack();
    new ec2.CfnNetworkAclEntry(stack, 'In', {
      networkAclId: 'acl-1',
      protocol: 6,
      ruleAction: 'allow',
      ruleNumber: 100,
      cidrBlock: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::CidrBlock]`]);
  });
});

describe('VpcFlowLogs', () => {
  const ID = 'VpcFlowLogs';

  test('an L2 VPC without flow logs is flagged', () => {
    const stack = testStack();
    isolatedVpc(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoFlowLog]`]);
  });

  test('an L1 flow log of rejected traffic only is flagged', () => {
    const stack = testStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    new ec2.CfnFlowLog(stack, 'FlowLog', {
      resourceId: vpc.ref,
      resourceType: 'VPC',
      trafficType: 'REJECT',
      logDestination: 'arn:aws:s3:::flow-logs',
      logDestinationType: 's3',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotAllTraffic]`]);
  });

  test('a flow log of all traffic complies', () => {
    const stack = testStack();
    isolatedVpc(stack, {
      flowLogs: {
        all: {
          trafficType: ec2.FlowLogTrafficType.ALL,
          destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(stack, 'Logs')),
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a flow log of a VPC the rule cannot resolve does not count', () => {
    const stack = testStack();
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    new ec2.CfnFlowLog(stack, 'FlowLog', {
      resourceId: unresolvedString(stack),
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestination: 'arn:aws:s3:::flow-logs',
      logDestinationType: 's3',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoFlowLog]`]);
  });
});

describe('VpcDefaultSecurityGroupRestricted', () => {
  const ID = 'VpcDefaultSecurityGroupRestricted';

  test('an L2 VPC that keeps its default group is flagged', () => {
    const stack = testStack();
    isolatedVpc(stack, { restrictDefaultSecurityGroup: false });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultSecurityGroupOpen]`]);
  });

  test('an L1 VPC is flagged', () => {
    const stack = testStack();
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultSecurityGroupOpen]`]);
  });

  test('restrictDefaultSecurityGroup complies', () => {
    const stack = testStack();
    isolatedVpc(stack, { restrictDefaultSecurityGroup: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataTierIsolated', () => {
  const ID = 'DataTierIsolated';
  const engine = rds.DatabaseInstanceEngine.POSTGRES;

  test('an L2 database in private subnets with a NAT route is flagged', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new rds.DatabaseInstance(stack, 'Db', { engine, vpc });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SubnetRoutesToInternet]`]);
  });

  test('an L1 database without a subnet group lands in the default VPC', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultVpc]`]);
  });

  test('a database and a file system in isolated subnets comply', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack, { maxAzs: 2 });
    const vpcSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    new rds.DatabaseInstance(stack, 'Db', { engine, vpc, vpcSubnets });
    new efs.FileSystem(stack, 'Files', { vpc, vpcSubnets });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a subnet group of subnets the app does not declare is reported', () => {
    const stack = testStack();
    const group = new rds.CfnDBSubnetGroup(stack, 'Subnets', {
      dbSubnetGroupDescription: 'imported',
      subnetIds: ['subnet-1', 'subnet-2'],
    });
    new rds.CfnDBInstance(stack, 'Db', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      dbSubnetGroupName: group.ref,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DBSubnetGroupName]`]);
  });
});

describe('VpcEndpointPolicyRestricted', () => {
  const ID = 'VpcEndpointPolicyRestricted';

  test('an L2 S3 gateway endpoint without a policy is flagged', () => {
    const stack = testStack();
    isolatedVpc(stack).addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FullAccessPolicy]`]);
  });

  test('an L1 DynamoDB endpoint allowing everyone everything is flagged', () => {
    const stack = testStack();
    new ec2.CfnVPCEndpoint(stack, 'Endpoint', {
      vpcId: 'vpc-1',
      serviceName: 'com.amazonaws.eu-west-1.dynamodb',
      policyDocument: {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FullAccessPolicy]`]);
  });

  test('an endpoint limited to the account, and one of another service, comply', () => {
    const stack = testStack();
    const vpc = isolatedVpc(stack);
    const endpoint = vpc.addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
    });
    endpoint.addToPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
      }),
    );
    vpc.addInterfaceEndpoint('Kms', { service: ec2.InterfaceVpcEndpointAwsService.KMS });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved service name is reported', () => {
    const stack = testStack();
    new ec2.CfnVPCEndpoint(stack, 'Endpoint', {
      vpcId: 'vpc-1',
      serviceName: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ServiceName]`]);
  });
});
