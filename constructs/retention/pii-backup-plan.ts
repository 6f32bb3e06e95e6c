import {
  Duration,
  Lazy,
  Names,
  Stack,
  Token,
  aws_backup as backup,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_kms as kms,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems } from '../common/problems';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { DataBucket } from '../storage/data-bucket';
import { PiiTable } from '../storage/pii-table';
import { PII_BACKUP_MAX_MIN_RETENTION, PiiBackupVault } from './pii-backup-vault';

const CLAUSES = ['DPP-DR-3', 'DPP-DR-4', 'DPP-25-BACKUP', 'DPP-DR-1', 'DPP-LM-7'];

/** The name a `PiiBackupPlan` expects of the vault in the second region, unless told another. */
export const PII_BACKUP_COPY_VAULT_NAME = 'cdk-dpp-pii-backup-copies';

/** When the daily backup runs: 03:00 UTC. */
export const PII_BACKUP_SCHEDULE = 'cron(0 3 * * ? *)';

/** When a recent recovery point is restored to prove it works: Sundays, 06:00 UTC. */
export const PII_RESTORE_TEST_SCHEDULE = 'cron(0 6 ? * SUN *)';

/** The job states that reach the incident topic. */
export const PII_BACKUP_ALERT_STATES: readonly string[] = ['FAILED', 'ABORTED', 'EXPIRED'];

/** The AWS managed policies AWS Backup needs to back up and restore every supported store. */
const BACKUP_SERVICE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** What AWS Backup needs on a store's own key to read it and to restore it. */
const STORE_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/** The restore-testing resource type of each CloudFormation type AWS Backup protects. */
const RESTORE_TEST_TYPES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'DynamoDB',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB',
  'AWS::S3::Bucket': 'S3',
  'AWS::RDS::DBInstance': 'RDS',
  'AWS::RDS::DBCluster': 'Aurora',
  'AWS::EFS::FileSystem': 'EFS',
};

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Props of a `PiiBackupPlan`.
 */
export interface PiiBackupPlanProps {
  /**
   * The second region, where every recovery point is copied (DPP-25-BACKUP), e.g.
   * `'eu-central-1'`. A vault named `copyVaultName` must exist there (deploy a
   * `PiiBackupVault` in a stack of that region).
   */
  readonly copyRegion: string;
  /** The topic that hears of every failed, aborted or expired backup, copy or restore job. */
  readonly incidentTopic: sns.ITopic;
  /**
   * The name of the vault in `copyRegion`, in this stack's account.
   * @default 'cdk-dpp-pii-backup-copies' (`PII_BACKUP_COPY_VAULT_NAME`)
   */
  readonly copyVaultName?: string;
  /**
   * How long recovery points are kept, here and in the copy: 1 to 30 days. Backups of PII
   * extend its life, so they never outlive DPP-DR-1's 30 days.
   * @default Duration.days(7)
   */
  readonly retention?: Duration;
  /**
   * The vault of the recovery points in this region.
   * @default - a new `PiiBackupVault` locked for `retention`
   */
  readonly vault?: PiiBackupVault;
}

/**
 * Daily AWS Backup of every PII store added with `addStore` (DPP-DR-3, DPP-DR-4): recovery
 * points in a `PiiBackupVault` (customer-managed key, vault lock, deletes denied), kept no
 * longer than 30 days (DPP-DR-1) and copied to a vault in a second region (DPP-25-BACKUP); a
 * restore-testing plan restores a recent recovery point every week; failed, aborted or
 * expired backup, copy and restore jobs reach the incident topic (DPP-LM-7).
 */
export class PiiBackupPlan extends Construct {
  /** The plan. */
  public readonly plan: backup.BackupPlan;
  /** The vault of the recovery points in this region. */
  public readonly vault: PiiBackupVault;
  /** The ARN of the vault in the second region that receives the copies. */
  public readonly copyVaultArn: string;
  /** The role AWS Backup uses to back up, restore and test restores. */
  public readonly backupRole: iam.Role;
  /** How long recovery points are kept. */
  public readonly retention: Duration;

  private readonly restoreTestingPlan: backup.CfnRestoreTestingPlan;
  private readonly restoreTestArns = new Map<string, string[]>();
  private storeCount = 0;

  public constructor(scope: Construct, id: string, props: PiiBackupPlanProps) {
    super(scope, id);
    const retention = props.retention ?? Duration.days(7);
    const copyVaultName = props.copyVaultName ?? PII_BACKUP_COPY_VAULT_NAME;
    validate(this, props, retention);
    this.retention = retention;

    // The lock keeps every recovery point for its whole retention, up to the lock's ceiling.
    const lockMinimum =
      retention.toDays() > PII_BACKUP_MAX_MIN_RETENTION.toDays()
        ? PII_BACKUP_MAX_MIN_RETENTION
        : retention;
    this.vault = props.vault ?? new PiiBackupVault(this, 'Vault', { minRetention: lockMinimum });
    const { partition, account } = Stack.of(this);
    this.copyVaultArn = `arn:${partition}:backup:${props.copyRegion}:${account}:backup-vault:${copyVaultName}`;

    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'DailyWithCrossRegionCopy',
          scheduleExpression: events.Schedule.expression(PII_BACKUP_SCHEDULE),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: retention,
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'CopyVault',
                this.copyVaultArn,
              ),
              deleteAfter: retention,
            },
          ],
        }),
      ],
    });
    DppMetadata.of(this.plan.node.defaultChild as backup.CfnBackupPlan).implementsControls(
      'PiiBackupPlan',
      CLAUSES,
    );

    this.backupRole = this.newBackupRole();
    this.restoreTestingPlan = this.newRestoreTestingPlan();
    this.alertOnFailedJobs(props.incidentTopic);
  }

  /**
   * Backs up a PII store (a DynamoDB table, S3 bucket, RDS instance or cluster, EFS file
   * system) daily and adds it to the weekly restore test. AWS Backup's role may use the store's
   * customer-managed key (`storeKey`, by default the store's `encryptionKey` when it has one),
   * and is made an administrative exception of `PiiBucket`, `AmazonDataBucket` and `PiiTable`,
   * which otherwise admit data requests only through their VPC endpoint.
   */
  public addStore(store: IConstruct, storeKey?: kms.IKey): void {
    const cfn = store.node.defaultChild ?? store;
    const type = (cfn as { cfnResourceType?: string }).cfnResourceType ?? '';
    const restoreTestType = RESTORE_TEST_TYPES[type];
    const problems = new Problems(this);
    problems.check(
      restoreTestType !== undefined,
      'addStore.store',
      `must be a store AWS Backup protects (${Object.keys(RESTORE_TEST_TYPES).join(', ')})`,
      ['DPP-DR-4'],
      type || store.node.path,
    );

    const arn = arnOf(store);
    problems.check(
      arn !== undefined,
      'addStore.store',
      'must expose its ARN (an L2 store or its L1 resource)',
      ['DPP-DR-4'],
      store.node.path,
    );
    problems.throwIfAny();

    this.storeCount += 1;
    this.plan.addSelection(`Store${this.storeCount}`, {
      resources: [backup.BackupResource.fromArn(arn as string)],
      role: this.backupRole,
    });
    const key = storeKey ?? (store as { encryptionKey?: kms.IKey }).encryptionKey;
    key?.grant(this.backupRole, ...STORE_KEY_ACTIONS);
    // Stores that admit data requests only through their VPC endpoint make AWS Backup an exception.
    if (store instanceof DataBucket || store instanceof PiiTable) {
      store.allowAdministrativeAccess(this.backupRole);
    }

    let arns = this.restoreTestArns.get(restoreTestType);
    if (!arns) {
      arns = [];
      this.restoreTestArns.set(restoreTestType, arns);
      const collected = arns;
      new backup.CfnRestoreTestingSelection(this, `RestoreTest${restoreTestType}`, {
        // The plan's Ref is its name, which also orders the selection after the plan.
        restoreTestingPlanName: this.restoreTestingPlan.ref,
        restoreTestingSelectionName: `${restoreTestType}_stores`,
        protectedResourceType: restoreTestType,
        protectedResourceArns: Lazy.list({ produce: () => collected }),
        iamRoleArn: this.backupRole.roleArn,
        validationWindowHours: 1,
      });
    }
    arns.push(arn as string);
  }

  private newBackupRole(): iam.Role {
    const role = new ManagedPolicyRole(this, 'BackupRole', {
      description: 'Backs up, restores and restore-tests the PII stores (cdk-dpp)',
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    });
    for (const name of BACKUP_SERVICE_POLICIES) {
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name));
    }
    const reason =
      'AWS Backup maintains these service-role policies for its own service principal, as the ' +
      'only role that backs up and restores the stores; they follow new store types and APIs.';
    for (const name of BACKUP_SERVICE_POLICIES) {
      acknowledgeBuiltIn(role, 'PiiBackupPlan', {
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason,
      });
    }
    return role;
  }

  private newRestoreTestingPlan(): backup.CfnRestoreTestingPlan {
    const name = Names.uniqueResourceName(this, { maxLength: 50, separator: '_' }).replace(
      /[^A-Za-z0-9_]/g,
      '_',
    );
    return new backup.CfnRestoreTestingPlan(this, 'RestoreTestingPlan', {
      restoreTestingPlanName: name,
      scheduleExpression: PII_RESTORE_TEST_SCHEDULE,
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [this.vault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: Math.min(7, this.retention.toDays()),
      },
    });
  }

  private alertOnFailedJobs(incidentTopic: sns.ITopic): void {
    new events.Rule(this, 'FailedJobs', {
      description: 'Failed, aborted or expired backup, copy and restore jobs (cdk-dpp)',
      eventPattern: {
        source: ['aws.backup'],
        detailType: [
          'Backup Job State Change',
          'Copy Job State Change',
          'Restore Job State Change',
        ],
        detail: { state: [...PII_BACKUP_ALERT_STATES] },
      },
      targets: [new targets.SnsTopic(incidentTopic)],
    });
  }
}

/** The ARN of a store, from its L1 `Arn` attribute or the ARN property of its L2. */
function arnOf(store: IConstruct): string | undefined {
  const cfn = (store.node.defaultChild ?? store) as { attrArn?: string };
  const l2 = store as {
    instanceArn?: string;
    clusterArn?: string;
  };
  return cfn.attrArn ?? l2.instanceArn ?? l2.clusterArn;
}

function validate(scope: Construct, props: PiiBackupPlanProps, retention: Duration): void {
  const problems = new Problems(scope);
  problems.daysAtLeast('retention', retention, Duration.days(1), ['DPP-DR-4']);
  problems.daysAtMost('retention', retention, PII_MAX_RETENTION, ['DPP-DR-1']);
  const region = props.copyRegion;
  if (!Token.isUnresolved(region)) {
    problems.check(
      REGION_PATTERN.test(region),
      'copyRegion',
      'must be a region name such as eu-central-1',
      ['DPP-25-BACKUP'],
      JSON.stringify(region),
    );
    const here = Stack.of(scope).region;
    problems.check(
      Token.isUnresolved(here) || region !== here,
      'copyRegion',
      "must differ from the stack's region, so backups are geographically dispersed",
      ['DPP-25-BACKUP'],
      region,
    );
  }
  problems.throwIfAny();
}
