import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isDatabase } from './rds-database';

/**
 * Log types that record no access to the data: slow queries (MySQL, MariaDB) and engine
 * upgrades (PostgreSQL). Exporting only these leaves storage-layer access unlogged.
 */
const NO_ACCESS_LOG_TYPES: readonly string[] = ['slowquery', 'upgrade'];

/**
 * Compliant when a database exports to CloudWatch Logs at least one log that records access
 * (audit, connection, error or general log; `postgresql`, `alert`, `listener`...), not only
 * its slow query or upgrade log.
 */
export function rdsLogsExported(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      propertiesOf(node).EnableCloudwatchLogsExports,
      'EnableCloudwatchLogsExports',
      (exports) =>
        Array.isArray(exports) &&
        exports.some((type) => typeof type !== 'string' || !NO_ACCESS_LOG_TYPES.includes(type)),
      'NoLogExports',
    )
    .result();
}
