import { aws_ec2 as ec2, aws_elasticloadbalancing as elb } from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const HTTPS = {
  protocol: 'HTTPS',
  loadBalancerPort: '443',
  instancePort: '443',
  instanceProtocol: 'HTTPS',
  sslCertificateId: 'arn:aws:acm:eu-west-1:111122223333:certificate/1',
};

function tlsPolicy(reference: string): elb.CfnLoadBalancer.PoliciesProperty {
  return {
    policyName: 'Tls',
    policyType: 'SSLNegotiationPolicyType',
    attributes: [{ Name: 'Reference-Security-Policy', Value: reference }],
  };
}

describe('ClassicElbListenerTls', () => {
  const ID = 'ClassicElbListenerTls';

  test('an L2 HTTP listener is flagged once, whatever its instances speak', () => {
    const stack = testStack();
    new elb.LoadBalancer(stack, 'Lb', {
      vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }),
      internetFacing: true,
      listeners: [{ externalPort: 80 }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextListener]`]);
  });

  test('an HTTPS listener without a negotiation policy gets the TLS 1.0 default', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', { scheme: 'internal', listeners: [HTTPS] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SslPolicyUnset]`]);
  });

  test('HTTPS to HTTPS instances with a TLS 1.2 policy complies', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [{ ...HTTPS, policyNames: ['Tls'] }],
      policies: [tlsPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an old predefined policy, and a custom one enabling TLS 1.0, are flagged', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Old', {
      listeners: [{ ...HTTPS, policyNames: ['Tls'] }],
      policies: [tlsPolicy('ELBSecurityPolicy-2016-08')],
    });
    new elb.CfnLoadBalancer(stack, 'Custom', {
      listeners: [{ ...HTTPS, protocol: 'SSL', instanceProtocol: 'SSL' }],
      policies: [
        {
          policyName: 'Custom',
          policyType: 'SSLNegotiationPolicyType',
          loadBalancerPorts: ['443'],
          attributes: [
            { Name: 'Protocol-TLSv1', Value: 'true' },
            { Name: 'Protocol-TLSv1.2', Value: 'true' },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('TCP passthrough on 443 complies; TCP on 23 is plaintext', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [
        { protocol: 'TCP', loadBalancerPort: '443', instancePort: '443' },
        { protocol: 'TCP', loadBalancerPort: '23', instancePort: '2323' },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextListener]`]);
  });

  test('an unresolved protocol is reported', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [
        { protocol: unresolvedString(stack), loadBalancerPort: '443', instancePort: '443' },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Protocol]`]);
  });
});

describe('ClassicElbInternal', () => {
  const ID = 'ClassicElbInternal';

  test('an L1 load balancer without a scheme is internet-facing', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', { listeners: [HTTPS] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InternetFacing]`]);
  });

  test('an L2 internal load balancer complies', () => {
    const stack = testStack();
    new elb.LoadBalancer(stack, 'Lb', {
      vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 }),
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved scheme is reported', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', { listeners: [HTTPS], scheme: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Scheme]`]);
  });
});

describe('ClassicElbAccessLogs', () => {
  const ID = 'ClassicElbAccessLogs';

  test('a load balancer without access logs is flagged', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', { listeners: [HTTPS] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('access logs to a bucket comply', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [HTTPS],
      accessLoggingPolicy: { enabled: true, s3BucketName: 'logs' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new elb.CfnLoadBalancer(stack, 'Lb', {
      listeners: [HTTPS],
      accessLoggingPolicy: {
        enabled: unresolvedString(stack) as unknown as boolean,
        s3BucketName: 'logs',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AccessLoggingPolicy]`]);
  });
});
