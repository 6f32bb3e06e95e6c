import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isWorldOpenCidr } from '../../../../constructs/network/cidr';
import { Findings } from '../../findings';
import { ingressRulesOf, opensIngress } from './security-group-rules';

/** Compliant when no ingress rule admits every IPv4 or IPv6 address. */
export function securityGroupNoWorldIngress(node: CfnResource): NagRuleResult {
  if (!opensIngress(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  for (const rule of ingressRulesOf(node)) {
    for (const property of ['CidrIp', 'CidrIpv6']) {
      if (rule[property] === undefined) continue;
      findings.check(
        rule[property],
        property,
        (cidr) => !isWorldOpenCidr(String(cidr)),
        property === 'CidrIp' ? 'WorldOpenIpv4' : 'WorldOpenIpv6',
      );
    }
  }
  return findings.result();
}
