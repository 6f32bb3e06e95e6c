import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a distribution is protected by an AWS WAF web ACL. */
export function cloudFrontWaf(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudFront::Distribution') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .unless(objectOf(propertiesOf(node).DistributionConfig).WebACLId !== undefined, 'NoWebAcl')
    .result();
}
