import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { AdmittedCidr, worldOpenFamilies } from '../../../../constructs/network/cidr';
import { Findings, isTrue } from '../../findings';
import { isIntrinsic, propertiesOf } from '../../resolve';
import { appFact } from '../app/app-index';
import { GroupTarget, groupTarget, isOwnNetworkRange } from './security-group-rules';

/** The inbound entries of the app, by the network ACL they belong to. Computed once. */
function inboundEntriesByAcl(entries: CfnResource[]): Map<GroupTarget, CfnResource[]> {
  const index = new Map<GroupTarget, CfnResource[]>();
  for (const entry of entries) {
    const properties = propertiesOf(entry);
    if (isTrue(properties.Egress)) continue;
    const acl = groupTarget(entry, properties.NetworkAclId) ?? entry;
    index.set(acl, [...(index.get(acl) ?? []), entry]);
  }
  return index;
}

/** Whether an entry matches every protocol and port: `-1`, so a deny of it blocks everything. */
function matchesAllTraffic(entry: Record<string, unknown>): boolean {
  return String(entry.Protocol) === '-1';
}

/**
 * Compliant when the inbound entries of a network ACL, all together, admit no more public
 * addresses than one organisation holds (the threshold of `worldOpenFamilies`). Entries are
 * evaluated in rule-number order, so an allow behind a lower-numbered deny of all traffic from
 * the same range admits nothing. Reported once: on the ACL when the app declares it, else on
 * its first inbound entry.
 */
export function networkAclNoWorldIngress(node: CfnResource): NagRuleResult {
  const index = appFact(node, 'AWS::EC2::NetworkAclEntry', inboundEntriesByAcl);
  let entries: CfnResource[];
  if (node.cfnResourceType === 'AWS::EC2::NetworkAcl') {
    entries = index.get(node) ?? [];
  } else if (node.cfnResourceType === 'AWS::EC2::NetworkAclEntry') {
    const properties = propertiesOf(node);
    if (isTrue(properties.Egress)) return NagRuleCompliance.NOT_APPLICABLE;
    const acl = groupTarget(node, properties.NetworkAclId) ?? node;
    if (acl instanceof CfnResource && acl.cfnResourceType === 'AWS::EC2::NetworkAcl') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    entries = index.get(acl) ?? [node];
    if (entries[0] !== node) return NagRuleCompliance.NOT_APPLICABLE;
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  const rules = entries
    .map((entry) => ({ entry, properties: propertiesOf(entry) }))
    .sort((a, b) => Number(a.properties.RuleNumber) - Number(b.properties.RuleNumber));
  const denied: string[] = [];
  const admitted: AdmittedCidr[] = [];
  for (const { entry, properties } of rules) {
    // An action the rule cannot read may allow; a deny of part of the traffic blocks nothing.
    const allows = properties.RuleAction !== 'deny';
    for (const property of ['CidrBlock', 'Ipv6CidrBlock']) {
      const cidr = properties[property];
      if (cidr === undefined) continue;
      if (typeof cidr !== 'string' || isIntrinsic(cidr)) {
        if (allows && !isOwnNetworkRange(entry, cidr)) findings.add(`Unresolved::${property}`);
      } else if (allows) {
        admitted.push({ cidr, except: [...denied] });
      } else if (matchesAllTraffic(properties)) {
        denied.push(cidr);
      }
    }
  }
  return findings.unless(worldOpenFamilies(admitted).length === 0, 'WorldOpenIngress').result();
}
