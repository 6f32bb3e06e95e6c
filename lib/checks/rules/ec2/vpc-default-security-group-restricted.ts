import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { logicalIdOf, propertiesOf, renders, resourcesOfStack } from '../../resolve';

const restrictedIndexes = new WeakMap<Map<string, CfnResource>, Set<string>>();

/**
 * The logical ids of the VPCs of the stack whose default security group a custom resource
 * acts on (`Fn::GetAtt [vpc, DefaultSecurityGroup]` in its properties), as aws-cdk-lib's
 * `restrictDefaultSecurityGroup` does.
 */
function restrictedVpcs(node: CfnResource): Set<string> {
  const resources = resourcesOfStack(node);
  let restricted = restrictedIndexes.get(resources);
  if (!restricted) {
    restricted = new Set();
    for (const resource of resources.values()) {
      const type = resource.cfnResourceType;
      if (!type.startsWith('Custom::') && type !== 'AWS::CloudFormation::CustomResource') continue;
      if (!renders(resource)) continue;
      const text = JSON.stringify(propertiesOf(resource));
      for (const match of text.matchAll(/"Fn::GetAtt":\["([^"]+)","DefaultSecurityGroup"\]/g)) {
        restricted.add(match[1]);
      }
    }
    restrictedIndexes.set(resources, restricted);
  }
  return restricted;
}

/**
 * Compliant when the default security group of a VPC is stripped of its rules by a custom
 * resource of the same stack (aws-cdk-lib's `restrictDefaultSecurityGroup: true`).
 */
export function vpcDefaultSecurityGroupRestricted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EC2::VPC') return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .unless(restrictedVpcs(node).has(logicalIdOf(node)), 'DefaultSecurityGroupOpen')
    .result();
}
