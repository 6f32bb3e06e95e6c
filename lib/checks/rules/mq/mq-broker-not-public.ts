import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a broker that may hold Amazon data is not publicly accessible. */
export function mqBrokerNotPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::AmazonMQ::Broker' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      propertiesOf(node).PubliclyAccessible,
      'PubliclyAccessible',
      (on) => !isTrue(on),
      'PubliclyAccessible',
    )
    .result();
}
