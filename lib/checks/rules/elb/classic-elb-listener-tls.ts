import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, recordsOf } from '../../findings';
import { isIntrinsic, propertiesOf } from '../../resolve';
import { isPlaintextPort } from '../elbv2/elb-listener-tls';
import { judgePolicy } from '../elbv2/elb-security-policies';

/** The protocol versions older than TLS 1.2 a custom SSL negotiation policy can enable. */
const OLD_PROTOCOLS = ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];

/**
 * Judges the SSL negotiation policy of an HTTPS or SSL listener: a predefined policy by the
 * table of ELB policies, a custom one by the protocol versions it enables; none is the default
 * ELBSecurityPolicy-2016-08 (TLS 1.0).
 */
function checkNegotiation(
  findings: Findings,
  listener: Record<string, unknown>,
  policies: Record<string, unknown>[],
): void {
  const names = Array.isArray(listener.PolicyNames) ? listener.PolicyNames : [];
  const port = String(listener.LoadBalancerPort);
  const negotiation = policies.find(
    (p) =>
      p.PolicyType === 'SSLNegotiationPolicyType' &&
      (names.includes(p.PolicyName) ||
        (Array.isArray(p.LoadBalancerPorts) && p.LoadBalancerPorts.map(String).includes(port))),
  );
  if (!negotiation) {
    findings.add('SslPolicyUnset');
    return;
  }
  const attributes = recordsOf(negotiation.Attributes);
  const reference = attributes.find((a) => a.Name === 'Reference-Security-Policy')?.Value;
  if (reference !== undefined) {
    if (isIntrinsic(reference)) return void findings.add('Unresolved::Reference-Security-Policy');
    const verdict = judgePolicy(String(reference));
    if (verdict === 'old') findings.add('OldTlsPolicy');
    if (verdict === 'unknown') findings.add(`UnknownTlsPolicy::${String(reference)}`);
    return;
  }
  const enabled = (name: string): boolean =>
    attributes.some((a) => a.Name === name && (isTrue(a.Value) || isIntrinsic(a.Value)));
  findings.unless(!OLD_PROTOCOLS.some(enabled), 'OldTlsPolicy');
  findings.unless(enabled('Protocol-TLSv1.2'), 'OldTlsPolicy');
}

/**
 * Compliant when every listener of a Classic Load Balancer speaks HTTPS or SSL with a TLS 1.2+
 * negotiation policy and reaches its instances over HTTPS or SSL, or passes TCP through on
 * ports that are not a plaintext protocol's. HTTP on either side is plaintext.
 */
export function classicElbListenerTls(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const policies = recordsOf(properties.Policies);
  for (const listener of recordsOf(properties.Listeners)) {
    if (findings.cannotJudge(listener.Protocol)) {
      findings.add('Unresolved::Protocol');
      continue;
    }
    const protocol = String(listener.Protocol).toUpperCase();
    const backend = String(listener.InstanceProtocol ?? protocol).toUpperCase();
    if (protocol === 'HTTP') findings.add('PlaintextListener');
    if (protocol === 'TCP' && isPlaintextPort(listener.LoadBalancerPort)) {
      findings.add('PlaintextListener');
    }
    if (protocol === 'HTTPS' || protocol === 'SSL') checkNegotiation(findings, listener, policies);
    const plaintextBackend =
      backend === 'HTTP' || (backend === 'TCP' && isPlaintextPort(listener.InstancePort));
    if (protocol !== 'HTTP' && plaintextBackend) findings.add('PlaintextBackend');
  }
  return findings.result();
}
