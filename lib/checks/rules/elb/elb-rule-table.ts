import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { classicElbAccessLogs } from './classic-elb-access-logs';
import { classicElbInternal } from './classic-elb-internal';
import { classicElbListenerTls } from './classic-elb-listener-tls';

const { ERROR } = NagMessageLevel;

const CLASSIC = ['AWS::ElasticLoadBalancing::LoadBalancer'];

/** The Classic Load Balancer rules. */
export const ELB_RULES: readonly DppRule[] = [
  {
    id: 'ClassicElbListenerTls',
    level: ERROR,
    waivable: false,
    resourceTypes: CLASSIC,
    clauses: ['DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'A listener of the Classic Load Balancer is plaintext on either side, or its SSL negotiation policy accepts TLS older than 1.2',
    causes: {
      PlaintextListener:
        'A listener speaks HTTP, or TCP on the port of a plaintext protocol, to clients',
      PlaintextBackend:
        'A listener reaches its instances over HTTP, or TCP on the port of a plaintext protocol',
      SslPolicyUnset:
        'An HTTPS or SSL listener has no SSL negotiation policy, so it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0',
      OldTlsPolicy: 'The SSL negotiation policy of a listener accepts TLS older than 1.2',
      UnknownTlsPolicy:
        'The predefined policy a listener refers to is not in the table of ELB policies, so the TLS versions it accepts cannot be judged',
    },
    explanation:
      'Amazon data travels over TLS 1.2+, between hosts too, and plaintext channels are disabled even when unused.',
    fix: 'replace it with an Application Load Balancer behind TlsLoadBalancer, or listen with HTTPS/SSL and `Reference-Security-Policy: ELBSecurityPolicy-TLS-1-2-2017-01` to HTTPS/SSL instances.',
    check: classicElbListenerTls,
  },
  {
    id: 'ClassicElbInternal',
    level: ERROR,
    resourceTypes: CLASSIC,
    clauses: ['DPP-NP-1'],
    summary:
      'The Classic Load Balancer is internet-facing, and it cannot carry an AWS WAF IP allow-list',
    causes: {
      InternetFacing:
        'The Classic Load Balancer is internet-facing (`Scheme` unset or `internet-facing`) and cannot carry a WAF web ACL',
    },
    explanation: 'An internet-facing endpoint admits only allow-listed addresses.',
    fix: 'set `Scheme: internal`, or use TlsLoadBalancer with a WAF IP allow-list.',
    check: classicElbInternal,
  },
  {
    id: 'ClassicElbAccessLogs',
    level: ERROR,
    resourceTypes: CLASSIC,
    clauses: ['DPP-LM-2'],
    summary: 'The Classic Load Balancer writes no access logs',
    causes: {
      NoAccessLogs:
        'The classic load balancer writes no access logs (`AccessLoggingPolicy` absent or disabled)',
    },
    explanation: 'Every channel to Amazon data is logged.',
    fix: 'set `AccessLoggingPolicy: { Enabled: true, S3BucketName }`, or use TlsLoadBalancer.',
    check: classicElbAccessLogs,
  },
];
