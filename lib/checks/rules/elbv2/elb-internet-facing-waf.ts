import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { hasWebAcl } from '../../web-acl';

/**
 * Compliant when a load balancer is internal, or internet-facing behind an AWS WAF web ACL
 * (the IP allow-list). A network load balancer cannot carry a web ACL, so it must be internal.
 * CloudFormation makes a load balancer internet-facing when `Scheme` is unset.
 */
export function elbInternetFacingWaf(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (findings.cannotJudge(properties.Scheme)) return findings.add('Unresolved::Scheme').result();
  if (properties.Scheme === 'internal' || properties.Type === 'gateway') {
    return NagRuleCompliance.COMPLIANT;
  }
  const application = properties.Type === undefined || properties.Type === 'application';
  return findings.unless(application && hasWebAcl(node), 'InternetFacingWithoutWaf').result();
}
