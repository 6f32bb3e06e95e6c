import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { PLAINTEXT_PORTS } from '../../../../constructs/network/ports';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Load balancer security policies that accept TLS 1.2 or newer only. */
export const TLS12_ELB_POLICY = /-1-[23]-/;

/**
 * Compliant when a listener speaks HTTPS or TLS with a TLS 1.2+ security policy. An HTTP
 * listener is a finding even when it only redirects; a TCP or UDP listener is one when it
 * listens on a plaintext protocol's port.
 */
export function elbListenerTls(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::Listener') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (findings.cannotJudge(properties.Protocol))
    return findings.add('Unresolved::Protocol').result();
  const protocol = String(properties.Protocol);
  if (protocol === 'HTTP') return findings.add('PlaintextListener').result();
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    if (properties.SslPolicy === undefined) return findings.add('SslPolicyUnset').result();
    return findings
      .check(
        properties.SslPolicy,
        'SslPolicy',
        (p) => TLS12_ELB_POLICY.test(String(p)),
        'OldTlsPolicy',
      )
      .result();
  }
  if (protocol === 'GENEVE') return NagRuleCompliance.NOT_APPLICABLE;
  return findings
    .check(
      properties.Port,
      'Port',
      (p) => !PLAINTEXT_PORTS.includes(Number(p)),
      'PlaintextListener',
    )
    .result();
}
