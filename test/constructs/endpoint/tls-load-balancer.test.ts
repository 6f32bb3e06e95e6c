import {
  Stack,
  aws_certificatemanager as acm,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DPP_METADATA_KEY } from '../../../constructs/common/dpp-metadata';
import {
  TlsLoadBalancer,
  TlsLoadBalancerProps,
} from '../../../constructs/endpoint/tls-load-balancer';
import { allPacks, findings, testApp, testStack, owned } from '../../helpers';

const CERT_ARN =
  'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';
const PARTNER = 'Partner offices reach the order API from two fixed egress ranges.';

function importedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-private-a', 'subnet-private-b'],
    publicSubnetIds: ['subnet-public-a', 'subnet-public-b'],
  });
}

function endpoint(props: Partial<TlsLoadBalancerProps> = {}, stack: Stack = testStack()) {
  const lb = new TlsLoadBalancer(stack, 'Endpoint', {
    vpc: importedVpc(stack),
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    allowedCidrs: ['10.20.0.0/16'],
    ...props,
  });
  return { stack, lb, template: Template.fromStack(stack) };
}

describe('TlsLoadBalancer', () => {
  test('has zero findings from every pack', () => {
    const { stack } = endpoint({}, owned(testStack()));
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('internet-facing with an allow-list has zero findings from every pack', () => {
    const { stack } = endpoint(
      { allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'], internetFacing: { reason: PARTNER } },
      owned(testStack()),
    );
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('has one HTTPS listener on 443 with the TLS 1.3 policy and no listener on port 80', () => {
    const { template } = endpoint();
    const listeners = Object.values(
      template.findResources('AWS::ElasticLoadBalancingV2::Listener'),
    );
    expect(listeners.map((l) => [l.Properties.Protocol, l.Properties.Port])).toEqual([
      ['HTTPS', 443],
    ]);
    expect(listeners[0].Properties).toMatchObject({
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: CERT_ARN }],
    });
  });

  test('a TLS 1.2 policy passed in is used', () => {
    const { template } = endpoint({ sslPolicy: elbv2.SslPolicy.TLS12 });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      SslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01',
    });
  });

  test('is internal, drops invalid headers, keeps deletion protection and logs access', () => {
    const { template, stack } = endpoint();
    const bucket = Object.keys(template.findResources('AWS::S3::Bucket'))[0];
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: ['subnet-private-a', 'subnet-private-b'],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: bucket } },
      ]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    });
    expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
  });

  test('the access log bucket admits the log delivery service and, in older regions, the ELB account', () => {
    const { template } = endpoint();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'LoadBalancerAccessLogs',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: {
              Service: 'logdelivery.elasticloadbalancing.amazonaws.com',
              AWS: {
                'Fn::If': [
                  Match.stringLikeRegexp('RegionHasElbAccount'),
                  Match.anyValue(),
                  { Ref: 'AWS::NoValue' },
                ],
              },
            },
          }),
        ]),
      },
    });
    const mapping = Object.values(template.toJSON().Mappings as Record<string, object>)[0];
    expect(mapping).toMatchObject({ 'eu-west-1': { account: '156460612806' } });
  });

  test('in a stack with a known region, the policy names that region ELB account directly', () => {
    const stack = new Stack(testApp(), 'Pinned', {
      env: { region: 'eu-west-1', account: '111122223333' },
    });
    const { template } = endpoint({}, stack);
    expect(template.toJSON().Mappings).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'LoadBalancerAccessLogs',
            Principal: {
              AWS: Match.objectLike({
                'Fn::Join': ['', Match.arrayWith([':iam::156460612806:root'])],
              }),
              Service: 'logdelivery.elasticloadbalancing.amazonaws.com',
            },
          }),
        ]),
      },
    });
  });

  test('the security group opens 443 to the allow-listed CIDRs only, and nothing else', () => {
    const { template } = endpoint({ allowedCidrs: ['10.20.0.0/16', '192.168.4.0/24'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '10.20.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        Match.objectLike({
          CidrIp: '192.168.4.0/24',
          FromPort: 443,
          ToPort: 443,
          IpProtocol: 'tcp',
        }),
      ],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
  });

  test('the WAF web ACL blocks by default, admits the IP set and is associated with the load balancer', () => {
    const { template, stack, lb } = endpoint();
    template.hasResourceProperties('AWS::WAFv2::IPSet', {
      Scope: 'REGIONAL',
      IPAddressVersion: 'IPV4',
      Addresses: ['10.20.0.0/16'],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      DefaultAction: { Block: {} },
      Scope: 'REGIONAL',
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: stack.resolve(lb.loadBalancer.loadBalancerArn),
      WebACLArn: stack.resolve(lb.webAcl.webAcl.attrArn),
    });
  });

  test('internet-facing goes to public subnets and records the reason for the auditor', () => {
    const { template } = endpoint({
      allowedCidrs: ['203.0.113.0/24'],
      internetFacing: { reason: PARTNER },
    });
    template.hasResource('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Properties: Match.objectLike({
        Scheme: 'internet-facing',
        Subnets: ['subnet-public-a', 'subnet-public-b'],
      }),
      Metadata: {
        [DPP_METADATA_KEY]: Match.objectLike({
          optOuts: [{ setting: 'internetFacing', clauses: ['DPP-NP-1'], reason: PARTNER }],
        }),
      },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 443 })],
    });
  });

  test('connections to targets on a plaintext port are refused, on a TLS port allowed', () => {
    const { lb, stack } = endpoint();
    const app = new ec2.SecurityGroup(stack, 'App', { vpc: lb.loadBalancer.vpc as ec2.IVpc });
    expect(() => lb.loadBalancer.connections.allowTo(app, ec2.Port.tcp(80))).toThrow(
      /must not open a plaintext port \(DPP-NP-9\)/,
    );
    expect(() => lb.loadBalancer.connections.allowTo(app, ec2.Port.tcp(8443))).not.toThrow();
  });
});

describe('TlsLoadBalancer validation', () => {
  test.each([
    elbv2.SslPolicy.RECOMMENDED,
    elbv2.SslPolicy.TLS13_10,
    elbv2.SslPolicy.TLS13_11,
    elbv2.SslPolicy.LEGACY,
    elbv2.SslPolicy.TLS11,
  ])('the TLS policy %s throws with DPP-25-TLS', (sslPolicy) => {
    expect(() => endpoint({ sslPolicy })).toThrow(
      `\`sslPolicy\` must accept TLS 1.2 or newer only; use SslPolicy.RECOMMENDED_TLS (DPP-NP-7, DPP-25-TLS), got: ${sslPolicy}`,
    );
  });

  test.each(['203.0.113.0/24', '8.8.8.8/32', '172.32.0.0/16'])(
    'a public CIDR %s on an internal load balancer throws with DPP-NP-1',
    (cidr) => {
      expect(() => endpoint({ allowedCidrs: [cidr] })).toThrow(
        `\`allowedCidrs\` must hold private CIDRs for an internal load balancer; set \`internetFacing\` with a reason to admit public ones (DPP-NP-1), got: ${cidr}`,
      );
    },
  );

  test.each(['0.0.0.0/0', '::/0'])(
    'a world-open CIDR %s throws even when internet-facing',
    (cidr) => {
      expect(() => endpoint({ allowedCidrs: [cidr], internetFacing: { reason: PARTNER } })).toThrow(
        /DPP-NP-1\), got: /,
      );
    },
  );

  test('an empty allow-list throws', () => {
    expect(() => endpoint({ allowedCidrs: [] })).toThrow(
      '`allowedCidrs` must name at least one client CIDR; the web ACL blocks every other address (DPP-NP-1), got: []',
    );
  });

  test.each(['', 'x'.repeat(19)])('an internet-facing reason of %j throws', (reason) => {
    expect(() =>
      endpoint({ allowedCidrs: ['203.0.113.0/24'], internetFacing: { reason } }),
    ).toThrow('`internetFacing.reason` must explain the opt-out in at least 20 characters');
  });

  test('an internet-facing reason of 20 characters is accepted', () => {
    expect(() =>
      endpoint({ allowedCidrs: ['203.0.113.0/24'], internetFacing: { reason: 'x'.repeat(20) } }),
    ).not.toThrow();
  });
});
