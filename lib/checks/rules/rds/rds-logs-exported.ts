import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isDatabase } from './rds-database';

/** Compliant when a database exports its logs (audit, connection, error) to CloudWatch Logs. */
export function rdsLogsExported(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).EnableCloudwatchLogsExports,
      'EnableCloudwatchLogsExports',
      (exports) => Array.isArray(exports) && exports.length > 0,
      'NoLogExports',
    )
    .result();
}
