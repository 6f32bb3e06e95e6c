import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { LOG_MIN_RETENTION } from '../../../../constructs/common/retention-limits';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a log group keeps events at least 12 months and says for how long: an unset
 * retention keeps them forever, which is never assumed to be deliberate (acknowledge the
 * finding with the reason when it is).
 */
export function logGroupRetention(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') return NagRuleCompliance.NOT_APPLICABLE;
  const retention = propertiesOf(node).RetentionInDays;
  const findings = new Findings(node);
  if (retention === undefined) return findings.add('RetentionInfinite').result();
  return findings
    .check(
      retention,
      'RetentionInDays',
      (days) => Number(days) >= LOG_MIN_RETENTION.toDays(),
      'RetentionTooShort',
    )
    .result();
}
