import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isFalse } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a DB instance says explicitly that it is not publicly accessible (left unset,
 * CloudFormation makes it public in a VPC with an internet gateway).
 */
export function rdsNotPublic(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::RDS::DBInstance') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  if (properties.DBClusterIdentifier !== undefined && properties.PubliclyAccessible === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(properties.PubliclyAccessible, 'PubliclyAccessible', isFalse, 'PubliclyAccessible')
    .result();
}
