import {
  Stack,
  aws_certificatemanager as acm,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
  aws_s3 as s3,
  aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import {
  ELB_SECURITY_POLICIES,
  judgePolicy,
} from '../../../lib/checks/rules/elbv2/elb-security-policies';
import { testApp, testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

function alb(stack: Stack, props: Partial<elbv2.ApplicationLoadBalancerProps> = {}) {
  return new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }),
    ...props,
  });
}

const certificate = (stack: Stack) =>
  acm.Certificate.fromCertificateArn(
    stack,
    'Cert',
    'arn:aws:acm:eu-west-1:111122223333:certificate/1',
  );

describe('ElbListenerTls', () => {
  const ID = 'ElbListenerTls';

  test('an L2 HTTP redirect listener is flagged', () => {
    const stack = testStack();
    alb(stack).addRedirect();
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextListener]`]);
  });

  test('an L1 HTTPS listener with the 2016 policy is flagged', () => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404' } }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('an HTTPS listener with a TLS 1.3 policy complies', () => {
    const stack = testStack();
    alb(stack).addListener('Https', {
      port: 443,
      certificates: [certificate(stack)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an HTTPS listener that leaves the policy unset is flagged', () => {
    const stack = testStack();
    alb(stack).addListener('Https', {
      port: 443,
      certificates: [certificate(stack)],
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SslPolicyUnset]`]);
  });

  test('an unresolved protocol is reported', () => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol: unresolvedString(stack),
      port: 443,
      defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404' } }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Protocol]`]);
  });
});

describe('ElbAccessLogs', () => {
  const ID = 'ElbAccessLogs';

  test('an L2 load balancer without access logs is flagged', () => {
    const stack = testStack();
    alb(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('an L1 load balancer with access logs off is flagged', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Lb', {
      loadBalancerAttributes: [{ key: 'access_logs.s3.enabled', value: 'false' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('access logs to a bucket comply', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1' } });
    alb(stack).logAccessLogs(new s3.Bucket(stack, 'Logs'));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved attribute is reported', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Lb', {
      loadBalancerAttributes: [{ key: 'access_logs.s3.enabled', value: unresolvedString(stack) }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::LoadBalancerAttributes]`]);
  });
});

describe('ElbInternetFacingWaf', () => {
  const ID = 'ElbInternetFacingWaf';

  test('an internet-facing L2 load balancer without WAF is flagged', () => {
    const stack = testStack();
    alb(stack, { internetFacing: true });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InternetFacingWithoutWaf]`]);
  });

  test('an L1 load balancer without a scheme is internet-facing', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Lb', { type: 'network' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InternetFacingWithoutWaf]`]);
  });

  test('an internal load balancer, or an internet-facing one behind WAF, complies', () => {
    const stack = testStack();
    const lb = alb(stack, { internetFacing: true });
    new wafv2.CfnWebACLAssociation(stack, 'Waf', {
      resourceArn: lb.loadBalancerArn,
      webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/allow-list/1',
    });
    new elbv2.CfnLoadBalancer(stack, 'Internal', { scheme: 'internal' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved scheme is reported', () => {
    const stack = testStack();
    new elbv2.CfnLoadBalancer(stack, 'Lb', { scheme: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Scheme]`]);
  });
});

describe('ELB security policy table', () => {
  test('every policy aws-cdk-lib names is in the table', () => {
    const missing = Object.values(elbv2.SslPolicy).filter(
      (policy) => !Object.hasOwn(ELB_SECURITY_POLICIES, policy),
    );
    expect(missing).toEqual([]);
  });

  test.each([
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'tls12'],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10', 'tls12'],
    ['ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04', 'tls12'],
    ['ELBSecurityPolicy-2016-08', 'old'],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06', 'old'],
    ['ELBSecurityPolicy-FS-2018-06', 'old'],
    ['ELBSample-OpenSSLDefaultCipherPolicy', 'old'],
    ['constructor', 'unknown'],
    ['Custom-1-2-', 'unknown'],
  ])('%s is %s', (policy, verdict) => {
    expect(judgePolicy(policy)).toBe(verdict);
  });
});

describe('ElbListenerTls on network listeners and rules', () => {
  const ID = 'ElbListenerTls';
  const forward = [{ type: 'forward', targetGroupArn: 'arn:tg' }];

  test.each([
    ['TCP', 443, []],
    ['TCP', 80, ['PlaintextListener']],
    ['UDP', 443, ['UdpListener']],
    ['TCP_UDP', 53, ['UdpListener']],
    ['QUIC', 443, []],
    ['TLS', 443, ['SslPolicyUnset']],
  ])('a %s listener on %d', (protocol, port, expected) => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol,
      port,
      defaultActions: forward,
    });
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('a gateway listener has no protocol and is out of scope', () => {
    const stack = testStack();
    const gateway = new elbv2.CfnLoadBalancer(stack, 'Gwlb', { type: 'gateway' });
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: gateway.ref,
      defaultActions: forward,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L1 listener rule that redirects to HTTP is flagged; to HTTPS it complies', () => {
    const stack = testStack();
    for (const [id, protocol] of [
      ['Down', 'HTTP'],
      ['Up', 'HTTPS'],
    ]) {
      new elbv2.CfnListenerRule(stack, id, {
        listenerArn: 'arn:listener',
        priority: id === 'Down' ? 1 : 2,
        conditions: [{ field: 'path-pattern', values: ['/*'] }],
        actions: [{ type: 'redirect', redirectConfig: { protocol, statusCode: 'HTTP_301' } }],
      });
    }
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RedirectToHttp]`]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: 'arn:lb',
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: unresolvedString(stack),
      defaultActions: forward,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SslPolicy]`]);
  });
});

describe('ElbListenerTls on target groups', () => {
  const ID = 'ElbListenerTls';

  test.each([
    [{ protocol: 'HTTP', port: 8080 }, ['PlaintextTarget']],
    [{ protocol: 'TCP', port: 23 }, ['PlaintextTarget']],
    [{ protocol: 'UDP', port: 69 }, ['PlaintextTarget']],
    [{ protocol: 'TCP', port: 69 }, []],
    [{ protocol: 'HTTPS', port: 443 }, []],
    [{ protocol: 'TLS', port: 80 }, []],
    [{ targetType: 'lambda' }, []],
  ])('a target group %j', (props, expected) => {
    const stack = testStack();
    new elbv2.CfnTargetGroup(stack, 'Targets', { vpcId: 'vpc-1', ...props });
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('an unresolved target protocol is reported', () => {
    const stack = testStack();
    new elbv2.CfnTargetGroup(stack, 'Targets', {
      vpcId: 'vpc-1',
      protocol: unresolvedString(stack),
      port: 443,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Protocol]`]);
  });
});
