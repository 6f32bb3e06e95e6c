import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isWorldOpenCidr } from '../../../../constructs/network/cidr';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when no network ACL entry allows inbound traffic from every address. */
export function networkAclNoWorldIngress(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EC2::NetworkAclEntry') return NagRuleCompliance.NOT_APPLICABLE;
  const entry = propertiesOf(node);
  if (isTrue(entry.Egress) || entry.RuleAction !== 'allow') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  for (const property of ['CidrBlock', 'Ipv6CidrBlock']) {
    if (entry[property] === undefined) continue;
    findings.check(
      entry[property],
      property,
      (c) => !isWorldOpenCidr(String(c)),
      'WorldOpenIngress',
    );
  }
  return findings.result();
}
