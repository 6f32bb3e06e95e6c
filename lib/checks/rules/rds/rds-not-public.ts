import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isFalse } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a DB instance, Aurora members included, or a Multi-AZ DB cluster (one with
 * `DBClusterInstanceClass`) says explicitly that it is not publicly accessible: left unset,
 * RDS makes it public in a VPC with an internet gateway. An Aurora cluster has no endpoint of
 * its own to open; its instances are judged.
 */
export function rdsNotPublic(node: CfnResource): NagRuleResult {
  const properties = propertiesOf(node);
  const multiAzCluster =
    node.cfnResourceType === 'AWS::RDS::DBCluster' &&
    properties.DBClusterInstanceClass !== undefined;
  if (node.cfnResourceType !== 'AWS::RDS::DBInstance' && !multiAzCluster) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(properties.PubliclyAccessible, 'PubliclyAccessible', isFalse, 'PubliclyAccessible')
    .result();
}
