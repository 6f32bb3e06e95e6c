import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a distribution is protected by an AWS WAF web ACL. An empty `WebACLId` names
 * none: CloudFront then serves without one.
 */
export function cloudFrontWaf(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudFront::Distribution') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const webAcl = objectOf(propertiesOf(node).DistributionConfig).WebACLId;
  const findings = new Findings(node);
  if (findings.cannotJudge(webAcl)) return findings.add('Unresolved::WebACLId').result();
  return findings.unless(webAcl !== undefined && webAcl !== '', 'NoWebAcl').result();
}
