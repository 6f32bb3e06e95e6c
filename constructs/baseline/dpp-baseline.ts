import {
  Duration,
  Stack,
  Stage,
  Tags,
  Token,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_iam as iam,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { OptOut } from '../common/opt-out';
import { checkOwner, OWNER_TAG } from '../common/owner';
import { Problems } from '../common/problems';
import { AuditLogBucket } from '../logging/audit-log-bucket';
import { AuditTrail } from '../logging/audit-trail';
import { AccountBaseline, AccountBaselineOptions } from '../monitoring/account-baseline';
import { BucketMalwareProtection } from '../monitoring/bucket-malware-protection';
import { CanaryRecord } from '../monitoring/canary-record';
import { IncidentTopic } from '../monitoring/incident-topic';
import {
  ANOMALY_BAND_WIDTH,
  ANOMALY_EVALUATION_PERIODS,
  SecurityAlarms,
} from '../monitoring/security-alarms';
import { PiiBackupPlan } from '../retention/pii-backup-plan';
import { PiiBackupVault } from '../retention/pii-backup-vault';
import { PiiBucket } from '../storage/pii-bucket';
import { PiiDatabase } from '../storage/pii-database';
import { PiiTable } from '../storage/pii-table';
import { PiiBackupCopyStack } from './pii-backup-copy-stack';

/** The metrics of a PII database whose anomalies raise an alarm: data out, and connections. */
export const DATABASE_WATCHED_METRICS: readonly string[] = [
  'NetworkTransmitThroughput',
  'DatabaseConnections',
];

/** The clauses a store added to the baseline is wired for. */
const STORE_CLAUSES = ['DPP-LM-2', 'DPP-LM-6', 'DPP-NP-4', 'DPP-DR-3', 'DPP-25-BACKUP'];

/** The clauses malware protection of an upload bucket serves. */
const MALWARE_CLAUSES = ['DPP-25-MAL', 'SOC-R3'];

/**
 * How `DppBaseline.addPiiBucket` watches one PII bucket.
 */
export interface PiiBucketBaselineOptions {
  /**
   * Leaves GuardDuty Malware Protection for S3 off for the bucket, with the reason recorded on
   * the bucket (it gives up DPP-25-MAL and SOC-R3 for its uploads): for a bucket that only the
   * app itself writes, from data it generated.
   * @default - a `BucketMalwareProtection` scans every new object
   */
  readonly malwareProtectionOptOut?: OptOut;
}

/**
 * Props of a `DppBaseline`.
 */
export interface DppBaselineProps {
  /**
   * Who answers for the app and its data: a team or role address, e.g.
   * `'orders-team@seller.example'` (DPP-DG-2). Every taggable resource of the baseline's stack
   * and of its copy stack carries it as the `dpp:owner` tag, the stores included; a store that
   * declares its own owner (`data.owner`), or a construct tagged with `Tags.of(construct)`,
   * keeps that one. A literal, since the inventory reads it from the template.
   */
  readonly owner: string;
  /**
   * The e-mail address of the Incident Management Point of Contact (DPP-25-IMPOC), subscribed
   * to the incident topic every alarm and finding reaches. A token is accepted unchecked, e.g.
   * the `valueAsString` of a `CfnParameter`, so the address is given at deployment.
   */
  readonly incidentContact: string;
  /**
   * The second region, where every PII recovery point is copied (DPP-25-BACKUP), e.g.
   * `'eu-central-1'`: a region name other than this stack's region.
   */
  readonly copyRegion: string;
  /**
   * Whether the baseline creates the stack of the copy vault in `copyRegion` itself: a
   * termination-protected `PiiBackupCopyStack` beside this stack, in the same `Stage` or `App`
   * and account. Set it to false only when the app deploys a `PiiBackupCopyStack` (or a vault
   * named `copyVaultName`) in `copyRegion` itself; a copy job that finds no vault fails and
   * reaches the incident topic (DPP-LM-7).
   * @default true
   */
  readonly createCopyStack?: boolean;
  /**
   * The name of the copy vault in `copyRegion`.
   * @default - `PiiBackupVault.copyVaultNameOf(this)`: `<stage name>-pii-backup-copies`, or
   * `cdk-dpp-pii-backup-copies` outside a stage
   */
  readonly copyVaultName?: string;
  /**
   * How long PII recovery points are kept, here and in the copy: 1 to 30 days (DPP-DR-1,
   * DPP-DR-4).
   * @default Duration.days(7)
   */
  readonly backupRetention?: Duration;
  /**
   * How long the trail's CloudWatch log group keeps events: at least one year (DPP-LM-5,
   * DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The role that reads the audit records, the only reader of the audit log bucket (DPP-LM-3).
   * @default - a new role that principals of this account assume with MFA
   */
  readonly auditor?: iam.IRole;
  /**
   * Where the audit log bucket writes its S3 server access logs.
   * @default - a new `ServerAccessLogsBucket`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * The settings of the account baseline (GuardDuty, AWS Config, IAM Access Analyzer, Amazon
   * Inspector, the monthly access review).
   * @default - the defaults of `AccountBaseline`
   */
  readonly accountBaseline?: AccountBaselineOptions;
}

/**
 * Everything an SP-API app needs around its PII stores, in one construct: the write-once audit
 * log bucket and the multi-region trail (DPP-LM-1, DPP-LM-3), the account baseline with
 * GuardDuty, AWS Config, IAM Access Analyzer and Amazon Inspector (DPP-NP-4, DPP-25-MAL,
 * DPP-25-VULN), the incident topic of the incident contact and the security alarms
 * (DPP-LM-6, DPP-LM-7, DPP-25-IMPOC), a daily backup plan copying to a second region, and the
 * stack of the copy vault in that region (DPP-DR-3, DPP-25-BACKUP).
 *
 * Add every PII store with `addPiiBucket`, `addPiiTable` or `addPiiDatabase`: a bucket or table
 * gets the trail's data events, anomaly alarms, a place in the monthly access review and a
 * canary record, and a bucket GuardDuty malware scans of its uploads (`addUploadBucket` for other
 * buckets that receive files); a database gets anomaly alarms on its data out and connections; every store
 * is backed up. Create one per account and region, in the stack of the PII stores: their keys
 * name the trail, canary and backup roles, so a second stack would reference this one and back.
 */
export class DppBaseline extends Construct {
  /** The write-once bucket of the trail and of AWS Config. */
  public readonly auditLogs: AuditLogBucket;
  /** The trail. */
  public readonly trail: AuditTrail;
  /** The incident topic every alarm and finding reaches. */
  public readonly incidentTopic: IncidentTopic;
  /** Alarms and dashboard. */
  public readonly alarms: SecurityAlarms;
  /** GuardDuty, Config, Access Analyzer, Inspector and the monthly access review. */
  public readonly accountBaseline: AccountBaseline;
  /** Daily backups of every PII store, copied to the second region. */
  public readonly backupPlan: PiiBackupPlan;
  /**
   * The stack of the copy vault in the second region.
   * @default - none when `createCopyStack` is false
   */
  public readonly copyStack?: PiiBackupCopyStack;

  private readonly added = new Set<IConstruct>();
  private readonly malwareProtections = new Map<s3.IBucket, BucketMalwareProtection>();

  public constructor(scope: Construct, id: string, props: DppBaselineProps) {
    super(scope, id);
    const createCopyStack = props.createCopyStack ?? true;
    const copyVaultName = props.copyVaultName ?? PiiBackupVault.copyVaultNameOf(this);
    validate(this, props, createCopyStack);
    // The stack's, not only the baseline's: the stores it watches live beside it (see `admit`).
    Tags.of(Stack.of(this)).add(OWNER_TAG, props.owner);

    this.auditLogs = new AuditLogBucket(this, 'AuditLogs', {
      auditor: props.auditor,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
    });
    this.trail = new AuditTrail(this, 'Trail', {
      bucket: this.auditLogs,
      logRetention: props.logRetention,
    });
    this.incidentTopic = new IncidentTopic(this, 'IncidentTopic', {
      incidentEmail: props.incidentContact,
    });
    this.alarms = new SecurityAlarms(this, 'Alarms', {
      trailLogGroup: this.trail.logGroup,
      incidentTopic: this.incidentTopic,
    });
    this.accountBaseline = new AccountBaseline(this, 'Baseline', {
      ...props.accountBaseline,
      auditBucket: this.auditLogs,
      incidentTopic: this.incidentTopic,
    });
    // The copy vault's key names the plan's backup role, by a name both sides compute.
    const backupRoleName = PiiBackupVault.backupRoleNameOf(this, props.copyRegion);
    this.backupPlan = new PiiBackupPlan(this, 'Backups', {
      copyRegion: props.copyRegion,
      copyVaultName,
      retention: props.backupRetention,
      incidentTopic: this.incidentTopic,
      backupRoleName,
    });
    if (createCopyStack) {
      const stack = Stack.of(this);
      this.copyStack = new PiiBackupCopyStack(
        Stage.of(stack) ?? stack.node.root,
        `${stack.node.id}BackupCopy`,
        {
          env: {
            account: Token.isUnresolved(stack.account) ? undefined : stack.account,
            region: props.copyRegion,
          },
          copyVaultName,
          backupRetention: props.backupRetention,
          backupRoleName,
        },
      );
      Tags.of(this.copyStack).add(OWNER_TAG, props.owner);
    }
  }

  /**
   * Watches and backs up a PII bucket: the trail records reads and writes of its objects
   * (DPP-LM-2), anomaly alarms watch its requests and bytes read (DPP-LM-6), the monthly access
   * review lists who may read it (DPP-NP-4), GuardDuty scans every new object for malware
   * (`BucketMalwareProtection`, DPP-25-MAL), a canary object raises an alarm when read by anyone
   * but the scan role, and the backup plan copies it to the second region (DPP-DR-3). Adding it
   * twice adds nothing.
   */
  public addPiiBucket(bucket: PiiBucket, options: PiiBucketBaselineOptions = {}): void {
    const problems = new Problems(this);
    problems.optOutReason(
      'addPiiBucket.malwareProtectionOptOut',
      options.malwareProtectionOptOut,
      MALWARE_CLAUSES,
    );
    problems.throwIfAny();
    if (!this.admit(bucket, 'addPiiBucket')) return;
    this.trail.addPiiBucket(bucket);
    this.alarms.addPiiBucket(bucket);
    this.accountBaseline.addPiiBucket(bucket);
    let scanRole: iam.IRole | undefined;
    if (options.malwareProtectionOptOut) {
      DppMetadata.of(bucket.node.defaultChild as s3.CfnBucket).addOptOut({
        setting: 'malwareProtection',
        clauses: [...MALWARE_CLAUSES],
        reason: options.malwareProtectionOptOut.reason,
      });
    } else {
      scanRole = this.addUploadBucket(bucket).role;
    }
    // GuardDuty reads the canary object too when it is planted: its scans are expected reads.
    new CanaryRecord(this, `Canary${bucket.node.id}`, {
      incidentTopic: this.incidentTopic,
      trail: this.trail,
      bucket,
      expectedReaders: scanRole ? [scanRole] : undefined,
    });
    this.backupPlan.addStore(bucket, bucket.key);
  }

  /**
   * Scans every new object of a bucket that receives uploads with GuardDuty Malware Protection
   * for S3, tells the incident topic of threats found and of uploads left unscanned, and denies
   * reads of infected objects (`BucketMalwareProtection`, DPP-25-MAL, SOC-R3). `addPiiBucket`
   * calls it for each PII bucket; call it for an `AmazonDataBucket` that receives files from
   * outside. Adding a bucket twice returns the first protection.
   */
  public addUploadBucket(bucket: s3.IBucket): BucketMalwareProtection {
    const existing = this.malwareProtections.get(bucket);
    if (existing) return existing;
    const protection = new BucketMalwareProtection(this, `MalwareProtection${bucket.node.id}`, {
      bucket,
      incidentTopic: this.incidentTopic,
    });
    this.malwareProtections.set(bucket, protection);
    return protection;
  }

  /**
   * Watches and backs up a PII table: the trail records reads and writes of its items
   * (DPP-LM-2), anomaly alarms watch its requests (DPP-LM-6), the monthly access review lists
   * who may read it (DPP-NP-4), a canary item raises an alarm when read, and the backup plan
   * copies it to the second region (DPP-DR-3). Adding it twice adds nothing.
   */
  public addPiiTable(table: PiiTable): void {
    if (!this.admit(table, 'addPiiTable')) return;
    this.trail.addPiiTable(table);
    this.alarms.addPiiTable(table);
    this.accountBaseline.addPiiTable(table);
    new CanaryRecord(this, `Canary${table.node.id}`, {
      incidentTopic: this.incidentTopic,
      trail: this.trail,
      table,
    });
    this.backupPlan.addStore(table, table.key);
  }

  /**
   * Watches and backs up a PII database: anomaly-detection alarms on its outbound data volume
   * and its connection count reach the incident topic (DPP-LM-6): a bulk read shows as both;
   * the backup plan copies it to the second region (DPP-DR-3). Adding it twice adds nothing.
   */
  public addPiiDatabase(database: PiiDatabase): void {
    if (!this.admit(database, 'addPiiDatabase')) return;
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
    this.backupPlan.addStore(database, database.key);
  }

  /**
   * Whether a store is new to the baseline; throws when it lives in another stack, where the
   * trail's selectors and its key's grants would make the two stacks reference each other.
   */
  private admit(store: IConstruct, method: string): boolean {
    const here = Stack.of(this);
    const there = Stack.of(store);
    const problems = new Problems(this);
    problems.check(
      there === here,
      `${method}.store`,
      `must be in the stack of the baseline (${here.node.path}): its key policy names the ` +
        "baseline's trail, canary and backup roles, and the trail names the store, so two stacks " +
        'would reference each other; create the baseline in the stack of the PII stores',
      STORE_CLAUSES,
      store.node.path,
    );
    problems.throwIfAny();
    if (this.added.has(store)) return false;
    this.added.add(store);
    return true;
  }
}

/**
 * The required props must be given, the owner a literal tag value; a copy stack needs a literal
 * region. The other values are judged by the constructs they go to: the address by
 * `IncidentTopic`, the region by `PiiBackupPlan` (a region name other than this stack's).
 */
function validate(scope: Construct, props: DppBaselineProps, createCopyStack: boolean): void {
  const problems = new Problems(scope);
  checkOwner(problems, 'owner', props.owner, true);
  problems.check(
    props.incidentContact !== undefined,
    'incidentContact',
    "is required: the e-mail address of the incident contact, or a token resolving to it (a CfnParameter's valueAsString)",
    ['DPP-25-IMPOC', 'DPP-LM-7'],
    'undefined',
  );
  problems.check(
    props.copyRegion !== undefined,
    'copyRegion',
    'is required: the second region the backups are copied to, e.g. eu-central-1',
    ['DPP-25-BACKUP'],
    'undefined',
  );
  problems.check(
    !createCopyStack || props.copyRegion === undefined || !Token.isUnresolved(props.copyRegion),
    'copyRegion',
    'must be a literal region name when the baseline creates the copy stack, which is deployed ' +
      'to that one region; or pass `createCopyStack: false` and deploy a `PiiBackupCopyStack` there',
    ['DPP-25-BACKUP'],
    String(props.copyRegion),
  );
  problems.throwIfAny();
}
