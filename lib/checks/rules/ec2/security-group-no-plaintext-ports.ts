import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { plaintextPortsIn } from '../../../../constructs/network/ports';
import { Findings } from '../../findings';
import { ingressRulesOf, opensIngress } from './security-group-rules';

/** The lowest and highest port numbers. */
const ALL_PORTS: [number, number] = [0, 65535];

/**
 * Compliant when no ingress rule opens a port of a plaintext protocol (HTTP, FTP, Telnet,
 * SMTP...), even from a trusted source; an all-protocols rule opens them all.
 */
export function securityGroupNoPlaintextPorts(node: CfnResource): NagRuleResult {
  if (!opensIngress(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  for (const rule of ingressRulesOf(node)) {
    const protocol = String(rule.IpProtocol).toLowerCase();
    if (!['-1', 'all', 'tcp', 'udp', '6', '17'].includes(protocol)) continue;
    if (findings.cannotJudge(rule.FromPort) || findings.cannotJudge(rule.ToPort)) {
      findings.add('Unresolved::Port');
      continue;
    }
    const [from, to] =
      protocol === '-1' || protocol === 'all' || rule.FromPort === undefined
        ? ALL_PORTS
        : [Number(rule.FromPort), Number(rule.ToPort ?? rule.FromPort)];
    const [low, high] = from === -1 ? ALL_PORTS : [from, to];
    for (const port of plaintextPortsIn(low, high)) findings.add(`PlaintextPort::${port}`);
  }
  return findings.result();
}
