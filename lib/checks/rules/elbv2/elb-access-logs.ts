import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when an application or network load balancer writes access logs to S3. */
export function elbAccessLogs(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  if (properties.Type === 'gateway') return NagRuleCompliance.NOT_APPLICABLE;
  const attribute = recordsOf(properties.LoadBalancerAttributes).find(
    (a) => a.Key === 'access_logs.s3.enabled',
  );
  return new Findings(node)
    .check(attribute?.Value, 'LoadBalancerAttributes', (v) => String(v) === 'true', 'NoAccessLogs')
    .result();
}
