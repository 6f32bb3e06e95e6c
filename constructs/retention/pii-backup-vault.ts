import { createHash } from 'crypto';
import { Duration, RemovalPolicy, Stage, aws_backup as backup, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';

const CLAUSES = ['DPP-DR-3', 'DPP-DR-4', 'DPP-ES-1', 'DPP-DR-1'];

/** The longest lock minimum retention: it must stay below the lock's maximum (DPP-DR-1). */
export const PII_BACKUP_MAX_MIN_RETENTION = PII_MAX_RETENTION.minus(Duration.days(1));

/** The shortest grace period AWS Backup accepts before a vault lock becomes immutable. */
const MIN_LOCK_GRACE = Duration.days(3);

/** The name a `PiiBackupPlan` expects of the vault in the second region, outside any stage. */
export const PII_BACKUP_COPY_VAULT_NAME = 'cdk-dpp-pii-backup-copies';

/** What AWS Backup accepts as a vault name. */
const VAULT_NAME_MAX_LENGTH = 50;

/** What IAM accepts as a role name. */
const ROLE_NAME_MAX_LENGTH = 64;

/**
 * What a role that copies recovery points into the vault needs on its key: RDS copies a snapshot
 * to another region under the destination key with a grant it creates (`kms:CreateGrant`, which
 * the `PiiKey` allows only for AWS resources), and AWS Backup encrypts the copies of the types it
 * manages fully with it.
 */
const COPY_KEY_ACTIONS = [
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
];

/**
 * `<stage name>-<suffix>` with the characters AWS names accept, cut to `maxLength` with a hash of
 * the stage name at its end when longer; `fallback` outside a stage.
 */
function stageScopedName(
  scope: IConstruct,
  suffix: string,
  fallback: string,
  maxLength: number,
): string {
  const stageName = Stage.of(scope)?.stageName ?? '';
  if (stageName === '') return fallback;
  const name = `${stageName}-${suffix}`.replace(/[^A-Za-z0-9_-]/g, '-');
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(`${stageName}-${suffix}`).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - 1)}-${hash}`;
}

/**
 * Props of a `PiiBackupVault`.
 */
export interface PiiBackupVaultProps {
  /**
   * The name of the vault. Name it when another region's `PiiBackupPlan` copies into it.
   * @default - a name CloudFormation generates
   */
  readonly backupVaultName?: string;
  /**
   * The key that encrypts the recovery points.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * The vault lock's minimum retention: no recovery point can be deleted earlier, by anyone.
   * Between 1 and 29 days: below the lock's maximum of 30 days (DPP-DR-1).
   * @default Duration.days(7)
   */
  readonly minRetention?: Duration;
  /**
   * How long the vault lock can still be removed before it becomes immutable (compliance
   * mode); at least 3 days, the shortest AWS Backup accepts.
   * @default Duration.days(3)
   */
  readonly lockChangeableFor?: Duration;
}

/**
 * An AWS Backup vault for PII recovery points: encrypted with a customer-managed key (DPP-ES-1,
 * DPP-DR-3), a vault lock in compliance mode whose minimum retention keeps recovery points and
 * whose maximum retention (30 days, DPP-DR-1) keeps PII from living on in backups, an access
 * policy that denies deleting recovery points or shortening their lifecycle (DPP-DR-4), and
 * retained on stack deletion and replacement. Deploy one in the second region as the destination
 * of a `PiiBackupPlan`'s copies (DPP-25-BACKUP).
 *
 * CloudFormation deletes the vault only when the deployment that creates it rolls back
 * (`DeletionPolicy: RetainExceptOnCreate`): it is empty then, and its lock still in its grace
 * period, so nothing blocks a retry. Once the grace period is over, AWS Backup refuses to delete
 * a vault locked in compliance mode, so the vault outlives a stack deletion, with its name.
 */
export class PiiBackupVault extends backup.BackupVault {
  /**
   * The name of the vault that receives the copies of the `PiiBackupPlan`s of `scope`'s stage:
   * `<stage name>-pii-backup-copies` (a hash of the stage name ends it when longer than 50
   * characters), or `cdk-dpp-pii-backup-copies` (`PII_BACKUP_COPY_VAULT_NAME`) outside a stage.
   * The plan and the vault of the second region compute it alike, so each stage has its own
   * vault, and the name needs no reference across regions.
   */
  public static copyVaultNameOf(scope: IConstruct): string {
    return stageScopedName(
      scope,
      'pii-backup-copies',
      PII_BACKUP_COPY_VAULT_NAME,
      VAULT_NAME_MAX_LENGTH,
    );
  }

  /**
   * A name for the backup role of the `PiiBackupPlan`s of `scope`'s stage that copy to
   * `copyRegion`: `<stage name>-pii-backup-to-<copyRegion>` (cut to 64 characters with a hash),
   * or `cdk-dpp-pii-backup-to-<copyRegion>` outside a stage. The vault of the second region names
   * that role in its key policy (`grantCopiesFrom`), with no reference across regions; IAM names
   * are the account's, and the region in the name keeps two stages of one name apart.
   */
  public static backupRoleNameOf(scope: IConstruct, copyRegion: string): string {
    return stageScopedName(
      scope,
      `pii-backup-to-${copyRegion}`,
      `cdk-dpp-pii-backup-to-${copyRegion}`,
      ROLE_NAME_MAX_LENGTH,
    );
  }

  /**
   * The lock minimum retention of a vault that receives recovery points kept for `retention`:
   * the whole retention, up to `PII_BACKUP_MAX_MIN_RETENTION` (29 days). A copy or backup job
   * whose lifecycle is shorter than the lock's minimum fails, so a vault never asks for more.
   */
  public static minRetentionFor(retention: Duration): Duration {
    return retention.toDays() > PII_BACKUP_MAX_MIN_RETENTION.toDays()
      ? PII_BACKUP_MAX_MIN_RETENTION
      : retention;
  }

  /** The key that encrypts the recovery points. */
  public readonly key: PiiKey;

  public constructor(scope: Construct, id: string, props: PiiBackupVaultProps = {}) {
    const minRetention = props.minRetention ?? Duration.days(7);
    const changeableFor = props.lockChangeableFor ?? MIN_LOCK_GRACE;
    const problems = new Problems(scope, id);
    problems.daysAtLeast('minRetention', minRetention, Duration.days(1), ['DPP-DR-4']);
    problems.daysAtMost('minRetention', minRetention, PII_BACKUP_MAX_MIN_RETENTION, ['DPP-DR-1']);
    problems.daysAtLeast('lockChangeableFor', changeableFor, MIN_LOCK_GRACE, ['DPP-DR-3']);
    problems.throwIfAny();

    const key =
      props.encryptionKey ??
      new PiiKey(scope, `${id}Key`, { description: 'Encrypts PII recovery points (cdk-dpp)' });
    super(scope, id, {
      backupVaultName: props.backupVaultName,
      encryptionKey: key,
      blockRecoveryPointDeletion: true,
      lockConfiguration: { minRetention, maxRetention: PII_MAX_RETENTION, changeableFor },
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.key = key;
    DppMetadata.of(this.node.defaultChild as backup.CfnBackupVault).implementsControls(
      'PiiBackupVault',
      CLAUSES,
    );
  }

  /**
   * Lets `role`, the backup role of a plan in another region, copy recovery points into this
   * vault: the vault's `PiiKey` names it in its key policy, since the key does not trust the
   * account's IAM policies, and an RDS snapshot copied here is re-encrypted under this key.
   * The role must exist when the key policy is written: deploy its stack first.
   */
  public grantCopiesFrom(role: iam.IRole): iam.Grant {
    return this.key.grant(role, ...COPY_KEY_ACTIONS);
  }
}
