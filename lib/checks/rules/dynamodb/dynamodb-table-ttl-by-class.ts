import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { maxRetentionDays, storeClass } from '../../data-stores';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The days point-in-time recovery can restore when `RecoveryPeriodInDays` is unset. */
const DEFAULT_PITR_DAYS = 35;

/**
 * Compliant when a `pii` or `amazon-data` table expires items through an enabled time-to-live
 * attribute, so records can be deleted within the class's limit (30 days, 18 months). A
 * specification that is disabled or names no attribute deletes nothing. Point-in-time recovery
 * keeps deleted items restorable for its recovery period (35 days unless set), which must stay
 * within the limit too.
 */
export function dynamoDbTableTtlByClass(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::DynamoDB::Table' && type !== 'AWS::DynamoDB::GlobalTable') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const limit = maxRetentionDays(storeClass(node));
  if (limit === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const ttl = objectOf(properties.TimeToLiveSpecification);
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
  const specifications =
    type === 'AWS::DynamoDB::Table'
      ? [properties.PointInTimeRecoverySpecification]
      : recordsOf(properties.Replicas).map((r) => r.PointInTimeRecoverySpecification);
  for (const specification of specifications.map(objectOf)) {
    if (!isTrue(specification.PointInTimeRecoveryEnabled)) continue;
    findings.check(
      specification.RecoveryPeriodInDays ?? DEFAULT_PITR_DAYS,
      'RecoveryPeriodInDays',
      (days) => Number(days) <= limit,
      'PitrOutlivesLimit',
    );
  }
  return findings.result();
}
