import {
  CfnResource,
  Duration,
  Stack,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_events as events,
  aws_events_targets as targets,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditLogBucket } from '../../constructs/logging/audit-log-bucket';
import { AuditTrail } from '../../constructs/logging/audit-trail';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import { AccountBaseline } from '../../constructs/monitoring/account-baseline';
import { CanaryRecord } from '../../constructs/monitoring/canary-record';
import { IncidentTopic } from '../../constructs/monitoring/incident-topic';
import {
  ANOMALY_BAND_WIDTH,
  ANOMALY_EVALUATION_PERIODS,
  SecurityAlarms,
} from '../../constructs/monitoring/security-alarms';
import { PiiBackupPlan } from '../../constructs/retention/pii-backup-plan';
import { TaxArchive } from '../../constructs/retention/tax-archive';
import { PiiBucket } from '../../constructs/storage/pii-bucket';
import { PiiDatabase } from '../../constructs/storage/pii-database';
import { PiiTable } from '../../constructs/storage/pii-table';
import {
  AUDIT_RECORDS_READ_REASON,
  CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC,
  GUARDDUTY_S3_PROTECTION_AS_FEATURE,
  acknowledge,
} from './acknowledgements';
import { AuditorRole } from './auditor-role';
import { EnvironmentSettings } from './dpp-environment-props';

/** The metrics of a PII database whose anomalies raise an alarm: data out, and connections. */
export const DATABASE_WATCHED_METRICS: readonly string[] = [
  'NetworkTransmitThroughput',
  'DatabaseConnections',
];

/**
 * Props of an `AuditLayer`.
 */
export interface AuditLayerProps {
  /** The validated settings of the environment. */
  readonly settings: EnvironmentSettings;
  /** The incident contact's e-mail address, or a token resolving to it. */
  readonly incidentContact: string;
  /** The PII buckets: data events, alarms, malware protection, a canary object, backups. */
  readonly piiBuckets: PiiBucket[];
  /** The PII tables: data events, alarms, a canary item, backups. */
  readonly piiTables: PiiTable[];
  /** The PII databases: backups. */
  readonly piiDatabases: PiiDatabase[];
  /** Log groups the auditor reads, beside the trail's. */
  readonly logGroups: PiiFreeLogGroup[];
  /** The tax archive, whose metadata the auditor reads. */
  readonly taxArchive: TaxArchive;
  /** Where the audit log bucket writes its S3 server access logs. */
  readonly serverAccessLogsBucket: s3.IBucket;
}

/**
 * Everything that watches over and recovers the data plane: the write-once audit log bucket,
 * the multi-region trail with data events for every PII store, the account baseline, the
 * incident topic and the security alarms, a canary record in each PII bucket and table, the
 * backup plan of every PII store, and the auditor role.
 */
export class AuditLayer extends Construct {
  /** The auditor role: read-only access to logs, the trail and archive metadata. */
  public readonly auditor: AuditorRole;
  /** The write-once audit log bucket. */
  public readonly auditLogs: AuditLogBucket;
  /** The trail. */
  public readonly trail: AuditTrail;
  /** The incident topic every alarm reaches. */
  public readonly incidentTopic: IncidentTopic;
  /** Alarms and dashboard. */
  public readonly alarms: SecurityAlarms;
  /** GuardDuty, Config, Access Analyzer, Inspector and the monthly access review. */
  public readonly baseline: AccountBaseline;
  /** Daily backups of every PII store, copied to the second region. */
  public readonly backupPlan: PiiBackupPlan;

  public constructor(scope: Construct, id: string, props: AuditLayerProps) {
    super(scope, id);
    const { settings } = props;
    this.auditor = new AuditorRole(this, 'Auditor');
    this.auditLogs = new AuditLogBucket(this, 'AuditLogs', {
      auditor: this.auditor,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
    });
    this.trail = new AuditTrail(this, 'Trail', {
      bucket: this.auditLogs,
      logRetention: settings.logRetention,
    });
    this.incidentTopic = new IncidentTopic(this, 'IncidentTopic', {
      incidentEmail: props.incidentContact,
    });
    this.alarms = new SecurityAlarms(this, 'Alarms', {
      trailLogGroup: this.trail.logGroup,
      incidentTopic: this.incidentTopic,
    });
    this.baseline = new AccountBaseline(this, 'Baseline', {
      auditBucket: this.auditLogs,
      incidentTopic: this.incidentTopic,
      accountServices: settings.accountServices,
    });
    this.backupPlan = new PiiBackupPlan(this, 'Backups', {
      copyRegion: settings.backupCopyRegion,
      incidentTopic: this.incidentTopic,
    });

    for (const bucket of props.piiBuckets) {
      this.trail.addPiiBucket(bucket);
      this.alarms.addPiiBucket(bucket);
      this.baseline.addPiiBucket(bucket);
      new CanaryRecord(this, `Canary${bucket.node.id}`, {
        incidentTopic: this.incidentTopic,
        trail: this.trail,
        bucket,
      });
    }
    for (const table of props.piiTables) {
      this.trail.addPiiTable(table);
      this.alarms.addPiiTable(table);
      this.baseline.addPiiTable(table);
      new CanaryRecord(this, `Canary${table.node.id}`, {
        incidentTopic: this.incidentTopic,
        trail: this.trail,
        table,
      });
    }
    props.piiDatabases.forEach((database) => this.watchDatabase(database));
    this.alertOnArchiveRestore(props.taxArchive);
    for (const store of [...props.piiBuckets, ...props.piiTables, ...props.piiDatabases]) {
      this.backupPlan.addStore(store, store.key);
    }

    acknowledge(this.auditor.node.findChild('Grants'), {
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).resolve(
        (this.auditLogs.node.defaultChild as CfnResource).logicalId,
      )}.Arn>/*]`,
      reason: AUDIT_RECORDS_READ_REASON,
    });
    if (this.baseline.detector) {
      acknowledge(this.baseline.detector, GUARDDUTY_S3_PROTECTION_AS_FEATURE);
    }
    acknowledge(this.baseline.accessReviewFunction, CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC);
    this.auditor.grantLogRead(this.trail.logGroup);
    props.logGroups.forEach((logGroup) => this.auditor.grantLogRead(logGroup));
    this.auditor.grantArchiveMetadataRead(props.taxArchive);
  }

  /**
   * Tells the incident contact whenever a record of the tax archive is being restored: the
   * archive is not for interactive use, so every retrieval must be one somebody approved
   * (DPP-DR-2, DPP-LM-6). The bucket publishes its object events to EventBridge.
   */
  private alertOnArchiveRestore(archive: TaxArchive): void {
    if (!archive.bucket) return;
    new events.Rule(this, 'TaxArchiveRestoreAlert', {
      description: 'A tax archive record is being restored (DPP-DR-2)',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Restore Initiated'],
        detail: { bucket: { name: [archive.bucket.bucketName] } },
      },
      targets: [new targets.SnsTopic(this.incidentTopic)],
    });
  }

  /**
   * Anomaly-detection alarms on a PII database's outbound data volume and connection count,
   * to the incident topic (DPP-LM-6): a bulk read shows as both.
   */
  private watchDatabase(database: PiiDatabase): void {
    for (const metricName of DATABASE_WATCHED_METRICS) {
      const alarm = new cloudwatch.AnomalyDetectionAlarm(
        this,
        `${database.node.id}${metricName}Anomaly`,
        {
          alarmDescription: `PII database ${database.node.id}: ${metricName} above the expected band (DPP-LM-6).`,
          metric: database.metric(metricName, {
            statistic: cloudwatch.Stats.AVERAGE,
            period: Duration.minutes(5),
          }),
          stdDevs: ANOMALY_BAND_WIDTH,
          evaluationPeriods: ANOMALY_EVALUATION_PERIODS,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
      );
      alarm.addAlarmAction(new actions.SnsAction(this.incidentTopic));
    }
  }
}
