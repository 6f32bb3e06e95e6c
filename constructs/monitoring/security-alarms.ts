import {
  Duration,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_dynamodb as dynamodb,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { IncidentTopic, validateIncidentEmail } from './incident-topic';
import {
  SECURITY_ALARM_PERIOD,
  SECURITY_EVENT_FILTERS,
  SECURITY_METRIC_NAMESPACE,
  securityEventAlarm,
} from './security-event-filters';

const CLAUSES = ['DPP-LM-6', 'DPP-LM-7', 'DPP-25-IMPOC', 'DPP-25-MAL', 'SOC-C7', 'SOC-R7'];

/** How many standard deviations above the expected band a PII store's traffic must go. */
export const ANOMALY_BAND_WIDTH = 3;

/** How many consecutive periods outside the band raise an anomaly alarm. */
export const ANOMALY_EVALUATION_PERIODS = 2;

/** The CloudTrail data events of S3, counted per bucket. */
const S3_DATA_EVENTS = '{ ($.eventSource = "s3.amazonaws.com") && ($.eventCategory = "Data") }';
/** S3 object reads, with the bytes sent out, per bucket. */
const S3_OBJECT_READS =
  '{ ($.eventSource = "s3.amazonaws.com") && ($.eventName = "GetObject") && ($.additionalEventData.bytesTransferredOut = *) }';
/** The CloudTrail data events of DynamoDB, counted per table. */
const DYNAMODB_DATA_EVENTS =
  '{ ($.eventSource = "dynamodb.amazonaws.com") && ($.eventCategory = "Data") }';

/**
 * Props of `SecurityAlarms`.
 */
export interface SecurityAlarmsProps {
  /**
   * The CloudWatch log group the CloudTrail trail delivers to (`AuditTrail.logGroup`); the
   * metric filters read it.
   */
  readonly trailLogGroup: logs.ILogGroup;
  /**
   * The e-mail address of the Incident Management Point of Contact (DPP-25-IMPOC): a new
   * KMS-encrypted incident topic is created with this subscription. Give this or
   * `incidentTopic`, not both.
   * @default - none; then `incidentTopic` is required
   */
  readonly incidentEmail?: string;
  /**
   * An existing incident topic that reaches the incident contact. Give this or
   * `incidentEmail`, not both.
   * @default - none; then `incidentEmail` is required
   */
  readonly incidentTopic?: sns.ITopic;
  /**
   * The namespace of the metrics of the security metric filters.
   * @default 'CdkDpp/Security'
   */
  readonly metricNamespace?: string;
  /**
   * The name of the dashboard.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
}

/**
 * The security alarms of the account (DPP-LM-6, DPP-LM-7, DPP-25-IMPOC, SOC-C7, SOC-R7): metric
 * filters and alarms on the trail's log group for repeated unauthorized calls, failed console
 * log-ins, root use and changes to IAM, network controls, keys, the trail, AWS Config and
 * GuardDuty; anomaly-detection alarms on the request rate and retrieval volume of every PII
 * store added with `addPiiBucket`/`addPiiTable`; a dashboard of all of them. Every alarm notifies
 * the incident topic.
 */
export class SecurityAlarms extends Construct {
  /** The topic every alarm notifies. */
  public readonly incidentTopic: sns.ITopic;
  /** Every alarm, in the order created. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** The dashboard of the alarms. */
  public readonly dashboard: cloudwatch.Dashboard;

  private readonly namespace: string;
  private readonly trailLogGroup: logs.ILogGroup;
  private readonly alarmAction: actions.SnsAction;
  private s3DataEventFilters = false;
  private dynamoDbDataEventFilter = false;

  public constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const problems = new Problems(this);
    problems.check(
      (props.incidentEmail === undefined) !== (props.incidentTopic === undefined),
      'incidentEmail',
      'or `incidentTopic` must be given, exactly one of them: every alarm must reach the incident contact',
      ['DPP-25-IMPOC', 'DPP-LM-7'],
      props.incidentEmail === undefined ? 'neither' : 'both',
    );
    problems.throwIfAny();
    if (props.incidentEmail !== undefined) validateIncidentEmail(this, props.incidentEmail);

    this.namespace = props.metricNamespace ?? SECURITY_METRIC_NAMESPACE;
    this.trailLogGroup = props.trailLogGroup;
    this.incidentTopic =
      props.incidentTopic ??
      new IncidentTopic(this, 'IncidentTopic', { incidentEmail: props.incidentEmail as string });
    this.alarmAction = new actions.SnsAction(this.incidentTopic);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });

    for (const filter of SECURITY_EVENT_FILTERS) {
      this.track(securityEventAlarm(this, this.trailLogGroup, filter, this.namespace));
    }
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Security alarms',
        alarms: [...this.alarms],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(
      ...this.alarms.map((alarm) => new cloudwatch.AlarmWidget({ alarm, width: 8 })),
    );
  }

  /**
   * Watches a PII bucket: anomaly-detection alarms on its object requests and on the bytes
   * read from it, from the trail's data events (the trail must log the bucket's data events:
   * `AuditTrail.addPiiBucket`). Adding a bucket twice adds nothing.
   */
  public addPiiBucket(bucket: s3.IBucket): void {
    if (!this.s3DataEventFilters) {
      this.s3DataEventFilters = true;
      this.dataEventFilter('S3DataRequests', S3_DATA_EVENTS, '1', 'BucketName');
      this.dataEventFilter(
        'S3BytesRead',
        S3_OBJECT_READS,
        '$.additionalEventData.bytesTransferredOut',
        'BucketName',
      );
    }
    const dimensionsMap = { BucketName: bucket.bucketName };
    this.addAnomalyAlarms(bucket, `Requests to the PII bucket ${bucket.node.path}`, [
      this.namespacedMetric('S3DataRequests', dimensionsMap),
      this.namespacedMetric('S3BytesRead', dimensionsMap),
    ]);
  }

  /**
   * Watches a PII table: anomaly-detection alarms on its data requests (from the trail's data
   * events: `AuditTrail.addPiiTable`) and on its consumed read capacity, the volume read.
   * Adding a table twice adds nothing.
   */
  public addPiiTable(table: dynamodb.ITable): void {
    if (!this.dynamoDbDataEventFilter) {
      this.dynamoDbDataEventFilter = true;
      this.dataEventFilter('DynamoDbDataRequests', DYNAMODB_DATA_EVENTS, '1', 'TableName');
    }
    this.addAnomalyAlarms(table, `Requests to the PII table ${table.node.path}`, [
      this.namespacedMetric('DynamoDbDataRequests', { TableName: table.tableName }),
      table.metricConsumedReadCapacityUnits({
        statistic: cloudwatch.Stats.SUM,
        period: SECURITY_ALARM_PERIOD,
      }),
    ]);
  }

  private dataEventFilter(
    metricName: string,
    pattern: string,
    metricValue: string,
    dimension: string,
  ): void {
    const field = dimension === 'BucketName' ? 'bucketName' : 'tableName';
    new logs.MetricFilter(this, `${metricName}Filter`, {
      logGroup: this.trailLogGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: this.namespace,
      metricName,
      metricValue,
      dimensions: { [dimension]: `$.requestParameters.${field}` },
    });
  }

  private namespacedMetric(metricName: string, dimensionsMap: Record<string, string>) {
    return new cloudwatch.Metric({
      namespace: this.namespace,
      metricName,
      dimensionsMap,
      statistic: cloudwatch.Stats.SUM,
      period: SECURITY_ALARM_PERIOD,
    });
  }

  private addAnomalyAlarms(store: Construct, title: string, metrics: cloudwatch.Metric[]): void {
    const id = `Watch${store.node.addr.slice(0, 8)}`;
    if (this.node.tryFindChild(id)) return;
    const scope = new Construct(this, id);
    const added = metrics.map(
      (metric) =>
        new cloudwatch.AnomalyDetectionAlarm(scope, `${metric.metricName}Anomaly`, {
          alarmDescription: `${title}: ${metric.metricName} above the expected band (DPP-LM-6).`,
          metric,
          stdDevs: ANOMALY_BAND_WIDTH,
          evaluationPeriods: ANOMALY_EVALUATION_PERIODS,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    added.forEach((alarm) => this.track(alarm));
    this.dashboard.addWidgets(
      ...added.map((alarm) => new cloudwatch.AlarmWidget({ alarm, width: 12 })),
    );
  }

  private track(alarm: cloudwatch.Alarm): void {
    alarm.addAlarmAction(this.alarmAction);
    DppMetadata.of(alarm.node.defaultChild as cloudwatch.CfnAlarm).implementsControls(
      'SecurityAlarms',
      CLAUSES,
    );
    this.alarms.push(alarm);
  }
}
