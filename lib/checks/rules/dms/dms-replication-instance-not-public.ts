import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isFalse } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a DMS replication instance that may carry Amazon data has no public address:
 * `PubliclyAccessible` false (DMS makes an instance public when the setting is absent).
 */
export function dmsReplicationInstanceNotPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DMS::ReplicationInstance' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      propertiesOf(node).PubliclyAccessible ?? true,
      'PubliclyAccessible',
      isFalse,
      'PubliclyAccessible',
    )
    .result();
}
