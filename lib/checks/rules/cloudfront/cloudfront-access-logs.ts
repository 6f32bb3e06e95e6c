import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a distribution writes standard access logs. */
export function cloudFrontAccessLogs(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudFront::Distribution') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .unless(objectOf(propertiesOf(node).DistributionConfig).Logging !== undefined, 'NoAccessLogs')
    .result();
}
