import {
  Stack,
  aws_autoscaling as autoscaling,
  aws_docdb as docdb,
  aws_ec2 as ec2,
  aws_ecs as ecs,
  aws_efs as efs,
  aws_elasticache as elasticache,
  aws_elasticloadbalancing as elb,
  aws_elasticloadbalancingv2 as elbv2,
  aws_iam as iam,
} from 'aws-cdk-lib';
import { testApp, testStack } from '../../helpers';
import { findingsOf } from '../rule-helpers';

/**
 * The network weaknesses of DPP-NP-1 and DPP-NP-9 written in other shapes than the obvious one:
 * each must still give exactly one finding.
 */

function vpcOf(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

const image = ec2.MachineImage.latestAmazonLinux2023();
const instanceType = ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO);

describe('world-open ingress in pieces', () => {
  const ID = 'SecurityGroupNoWorldIngress';

  test('two halves of IPv4 are the whole internet, reported once on the group', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(443));
    group.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`]);
  });

  test('one broad public range is most of the internet', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.ipv4('64.0.0.0/2'), ec2.Port.tcp(443));
    group.addIngressRule(ec2.Peer.ipv6('2000::/3'), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`, `DPP-${ID}[WorldOpenIpv6]`]);
  });

  test('a standalone ingress rule in another stack opens the group of the first', () => {
    const app = testApp();
    const network = new Stack(app, 'Network');
    const group = new ec2.SecurityGroup(network, 'Group', { vpc: vpcOf(network) });
    const consumer = new Stack(app, 'Consumer');
    new ec2.CfnSecurityGroupIngress(consumer, 'Half1', {
      groupId: group.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp: '0.0.0.0/1',
    });
    new ec2.CfnSecurityGroupIngress(consumer, 'Half2', {
      groupId: group.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp: '128.0.0.0/1',
    });
    expect(findingsOf(network, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`]);
    expect(findingsOf(consumer, ID)).toEqual([]);
  });

  test('standalone rules of a group the app does not declare add up too', () => {
    const stack = testStack();
    for (const [id, cidr] of [
      ['A', '::/1'],
      ['B', '8000::/1'],
    ]) {
      new ec2.CfnSecurityGroupIngress(stack, id, {
        groupId: 'sg-0123456789abcdef0',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv6: cidr,
      });
    }
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv6]`]);
  });

  test('a prefix list of the app that holds the internet is world-open', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    const list = new ec2.PrefixList(stack, 'Everyone', {
      entries: [{ cidr: '0.0.0.0/0' }],
      maxEntries: 1,
    });
    group.addIngressRule(ec2.Peer.prefixList(list.prefixListId), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIpv4]`]);
  });

  test('a prefix list the app does not declare cannot be judged', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.prefixList('pl-0123456789abcdef0'), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SourcePrefixListId]`]);
  });

  test('the VPC range, a peer group and private ranges are fine', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    group.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
    group.addIngressRule(new ec2.SecurityGroup(stack, 'Peer', { vpc }), ec2.Port.tcp(443));
    for (const cidr of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']) {
      group.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443));
    }
    group.addIngressRule(ec2.Peer.ipv6('fc00::/7'), ec2.Port.tcp(443));
    group.addIngressRule(ec2.Peer.ipv4('3.0.0.0/8'), ec2.Port.tcp(443));
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('network ACL entries in pieces', () => {
  const ID = 'NetworkAclNoWorldIngress';

  test('two halves of IPv4 in two entries are one finding on the ACL', () => {
    const stack = testStack();
    const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc: vpcOf(stack) });
    ['0.0.0.0/1', '128.0.0.0/1'].forEach((cidr, i) =>
      acl.addEntry(`In${i}`, {
        cidr: ec2.AclCidr.ipv4(cidr),
        ruleNumber: 100 + i,
        traffic: ec2.AclTraffic.tcpPort(443),
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIngress]`]);
  });

  test('a lower-numbered deny of all traffic closes what a later allow opens', () => {
    const stack = testStack();
    const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc: vpcOf(stack) });
    acl.addEntry('Deny', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 50,
      traffic: ec2.AclTraffic.allTraffic(),
      ruleAction: ec2.Action.DENY,
    });
    acl.addEntry('Allow', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 100,
      traffic: ec2.AclTraffic.tcpPort(443),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a deny numbered after the allow, or of one port only, closes nothing', () => {
    const stack = testStack();
    const acl = new ec2.NetworkAcl(stack, 'Acl', { vpc: vpcOf(stack) });
    acl.addEntry('DenyLate', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 200,
      traffic: ec2.AclTraffic.allTraffic(),
      ruleAction: ec2.Action.DENY,
    });
    acl.addEntry('DenyOnePort', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 50,
      traffic: ec2.AclTraffic.tcpPort(22),
      ruleAction: ec2.Action.DENY,
    });
    acl.addEntry('Allow', {
      cidr: ec2.AclCidr.anyIpv4(),
      ruleNumber: 100,
      traffic: ec2.AclTraffic.tcpPort(443),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[WorldOpenIngress]`]);
  });
});

describe('plaintext ports in other shapes', () => {
  const ID = 'SecurityGroupNoPlaintextPorts';

  test('a range that holds FTP, Telnet and SMTP is one finding listing them', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcpRange(20, 30));
    group.addIngressRule(ec2.Peer.ipv6('fd00::/8'), ec2.Port.tcp(8080));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::20-21,23,25,8080]`]);
  });

  test('protocol numbers and standalone rules (by GetAtt and by Ref) count like names', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) });
    new ec2.CfnSecurityGroupIngress(stack, 'Snmp', {
      groupId: group.securityGroupId,
      ipProtocol: '17',
      fromPort: 161,
      toPort: 161,
      cidrIp: '10.0.0.0/8',
    });
    new ec2.CfnSecurityGroupIngress(stack, 'Vnc', {
      groupId: (group.node.defaultChild as ec2.CfnSecurityGroup).ref,
      ipProtocol: '6',
      fromPort: 5900,
      toPort: 5900,
      cidrIp: '10.0.0.0/8',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::161,5900]`]);
  });

  test.each([
    [ec2.Port.tcp(69), []],
    [ec2.Port.udp(69), [`DPP-${ID}[PlaintextPorts::69]`]],
  ])('TFTP runs over UDP only: %s', (port, expected) => {
    const stack = testStack();
    new ec2.SecurityGroup(stack, 'Group', { vpc: vpcOf(stack) }).addIngressRule(
      ec2.Peer.ipv4('10.0.0.0/8'),
      port,
    );
    expect(findingsOf(stack, ID)).toEqual(expected);
  });

  test('Redis on a host is plaintext', () => {
    const stack = testStack();
    const host = new ec2.SecurityGroup(stack, 'Host', { vpc: vpcOf(stack) });
    host.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(6379));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::6379]`]);
  });

  test('Redis in front of a cache is judged on the cache (ElastiCacheTransitEncrypted)', () => {
    const stack = testStack();
    const cache = new ec2.SecurityGroup(stack, 'Cache', { vpc: vpcOf(stack) });
    cache.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(6379));
    new elasticache.CfnReplicationGroup(stack, 'Redis', {
      replicationGroupDescription: 'cache',
      engine: 'redis',
      cacheNodeType: 'cache.t4g.micro',
      securityGroupIds: [cache.securityGroupId],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(stack, 'ElastiCacheTransitEncrypted')).toEqual([
      'DPP-ElastiCacheTransitEncrypted[NoTransitEncryption]',
    ]);
  });

  test('NFS in front of an EFS file system that does not refuse mounts without TLS', () => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Nfs', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(2049));
    const fileSystem = new efs.CfnFileSystem(stack, 'Files', { encrypted: true });
    new efs.CfnMountTarget(stack, 'Mount', {
      fileSystemId: fileSystem.ref,
      subnetId: 'subnet-1',
      securityGroups: [group.securityGroupId],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextPorts::2049]`]);
  });

  test('NFS in front of an L2 EFS file system that enforces TLS passes', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const fileSystem = new efs.FileSystem(stack, 'Files', {
      vpc,
      fileSystemPolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['*'],
            conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      }),
    });
    fileSystem.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.0.0.0/8'));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test.each([
    [undefined, []],
    ['enabled', []],
    ['disabled', [`DPP-${ID}[PlaintextPorts::27017]`]],
  ])('MongoDB in front of DocumentDB with tls %s', (tls, expected) => {
    const stack = testStack();
    const group = new ec2.SecurityGroup(stack, 'Docs', { vpc: vpcOf(stack) });
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(27017));
    const parameters =
      tls === undefined
        ? undefined
        : new docdb.CfnDBClusterParameterGroup(stack, 'Parameters', {
            description: 'docs',
            family: 'docdb5.0',
            parameters: { tls },
          });
    new docdb.CfnDBCluster(stack, 'Cluster', {
      vpcSecurityGroupIds: [group.securityGroupId],
      dbClusterParameterGroupName: parameters?.ref,
    });
    expect(findingsOf(stack, ID)).toEqual(expected);
  });

  test('all traffic from a peer group opens every plaintext port', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    group.connections.allowFrom(
      new ec2.SecurityGroup(stack, 'Peer', { vpc }),
      ec2.Port.allTraffic(),
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[PlaintextPorts::20-21,23,25,69,80,110-111,143,161-162,389,512-514,1433,1521,2049,3306,5432,5900,6379,8000,8080,9200,11211,27017]`,
    ]);
  });
});

describe('public addresses in other shapes', () => {
  const ID = 'Ec2NoPublicIp';

  test('an Elastic IP on an instance in an isolated subnet', () => {
    const stack = testStack();
    const host = new ec2.Instance(stack, 'Host', {
      vpc: vpcOf(stack),
      machineImage: image,
      instanceType,
    });
    new ec2.CfnEIP(stack, 'Ip', { instanceId: host.instanceId });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ElasticIp]`]);
  });

  test('an Elastic IP associated with a network interface', () => {
    const stack = testStack();
    const ip = new ec2.CfnEIP(stack, 'Ip');
    new ec2.CfnEIPAssociation(stack, 'Association', {
      allocationId: ip.attrAllocationId,
      networkInterfaceId: 'eni-0123456789abcdef0',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ElasticIp]`]);
  });

  test('an auto scaling group that asks for public addresses', () => {
    const stack = testStack();
    new autoscaling.AutoScalingGroup(stack, 'Fleet', {
      vpc: new ec2.Vpc(stack, 'Public', {
        subnetConfiguration: [
          { name: 'web', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        ],
      }),
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      machineImage: image,
      instanceType,
      associatePublicIpAddress: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicIp]`]);
  });

  test('a Fargate service that assigns public addresses', () => {
    const stack = testStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('app') });
    new ecs.FargateService(stack, 'Service', {
      cluster,
      taskDefinition: task,
      assignPublicIp: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicIp]`]);
  });

  test('a dual-stack subnet that routes IPv6 to the internet gateway', () => {
    const stack = testStack();
    new ec2.Vpc(stack, 'Vpc', {
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      maxAzs: 1,
      subnetConfiguration: [
        { name: 'web', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Ipv6OnLaunch]`]);
  });

  test('a NAT gateway Elastic IP admits nothing and passes', () => {
    const stack = testStack();
    new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 1,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'nat', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('plaintext listeners in other shapes', () => {
  const ID = 'ElbListenerTls';

  test('a policy name that only looks like TLS 1.2 is not in the table', () => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'MyPolicy-1-2-2021',
      defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404' } }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[UnknownTlsPolicy::MyPolicy-1-2-2021]`]);
  });

  test('the forward-secrecy policy of 2018 accepts TLS 1.0', () => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol: 'TLS',
      port: 443,
      sslPolicy: elbv2.SslPolicy.FORWARD_SECRECY,
      defaultActions: [{ type: 'forward', targetGroupArn: 'arn:tg' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('a listener rule of an HTTPS listener that redirects to HTTP', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const listener = lb.addListener('Https', {
      port: 443,
      certificates: [{ certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1' }],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    listener.addAction('Downgrade', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/legacy/*'])],
      action: elbv2.ListenerAction.redirect({ protocol: 'HTTP', port: '80' }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RedirectToHttp]`]);
  });

  test('a network load balancer passing TCP on 8080 and UDP', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
    nlb.addListener('Tcp', {
      port: 8080,
      defaultAction: elbv2.NetworkListenerAction.forward([
        new elbv2.NetworkTargetGroup(stack, 'TcpTargets', { vpc, port: 8443 }),
      ]),
    });
    nlb.addListener('Udp', {
      port: 5000,
      protocol: elbv2.Protocol.UDP,
      defaultAction: elbv2.NetworkListenerAction.forward([
        new elbv2.NetworkTargetGroup(stack, 'UdpTargets', {
          vpc,
          port: 5000,
          protocol: elbv2.Protocol.UDP,
        }),
      ]),
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[PlaintextListener]`,
      `DPP-${ID}[UdpListener]`,
    ]);
  });

  test('TCP passthrough on 443 to targets on plaintext port 80 is flagged on the target group', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }).addListener('Tcp', {
      port: 443,
      defaultAction: elbv2.NetworkListenerAction.forward([
        new elbv2.NetworkTargetGroup(stack, 'Targets', { vpc, port: 80 }),
      ]),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextTarget]`]);
  });

  test('an HTTPS listener that forwards to targets over HTTP', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).addListener('Https', {
      port: 443,
      certificates: [{ certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1' }],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [
        new elbv2.ApplicationTargetGroup(stack, 'Targets', {
          vpc,
          port: 8443,
          protocol: elbv2.ApplicationProtocol.HTTP,
        }),
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextTarget]`]);
  });

  test('a classic load balancer, internet-facing and plaintext', () => {
    const stack = testStack();
    const lb = new elb.LoadBalancer(stack, 'Classic', {
      vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }),
      internetFacing: true,
    });
    lb.addListener({ externalPort: 80 });
    expect(findingsOf(stack, 'ClassicElbListenerTls')).toEqual([
      'DPP-ClassicElbListenerTls[PlaintextListener]',
    ]);
    expect(findingsOf(stack, 'ClassicElbInternal')).toEqual([
      'DPP-ClassicElbInternal[InternetFacing]',
    ]);
  });
});

describe('a data tier with a way out', () => {
  const ID = 'DataTierIsolated';

  test('a file system mounted in public subnets', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 1,
      subnetConfiguration: [
        { name: 'web', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      ],
    });
    new efs.FileSystem(stack, 'Files', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SubnetRoutesToInternet]`]);
  });

  test('half the internet routed to the gateway from an isolated subnet', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const gateway = new ec2.CfnInternetGateway(stack, 'Gateway');
    for (const subnet of vpc.isolatedSubnets) {
      new ec2.CfnRoute(stack, `Out${subnet.node.id}`, {
        routeTableId: subnet.routeTable.routeTableId,
        destinationCidrBlock: '0.0.0.0/1',
        gatewayId: gateway.ref,
      });
    }
    new elasticache.CfnServerlessCache(stack, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'cache',
      subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SubnetRoutesToInternet]`]);
  });

  test('a serverless cache that names no subnets lands in the default VPC', () => {
    const stack = testStack();
    new elasticache.CfnServerlessCache(stack, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'cache',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DefaultVpc]`]);
  });
});

describe('a data perimeter with a hole', () => {
  const ID = 'VpcEndpointPolicyRestricted';

  test('an S3 interface endpoint without a policy', () => {
    const stack = testStack();
    vpcOf(stack).addInterfaceEndpoint('S3', {
      service: new ec2.InterfaceVpcEndpointService('com.amazonaws.eu-west-1.s3'),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FullAccessPolicy]`]);
  });

  test('a policy whose only condition does not narrow who may use it', () => {
    const stack = testStack();
    vpcOf(stack)
      .addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 })
      .addToPolicy(
        new iam.PolicyStatement({
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: ['*'],
          conditions: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[FullAccessPolicy]`]);
  });
});
