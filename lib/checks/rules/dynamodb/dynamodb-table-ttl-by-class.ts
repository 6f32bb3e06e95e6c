import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a `pii` or `amazon-data` table expires items through an enabled time-to-live
 * attribute, so records can be deleted within the class's limit (30 days, 18 months). A
 * specification that is disabled or names no attribute deletes nothing.
 */
export function dynamoDbTableTtlByClass(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::DynamoDB::Table' && type !== 'AWS::DynamoDB::GlobalTable') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (maxRetentionDays(storeClass(node)) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const ttl = objectOf(propertiesOf(node).TimeToLiveSpecification);
  const findings = new Findings(node).check(
    ttl.Enabled,
    'TimeToLiveSpecification',
    isTrue,
    'NoTimeToLive',
  );
  if (isTrue(ttl.Enabled)) {
    findings.check(
      ttl.AttributeName,
      'AttributeName',
      (name) => typeof name === 'string' && name !== '',
      'NoTimeToLive',
    );
  }
  return findings.result();
}
