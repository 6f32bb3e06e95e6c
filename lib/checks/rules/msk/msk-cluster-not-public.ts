import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when the brokers of an MSK cluster that may hold Amazon data have no public
 * addresses (`PublicAccess` `DISABLED`, the default, not `SERVICE_PROVIDED_EIPS`).
 */
export function mskClusterNotPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::MSK::Cluster' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const connectivity = objectOf(objectOf(propertiesOf(node).BrokerNodeGroupInfo).ConnectivityInfo);
  return new Findings(node)
    .check(
      objectOf(connectivity.PublicAccess).Type,
      'PublicAccess',
      (type) => type !== 'SERVICE_PROVIDED_EIPS',
      'PublicAccess',
    )
    .result();
}
