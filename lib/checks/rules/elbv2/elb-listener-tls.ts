import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Transport, plaintextPortsIn } from '../../../../constructs/network/ports';
import { Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf, referencedResource } from '../../resolve';
import { judgePolicy } from './elb-security-policies';

/** Whether a resolved port is the port of an always-plaintext protocol over `transports`. */
export function isPlaintextPort(
  port: unknown,
  transports: readonly Transport[] = ['tcp'],
): boolean {
  const value = Number(port);
  return Number.isInteger(value) && plaintextPortsIn(value, value, transports).length > 0;
}

/**
 * Judges a listener's security policy: unset means the CloudFormation default (TLS 1.0); a name
 * the policy table does not know cannot pass.
 */
function checkPolicy(findings: Findings, policy: unknown): void {
  if (policy === undefined) {
    findings.add('SslPolicyUnset');
    return;
  }
  if (findings.cannotJudge(policy)) {
    findings.add('Unresolved::SslPolicy');
    return;
  }
  const verdict = judgePolicy(String(policy));
  if (verdict === 'old') findings.add('OldTlsPolicy');
  if (verdict === 'unknown') findings.add(`UnknownTlsPolicy::${String(policy)}`);
}

/** Flags actions that redirect to plain HTTP. */
function checkActions(findings: Findings, actions: unknown): void {
  for (const action of recordsOf(actions)) {
    const protocol = objectOf(action.RedirectConfig).Protocol;
    if (protocol !== undefined) {
      findings.check(
        protocol,
        'RedirectConfig.Protocol',
        (p) => String(p).toUpperCase() !== 'HTTP',
        'RedirectToHttp',
      );
    }
  }
}

/**
 * Judges the hop from the load balancer to its targets: HTTP, or TCP or UDP on the port of a
 * plaintext protocol, carries the data in clear between hosts. Lambda targets are invoked over
 * the AWS API; gateway (GENEVE) targets are out of scope.
 */
function checkTargetGroup(findings: Findings, properties: Record<string, unknown>): void {
  if (properties.TargetType === 'lambda') return;
  if (findings.cannotJudge(properties.Protocol)) {
    findings.add('Unresolved::Protocol');
    return;
  }
  const protocol = String(properties.Protocol ?? '').toUpperCase();
  if (protocol === 'HTTP') findings.add('PlaintextTarget');
  const transports: Record<string, Transport[]> = {
    TCP: ['tcp'],
    UDP: ['udp'],
    TCP_UDP: ['tcp', 'udp'],
  };
  if (Object.hasOwn(transports, protocol)) {
    findings.check(
      properties.Port,
      'Port',
      (p) => !isPlaintextPort(p, transports[protocol]),
      'PlaintextTarget',
    );
  }
}

/**
 * Compliant when a listener speaks HTTPS or TLS with a security policy that accepts TLS 1.2 or
 * newer only (judged by the committed table of ELB policies; unset is the TLS 1.0 default), or
 * QUIC (TLS 1.3 by design), and no action of a listener or listener rule redirects to HTTP. An
 * HTTP listener is a finding even when it only redirects. A TCP listener passes TLS through, so
 * it is a finding only on the port of a plaintext protocol; a UDP listener carries datagrams no
 * load balancer can encrypt. A target group is a finding when it reaches its targets over HTTP,
 * or TCP/UDP on a plaintext port. Gateway listeners (GENEVE) are out of scope.
 */
export function elbListenerTls(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (type === 'AWS::ElasticLoadBalancingV2::TargetGroup') {
    checkTargetGroup(findings, properties);
    return findings.result();
  }
  if (type === 'AWS::ElasticLoadBalancingV2::ListenerRule') {
    checkActions(findings, properties.Actions);
    return findings.result();
  }
  if (type !== 'AWS::ElasticLoadBalancingV2::Listener') return NagRuleCompliance.NOT_APPLICABLE;
  if (properties.Protocol === undefined) {
    const lb = referencedResource(node, properties.LoadBalancerArn);
    if (lb && propertiesOf(lb).Type === 'gateway') return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (properties.Protocol === undefined || findings.cannotJudge(properties.Protocol)) {
    return findings.add('Unresolved::Protocol').result();
  }
  checkActions(findings, properties.DefaultActions);
  const protocol = String(properties.Protocol).toUpperCase();
  switch (protocol) {
    case 'HTTP':
      findings.add('PlaintextListener');
      break;
    case 'HTTPS':
    case 'TLS':
      checkPolicy(findings, properties.SslPolicy);
      break;
    case 'TCP':
      findings.check(properties.Port, 'Port', (p) => !isPlaintextPort(p), 'PlaintextListener');
      break;
    case 'UDP':
    case 'TCP_UDP':
      findings.add('UdpListener');
      break;
    case 'GENEVE':
      return NagRuleCompliance.NOT_APPLICABLE;
    default:
      // QUIC and TCP_QUIC are TLS 1.3 by design; anything else is unknown.
      if (protocol !== 'QUIC' && protocol !== 'TCP_QUIC')
        findings.add(`UnknownProtocol::${protocol}`);
  }
  return findings.result();
}
