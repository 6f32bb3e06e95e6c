import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { elbAccessLogs } from './elb-access-logs';
import { elbInternetFacingWaf } from './elb-internet-facing-waf';
import { elbListenerTls } from './elb-listener-tls';

const { ERROR } = NagMessageLevel;

/** The Elastic Load Balancing v2 rules. */
export const ELBV2_RULES: readonly DppRule[] = [
  {
    id: 'ElbListenerTls',
    level: ERROR,
    waivable: false,
    resourceTypes: [
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
    ],
    clauses: ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'The listener is plaintext (HTTP, even a redirect, TCP on a plaintext port, UDP), redirects to HTTP, forwards to targets in clear, or its TLS policy accepts TLS older than 1.2',
    causes: {
      PlaintextListener: 'The listener speaks HTTP, or TCP on the port of a plaintext protocol',
      PlaintextTarget:
        'The target group reaches its targets over HTTP, or TCP/UDP on the port of a plaintext protocol, so data travels in clear between hosts',
      UdpListener: 'The listener forwards UDP, which no load balancer can encrypt',
      SslPolicyUnset:
        'The HTTPS or TLS listener names no security policy, so it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0',
      OldTlsPolicy: 'The security policy of the listener accepts TLS older than 1.2',
      UnknownTlsPolicy:
        'The security policy of the listener is not in the table of ELB policies, so the TLS versions it accepts cannot be judged',
      RedirectToHttp: 'An action of the listener or listener rule redirects clients to plain HTTP',
      UnknownProtocol: 'The listener protocol is not one the rule knows',
    },
    explanation:
      'Amazon data travels over TLS 1.2+, and plaintext channels are disabled even when unused.',
    fix:
      'listen with HTTPS or TLS and `sslPolicy: SslPolicy.RECOMMENDED_TLS` (TLS 1.3 and 1.2), and ' +
      'remove port-80 listeners and HTTP redirects, reach targets over HTTPS/TLS, or use TlsLoadBalancer.',
    check: elbListenerTls,
  },
  {
    id: 'ElbAccessLogs',
    level: ERROR,
    resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    clauses: ['DPP-LM-2'],
    summary: 'The load balancer writes no access logs',
    causes: {
      NoAccessLogs: 'The load balancer does not turn on `access_logs.s3.enabled`',
    },
    explanation: 'Every channel to Amazon data is logged.',
    fix: 'call `loadBalancer.logAccessLogs(bucket)`, or use TlsLoadBalancer, which always does.',
    check: elbAccessLogs,
  },
  {
    id: 'ElbInternetFacingWaf',
    level: ERROR,
    resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    clauses: ['DPP-NP-1'],
    summary:
      'The load balancer is internet-facing without an AWS WAF web ACL (an NLB cannot have one)',
    causes: {
      InternetFacingWithoutWaf:
        'The load balancer is internet-facing (the default when `Scheme` is unset) without a WAF web ACL, or is a network load balancer, which cannot have one',
    },
    explanation: 'An internet-facing endpoint admits only allow-listed addresses.',
    fix: 'make it internal, or associate a WAF web ACL with an IP allow-list (TlsLoadBalancer does both).',
    check: elbInternetFacingWaf,
  },
];
