import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a Classic Load Balancer writes access logs to S3. */
export function classicElbAccessLogs(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const policy = objectOf(propertiesOf(node).AccessLoggingPolicy);
  return new Findings(node)
    .check(policy.Enabled, 'AccessLoggingPolicy', isTrue, 'NoAccessLogs')
    .result();
}
