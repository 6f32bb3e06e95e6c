import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DenyAllSecurityGroup } from '../../../lib';
import { allPacks, findings, testStack } from '../../helpers';

function setup() {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [] });
  const group = new DenyAllSecurityGroup(stack, 'Group', { vpc });
  const peer = new DenyAllSecurityGroup(stack, 'Peer', { vpc });
  return { stack, vpc, group, peer };
}

const REASON = 'Partner warehouse posts label requests from its fixed office range';

describe('DenyAllSecurityGroup', () => {
  test('has no ingress and no egress by default', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    const groups = template.findResources('AWS::EC2::SecurityGroup');
    expect(Object.keys(groups)).toHaveLength(2);
    for (const group of Object.values(groups)) {
      expect(group.Properties.SecurityGroupIngress).toBeUndefined();
      expect(group.Properties.SecurityGroupEgress).toEqual([
        {
          CidrIp: '255.255.255.255/32',
          Description: 'Disallow all traffic',
          FromPort: 252,
          IpProtocol: 'icmp',
          ToPort: 86,
        },
      ]);
    }
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
  });

  test('allows TLS from a peer group and a private CIDR, and to a prefix list', () => {
    const { stack, group, peer } = setup();
    group.allowTlsFrom(peer, 443);
    group.allowTlsFromCidr('10.1.0.0/16', 5432);
    group.allowTlsToPrefixList('pl-1234');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Peer'), 'GroupId'] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        {
          CidrIp: '10.1.0.0/16',
          Description: 'TLS on 5432 from 10.1.0.0/16',
          FromPort: 5432,
          IpProtocol: 'tcp',
          ToPort: 5432,
        },
      ],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      DestinationPrefixListId: 'pl-1234',
      Description: 'HTTPS to pl-1234',
      FromPort: 443,
      IpProtocol: 'tcp',
      ToPort: 443,
    });
  });

  test.each(['0.0.0.0/0', '::/0', '8.8.8.0/24', '192.169.0.0/16', '2001:db8::/32'])(
    'allowTlsFromCidr rejects the non-private CIDR %s with DPP-NP-1',
    (cidr) => {
      const { group } = setup();
      expect(() => group.allowTlsFromCidr(cidr, 443)).toThrow(
        /accepts only a private CIDR.*\(DPP-NP-1\), got: /,
      );
      expect(() => group.allowTlsToCidr(cidr, 443)).toThrow(`(DPP-NP-1), got: ${cidr}`);
    },
  );

  test.each([80, 21, 23, 25, 110, 143, 8080, 0, 65536, 1.5])(
    'the allow methods reject port %p with DPP-NP-9',
    (port) => {
      const { group, peer } = setup();
      const message = `\`port\` must be a single TLS port, never a plaintext one such as 80, 21, 23 or 25 (DPP-NP-9), got: ${port}`;
      expect(() => group.allowTlsFrom(peer, port)).toThrow(message);
      expect(() => group.allowTlsTo(peer, port)).toThrow(message);
      expect(() => group.allowTlsFromCidr('10.0.0.0/8', port)).toThrow(message);
    },
  );

  test.each([
    ['0.0.0.0/0', ec2.Peer.anyIpv4()],
    ['::/0', ec2.Peer.anyIpv6()],
  ])('inherited addIngressRule/addEgressRule reject %s', (cidr, world) => {
    const { group } = setup();
    expect(() => group.addIngressRule(world, ec2.Port.tcp(443))).toThrow(
      `\`addIngressRule.peer\` must never be open to the world; name a security group or a private CIDR (DPP-NP-1), got: ${cidr}`,
    );
    expect(() => group.addEgressRule(world, ec2.Port.tcp(443))).toThrow(
      `\`addEgressRule.peer\` must never be open to the world`,
    );
  });

  test('inherited methods reject a public CIDR that was not allow-listed', () => {
    const { group } = setup();
    expect(() => group.addIngressRule(ec2.Peer.ipv4('203.0.113.0/24'), ec2.Port.tcp(443))).toThrow(
      '`addIngressRule.peer` must be a private CIDR; allow a public one with `allowTlsFromPublicCidr` and a reason (DPP-NP-1), got: 203.0.113.0/24',
    );
  });

  test.each([
    [ec2.Port.tcpRange(20, 25), '20, 21, 23, 25'],
    // TFTP (69) runs over UDP only: a TCP range does not hold it.
    [ec2.Port.tcpRange(1, 1024), '20, 21, 23, 25, 80, 110, 111, 143, 161, 162, 389, 512, 513, 514'],
    [ec2.Port.tcp(80), '80'],
    [ec2.Port.udp(161), '161'],
    [
      ec2.Port.allTcp(),
      '20, 21, 23, 25, 80, 110, 111, 143, 161, 162, 389, 512, 513, 514, 5900, 8000, 8080, 9200',
    ],
    [ec2.Port.udp(69), '69'],
  ])('inherited methods reject the range %s holding plaintext ports', (port, held) => {
    const { group, peer } = setup();
    expect(() => group.addIngressRule(peer, port)).toThrow(
      `\`addIngressRule.connection\` must not open a plaintext port (DPP-NP-9), got: ${port.toString()} (holds ${held})`,
    );
    expect(() => group.addEgressRule(ec2.Peer.ipv4('10.0.0.0/8'), port)).toThrow('(DPP-NP-9)');
  });

  test('inherited methods reject all traffic', () => {
    const { group, peer } = setup();
    expect(() => group.addIngressRule(peer, ec2.Port.allTraffic())).toThrow(
      '`addIngressRule.connection` must name TLS ports, never all traffic (DPP-NP-9), got: ALL TRAFFIC',
    );
  });

  test('connections.allowFrom on a peer goes through the same checks', () => {
    const { group, peer } = setup();
    expect(() => peer.connections.allowTo(group, ec2.Port.tcp(80))).toThrow('(DPP-NP-9)');
    expect(() => group.connections.allowFromAnyIpv4(ec2.Port.tcp(443))).toThrow('(DPP-NP-1)');
  });

  test('a problem with both peer and port is reported in one error', () => {
    const { group } = setup();
    expect(() => group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80))).toThrow(
      /must never be open to the world.*; `addIngressRule.connection` must not open a plaintext port/,
    );
  });

  test('a TLS port range without plaintext ports is accepted', () => {
    const { stack, group, peer } = setup();
    group.addIngressRule(peer, ec2.Port.tcpRange(8443, 8444));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8443,
      ToPort: 8444,
    });
  });

  test('an allow-listed public CIDR opens TLS and records the reason', () => {
    const { stack, group } = setup();
    group.allowTlsFromPublicCidr('203.0.113.0/24', 443, { reason: REASON });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::EC2::SecurityGroup', {
      Properties: Match.objectLike({
        SecurityGroupIngress: [
          {
            CidrIp: '203.0.113.0/24',
            Description: 'TLS on 443 from allow-listed 203.0.113.0/24',
            FromPort: 443,
            IpProtocol: 'tcp',
            ToPort: 443,
          },
        ],
      }),
      Metadata: {
        'cdk-dpp': {
          construct: 'DenyAllSecurityGroup',
          implements: ['DPP-NP-1', 'DPP-NP-9'],
          optOuts: [
            {
              setting: 'allowTlsFromPublicCidr(203.0.113.0/24)',
              clauses: ['DPP-NP-1'],
              reason: REASON,
            },
          ],
        },
      },
    });
  });

  test('an allow-listed public CIDR can be reached on egress', () => {
    const { stack, group } = setup();
    group.allowTlsToPublicCidr('198.51.100.10/32', 443, { reason: REASON });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '198.51.100.10/32', FromPort: 443 })],
    });
  });

  test.each(['0.0.0.0/0', '::/0', '0.0.0.0/1', '2000::/3', 'not-a-cidr'])(
    'allowTlsFromPublicCidr rejects %s',
    (cidr) => {
      const { group } = setup();
      expect(() => group.allowTlsFromPublicCidr(cidr, 443, { reason: REASON })).toThrow(
        `\`allowTlsFromPublicCidr\` accepts a bounded CIDR only: never \`0.0.0.0/0\` or \`::/0\`, nor more public addresses than an IPv4 /8 or an IPv6 /16 (DPP-NP-1), got: ${cidr}`,
      );
    },
  );

  test.each(['', 'because', 'x'.repeat(19)])(
    'allowTlsFromPublicCidr rejects the reason %p',
    (reason) => {
      const { group } = setup();
      expect(() => group.allowTlsFromPublicCidr('203.0.113.0/24', 443, { reason })).toThrow(
        `\`allowList.reason\` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-NP-1), got: ${JSON.stringify(reason)}`,
      );
    },
  );

  test('allow-listed public CIDRs may not add up to the internet', () => {
    const { group } = setup();
    group.allowTlsFromPublicCidr('3.0.0.0/9', 443, { reason: REASON });
    group.allowTlsFromPublicCidr('4.0.0.0/9', 443, { reason: REASON });
    expect(() => group.allowTlsFromPublicCidr('5.0.0.0/9', 443, { reason: REASON })).toThrow(
      '`addIngressRule.peer` must not, with the CIDRs already admitted, open the group to the internet (DPP-NP-1), got: 5.0.0.0/9 after 3.0.0.0/9, 4.0.0.0/9',
    );
  });

  test('allowTlsFromPublicCidr still rejects plaintext ports', () => {
    const { group } = setup();
    expect(() => group.allowTlsFromPublicCidr('203.0.113.0/24', 80, { reason: REASON })).toThrow(
      '(DPP-NP-9), got: 80',
    );
  });

  test('with rules, it has zero findings from every pack', () => {
    const { stack, group, peer } = setup();
    group.allowTlsFrom(peer, 443);
    peer.allowTlsTo(group, 443);
    group.allowTlsFromCidr('10.0.0.0/16', 8443);
    expect(findings(group, allPacks())).toEqual([]);
    expect(findings(stack.node.findChild('Peer'), allPacks())).toEqual([]);
  });
});
