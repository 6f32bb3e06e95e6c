import { aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { keptRemovalPolicy } from '../common/kept-removal-policy';
import { Problems } from '../common/problems';
import { LOG_MIN_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';
import { piiLogDataProtectionPolicy } from './log-data-protection';

const CLAUSES = ['DPP-LM-3', 'DPP-LM-4', 'DPP-LM-5', 'DPP-25-LOG', 'DPP-ES-1'];

/**
 * Props of a `PiiFreeLogGroup`.
 */
export interface PiiFreeLogGroupProps {
  /**
   * The key that encrypts the log events. It is granted to the CloudWatch Logs service of the
   * stack's region, for this log group only.
   */
  readonly encryptionKey: PiiKey;
  /**
   * How long events are kept: at least one year (DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * The name of the log group. A named log group is deleted when the stack operation that
   * created it rolls back (`RetainExceptOnCreate`), so that a retry can create the name again;
   * it is retained on every other deletion or replacement.
   * @default - a name CloudFormation generates; the log group is retained even on rollback
   */
  readonly logGroupName?: string;
}

/**
 * A CloudWatch log group that keeps no PII: a data protection policy audits and masks PII
 * identifiers (DPP-LM-4); events are KMS-encrypted and kept at least a year, never forever by
 * accident (DPP-LM-5, DPP-25-LOG); retained on stack deletion and replacement (a named one is
 * deleted by the rollback of its own creation).
 */
export class PiiFreeLogGroup extends logs.LogGroup {
  public constructor(scope: Construct, id: string, props: PiiFreeLogGroupProps) {
    const retention = props.retention ?? logs.RetentionDays.THIRTEEN_MONTHS;
    const problems = new Problems(scope, id);
    problems.check(
      retention === logs.RetentionDays.INFINITE || retention >= LOG_MIN_RETENTION.toDays(),
      'retention',
      `must be at least ${LOG_MIN_RETENTION.toDays()} days`,
      ['DPP-LM-5', 'DPP-25-LOG'],
      `${retention} days`,
    );
    problems.throwIfAny();

    super(scope, id, {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention,
      dataProtectionPolicy: piiLogDataProtectionPolicy(),
      removalPolicy: keptRemovalPolicy(props.logGroupName),
    });
    props.encryptionKey.grantToCloudWatchLogs();
    DppMetadata.of(this.node.defaultChild as logs.CfnLogGroup).implementsControls(
      'PiiFreeLogGroup',
      CLAUSES,
    );
  }
}
