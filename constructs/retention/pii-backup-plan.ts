import {
  Aws,
  CfnRule,
  Duration,
  Fn,
  Lazy,
  Names,
  Stack,
  Token,
  aws_backup as backup,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_kms as kms,
  aws_s3 as s3,
  aws_sns as sns,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { OptOut } from '../common/opt-out';
import { Problems } from '../common/problems';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { awsApiCall } from '../monitoring/aws-api-call';
import { DataBucket } from '../storage/data-bucket';
import { PiiTable } from '../storage/pii-table';
import { PiiBackupVault } from './pii-backup-vault';

const CLAUSES = ['DPP-DR-3', 'DPP-DR-4', 'DPP-25-BACKUP', 'DPP-DR-1', 'DPP-LM-7'];

/** The clauses that AWS Backup's Region settings serve: copies of DynamoDB backups, and backups. */
const REGION_SETTINGS_CLAUSES = ['DPP-25-BACKUP', 'DPP-DR-4'];

/** How long recovery points are kept unless told otherwise. */
export const PII_BACKUP_DEFAULT_RETENTION = Duration.days(7);

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
 * The resource types whose backups AWS Backup manages fully once told to: DynamoDB, whose
 * cross-Region copies need AWS Backup's advanced DynamoDB backup features (without them a
 * DynamoDB backup is a DynamoDB snapshot that AWS Backup cannot copy to another Region).
 */
const FULLY_MANAGED_TYPES = ['DynamoDB'];

/**
 * Props of a `PiiBackupPlan`.
 */
export interface PiiBackupPlanProps {
  /**
   * The second region, where every recovery point is copied (DPP-25-BACKUP), e.g.
   * `'eu-central-1'`. A vault named `copyVaultName` must exist there (deploy a
   * `PiiBackupVault` in a stack of that region). It must differ from the stack's region: when
   * that is known, a same region throws; when the stack is environment-agnostic, a template rule
   * makes CloudFormation refuse to deploy the stack into `copyRegion`.
   */
  readonly copyRegion: string;
  /** The topic that hears of every failed, aborted or expired backup, copy or restore job. */
  readonly incidentTopic: sns.ITopic;
  /**
   * The name of the vault in `copyRegion`, in this stack's account.
   * @default - `PiiBackupVault.copyVaultNameOf(this)`: `<stage name>-pii-backup-copies`, or
   * `'cdk-dpp-pii-backup-copies'` (`PII_BACKUP_COPY_VAULT_NAME`) outside a stage
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
  /**
   * Leaves AWS Backup's Region settings of this account and region to whoever manages them
   * already (an organization backup policy, a landing zone), who must keep advanced DynamoDB
   * backup on and the service opt-in of DynamoDB, S3, RDS, Aurora and EFS; the reason is
   * recorded for the auditor.
   * @default - a custom resource turns on advanced DynamoDB backup and the opt-in of every
   * resource type `addStore` accepts, and leaves them on when it is deleted
   */
  readonly regionSettingsManagedElsewhere?: OptOut;
  /**
   * The name of the backup role, for the vault of `copyRegion` to name it in its key policy
   * (`PiiBackupVault.grantCopiesFrom`): AWS Backup copies an RDS snapshot there with this role,
   * re-encrypted under that vault's key. `PiiBackupVault.backupRoleNameOf(this, copyRegion)`
   * gives a name the copy's stack can compute too.
   * @default - a name CloudFormation generates
   */
  readonly backupRoleName?: string;
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
    const retention = props.retention ?? PII_BACKUP_DEFAULT_RETENTION;
    const copyVaultName = props.copyVaultName ?? PiiBackupVault.copyVaultNameOf(this);
    validate(this, props, retention);
    this.retention = retention;

    // The lock keeps every recovery point for its whole retention, up to the lock's ceiling.
    this.vault =
      props.vault ??
      new PiiBackupVault(this, 'Vault', {
        minRetention: PiiBackupVault.minRetentionFor(retention),
      });
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

    this.refuseDeployInCopyRegion(props.copyRegion);
    if (props.regionSettingsManagedElsewhere) {
      DppMetadata.of(this.plan.node.defaultChild as backup.CfnBackupPlan).addOptOut({
        setting: 'regionSettingsManagedElsewhere',
        clauses: REGION_SETTINGS_CLAUSES,
        reason: props.regionSettingsManagedElsewhere.reason,
      });
    } else {
      this.plan.node.addDependency(this.enableRegionSettings());
    }
    this.backupRole = this.newBackupRole(props.backupRoleName);
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
    problems.check(
      !(cfn instanceof s3.CfnBucket) || versioningEnabled(cfn),
      'addStore.store',
      'must be a bucket with versioning enabled: AWS Backup backs up only versioned buckets',
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

  /**
   * When the stack's region is only known at deployment, a template rule refuses a deployment
   * into the copy region, where the copies would share the fate of the backups (DPP-25-BACKUP).
   */
  private refuseDeployInCopyRegion(copyRegion: string): void {
    if (!Token.isUnresolved(Stack.of(this).region)) return;
    new CfnRule(this, 'CopyRegionDiffersFromStackRegion', {
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, copyRegion)),
          assertDescription:
            'DPP-25-BACKUP: the backups are copied to the region this stack is deployed in, so a ' +
            'regional failure would take both; set the copy region (`copyRegion` of ' +
            'PiiBackupPlan, `backupCopyRegion` of DppEnvironment) to another region.',
        },
      ],
    });
  }

  /**
   * Turns on AWS Backup's advanced DynamoDB backup features (`ResourceTypeManagementPreference`),
   * without which a DynamoDB backup cannot be copied to another region, and the service opt-in
   * (`ResourceTypeOptInPreference`) of every type `addStore` accepts. The settings are the
   * account's in this region; deleting the resource leaves them on, since other plans may rely
   * on them.
   */
  private enableRegionSettings(): cr.AwsCustomResource {
    const optIn = [...new Set(Object.values(RESTORE_TEST_TYPES))].sort();
    const update: cr.AwsSdkCall = {
      service: 'Backup',
      action: 'updateRegionSettings',
      parameters: {
        ResourceTypeManagementPreference: Object.fromEntries(
          FULLY_MANAGED_TYPES.map((type) => [type, true]),
        ),
        ResourceTypeOptInPreference: Object.fromEntries(optIn.map((type) => [type, true])),
      },
      physicalResourceId: cr.PhysicalResourceId.of('backup-region-settings'),
    };
    return awsApiCall(this, 'RegionSettings', {
      onCreate: update,
      onUpdate: update,
      statements: [
        new iam.PolicyStatement({ actions: ['backup:UpdateRegionSettings'], resources: ['*'] }),
      ],
      allResourcesReason:
        'backup:UpdateRegionSettings sets the AWS Backup settings of the account in this region ' +
        'and supports no resource-level permission.',
    });
  }

  private newBackupRole(roleName: string | undefined): iam.Role {
    const role = new ManagedPolicyRole(this, 'BackupRole', {
      roleName,
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

/** Whether a bucket's versioning is enabled, or cannot be told at synth time. */
function versioningEnabled(bucket: s3.CfnBucket): boolean {
  const versioning = Stack.of(bucket).resolve(bucket.versioningConfiguration) as
    { Status?: unknown; status?: unknown } | undefined;
  if (versioning === undefined) return false;
  const status = versioning.Status ?? versioning.status;
  return typeof status !== 'string' || Token.isUnresolved(status) || status === 'Enabled';
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
  problems.optOutReason('regionSettingsManagedElsewhere', props.regionSettingsManagedElsewhere, [
    ...REGION_SETTINGS_CLAUSES,
  ]);
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
