import {
  CfnResource,
  Stack,
  aws_events as events,
  aws_events_targets as targets,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppBaseline } from '../../constructs/baseline/dpp-baseline';
import { AuditLogBucket } from '../../constructs/logging/audit-log-bucket';
import { AuditTrail } from '../../constructs/logging/audit-trail';
import { PiiFreeLogGroup } from '../../constructs/logging/pii-free-log-group';
import { AccountBaseline } from '../../constructs/monitoring/account-baseline';
import { IncidentTopic } from '../../constructs/monitoring/incident-topic';
import { SecurityAlarms } from '../../constructs/monitoring/security-alarms';
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
  /**
   * The buckets besides the PII buckets that receive files from outside the app (SP-API
   * reports): malware protection.
   * @default - none
   */
  readonly uploadBuckets?: s3.IBucket[];
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
 * incident topic and the security alarms, malware protection of every bucket that receives
 * uploads, a canary record in each PII bucket and table, the
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
    // The id `Default` keeps the logical ids of the baseline's resources those of this layer.
    const baseline = new DppBaseline(this, 'Default', {
      owner: settings.owner,
      incidentContact: props.incidentContact,
      copyRegion: settings.backupCopyRegion,
      createCopyStack: false,
      logRetention: settings.logRetention,
      auditor: this.auditor,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      accountBaseline: { accountServices: settings.accountServices },
    });
    this.auditLogs = baseline.auditLogs;
    this.trail = baseline.trail;
    this.incidentTopic = baseline.incidentTopic;
    this.alarms = baseline.alarms;
    this.baseline = baseline.accountBaseline;
    this.backupPlan = baseline.backupPlan;
    props.piiBuckets.forEach((bucket) => baseline.addPiiBucket(bucket));
    (props.uploadBuckets ?? []).forEach((bucket) => baseline.addUploadBucket(bucket));
    props.piiTables.forEach((table) => baseline.addPiiTable(table));
    props.piiDatabases.forEach((database) => baseline.addPiiDatabase(database));
    this.alertOnArchiveRestore(props.taxArchive);

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
}
