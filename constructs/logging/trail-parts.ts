import { aws_cloudtrail as cloudtrail, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems } from '../common/problems';
import { LOG_MIN_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from './pii-free-log-group';

/**
 * The parts every cdk-dpp trail shares, the account's `AuditTrail` and the management account's
 * `OrganizationTrail`: the retention check, the CloudWatch Logs delivery, the insight selectors
 * and the event selectors for management events and PII data events. Library-internal: not
 * exported from the package.
 */

/** The clauses a cdk-dpp trail implements. */
export const TRAIL_CLAUSES: readonly string[] = [
  'DPP-LM-1',
  'DPP-LM-2',
  'DPP-LM-3',
  'DPP-LM-5',
  'DPP-ES-1',
  'SOC-R8',
];

/** Insight events for unusual API call and error rates. */
export const TRAIL_INSIGHT_SELECTORS: cloudtrail.CfnTrail.InsightSelectorProperty[] = [
  { insightType: 'ApiCallRateInsight' },
  { insightType: 'ApiErrorRateInsight' },
];

/** Records a problem unless the trail's log group keeps events at least a year (DPP-LM-5). */
export function checkTrailLogRetention(
  problems: Problems,
  retention: logs.RetentionDays | undefined,
): void {
  problems.check(
    retention === undefined || retention >= LOG_MIN_RETENTION.toDays(),
    'logRetention',
    `must be at least ${LOG_MIN_RETENTION.toDays()} days`,
    ['DPP-LM-5', 'DPP-25-LOG'],
    `${retention} days`,
  );
}

/**
 * The trail's CloudWatch Logs delivery, created under `scope`: the `PiiFreeLogGroup` `LogGroup`
 * encrypted with `key`, and the role `LogsRole` CloudTrail assumes to write to it.
 */
export function trailLogsDelivery(
  scope: Construct,
  key: PiiKey,
  retention: logs.RetentionDays | undefined,
): { logGroup: PiiFreeLogGroup; role: ManagedPolicyRole } {
  const logGroup = new PiiFreeLogGroup(scope, 'LogGroup', { encryptionKey: key, retention });
  const role = new ManagedPolicyRole(scope, 'LogsRole', {
    description: 'Lets CloudTrail write the audit trail to its CloudWatch log group (cdk-dpp)',
    assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return { logGroup, role };
}

/**
 * The advanced event selectors of a trail: every management event, and reads and writes of the
 * objects of every PII bucket and the items of every PII table added (DPP-LM-2).
 */
export class AuditEventSelectors {
  private readonly bucketArns: string[] = [];
  private readonly tableArns: string[] = [];

  /** Records the objects of a bucket; adding it twice adds nothing. */
  public addBucketArn(arn: string): void {
    if (!this.bucketArns.includes(arn)) this.bucketArns.push(arn);
  }

  /** Records the items of a table; adding it twice adds nothing. */
  public addTableArn(arn: string): void {
    if (!this.tableArns.includes(arn)) this.tableArns.push(arn);
  }

  /** The selectors, for `advancedEventSelectors` (through `Lazy.any`). */
  public render(): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
    const selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] = [
      {
        name: 'Management events',
        fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
      },
    ];
    if (this.bucketArns.length > 0) {
      selectors.push({
        name: 'PII bucket objects',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', startsWith: this.bucketArns.map((arn) => `${arn}/`) },
        ],
      });
    }
    if (this.tableArns.length > 0) {
      selectors.push({
        name: 'PII table items',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
          { field: 'resources.ARN', equalTo: [...this.tableArns] },
        ],
      });
    }
    return selectors;
  }
}
