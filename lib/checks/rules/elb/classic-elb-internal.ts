import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a Classic Load Balancer is internal. It is internet-facing when `Scheme` is
 * unset, and it cannot carry an AWS WAF web ACL, so it can never admit only allow-listed
 * addresses on the internet.
 */
export function classicElbInternal(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(propertiesOf(node).Scheme, 'Scheme', (s) => s === 'internal', 'InternetFacing')
    .result();
}
