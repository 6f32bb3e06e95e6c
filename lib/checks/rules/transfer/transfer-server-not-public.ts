import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a Transfer Family server that may carry Amazon data has a VPC endpoint, whose
 * security groups filter who reaches it. `EndpointType` `PUBLIC` (the default) has no firewall.
 */
export function transferServerNotPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Transfer::Server' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      propertiesOf(node).EndpointType ?? 'PUBLIC',
      'EndpointType',
      (type) => type !== 'PUBLIC',
      'PublicEndpoint',
    )
    .result();
}
