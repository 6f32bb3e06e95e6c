import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { worldOpenFamilies } from '../../../../constructs/network/cidr';
import { Findings } from '../../findings';
import { addAll, ingressOfGroup, sourcesOf } from './security-group-rules';

/**
 * Compliant when the ingress of a security group, all its rules together (inline, and
 * standalone rules anywhere in the app that add to it), admits no more public addresses than
 * one organisation holds: never the whole internet, in one CIDR or in pieces
 * (`0.0.0.0/1` + `128.0.0.0/1`), directly or through a prefix list. Reported once, on the group.
 */
export function securityGroupNoWorldIngress(node: CfnResource): NagRuleResult {
  const ingress = ingressOfGroup(node);
  if (!ingress) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  const cidrs: string[] = [];
  for (const rule of ingress.rules) {
    const sources = sourcesOf(rule);
    cidrs.push(...sources.cidrs);
    addAll(findings, sources.unresolved);
  }
  for (const family of worldOpenFamilies(cidrs)) {
    findings.add(family === 'IPv4' ? 'WorldOpenIpv4' : 'WorldOpenIpv6');
  }
  return findings.result();
}
