import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a table that may hold Amazon data has point-in-time recovery on. */
export function dynamoDbTablePitr(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!type.startsWith('AWS::DynamoDB::') || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const specifications =
    type === 'AWS::DynamoDB::Table'
      ? [properties.PointInTimeRecoverySpecification]
      : recordsOf(properties.Replicas).map((r) => r.PointInTimeRecoverySpecification);
  const findings = new Findings(node);
  for (const specification of specifications) {
    findings.check(
      objectOf(specification).PointInTimeRecoveryEnabled,
      'PointInTimeRecoverySpecification',
      isTrue,
      'NoPointInTimeRecovery',
    );
  }
  return findings.result();
}
