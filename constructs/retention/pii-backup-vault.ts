import { Duration, RemovalPolicy, aws_backup as backup } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PII_MAX_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';

const CLAUSES = ['DPP-DR-3', 'DPP-DR-4', 'DPP-ES-1', 'DPP-DR-1'];

/** The longest lock minimum retention: it must stay below the lock's maximum (DPP-DR-1). */
export const PII_BACKUP_MAX_MIN_RETENTION = PII_MAX_RETENTION.minus(Duration.days(1));

/** The shortest grace period AWS Backup accepts before a vault lock becomes immutable. */
const MIN_LOCK_GRACE = Duration.days(3);

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
 * retained on stack deletion. Deploy one in the second region as the destination of a
 * `PiiBackupPlan`'s copies (DPP-25-BACKUP).
 */
export class PiiBackupVault extends backup.BackupVault {
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
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key = key;
    DppMetadata.of(this.node.defaultChild as backup.CfnBackupVault).implementsControls(
      'PiiBackupVault',
      CLAUSES,
    );
  }
}
