import { Duration, Stack, StackProps, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems } from '../common/problems';
import { PII_BACKUP_DEFAULT_RETENTION } from '../retention/pii-backup-plan';
import { PiiBackupVault } from '../retention/pii-backup-vault';

/**
 * Props of a `PiiBackupCopyStack`.
 */
export interface PiiBackupCopyStackProps extends StackProps {
  /**
   * The name of the vault, the one the `PiiBackupPlan` of the first region copies into.
   * @default - `PiiBackupVault.copyVaultNameOf(this)`, which the plan computes alike
   */
  readonly copyVaultName?: string;
  /**
   * How long the plan keeps the copies it sends here: the vault lock keeps them that long (up
   * to 29 days) and never asks for more, or the copy jobs would fail.
   * @default Duration.days(7) (`PII_BACKUP_DEFAULT_RETENTION`)
   */
  readonly backupRetention?: Duration;
  /**
   * The name of the plan's backup role, which copies database snapshots into the vault and is
   * named in its key policy.
   * @default - `PiiBackupVault.backupRoleNameOf(this, <this stack's region>)`, which the plan's
   * stack computes alike
   */
  readonly backupRoleName?: string;
}

/**
 * The stack in the second region that holds the vault receiving a copy of every PII backup
 * (DPP-25-BACKUP): a `PiiBackupVault` encrypted with its own customer-managed key there, locked,
 * deletes denied. It holds only recovery points, which AWS Backup expires with the plan's
 * retention. Its key lets the plan's backup role copy RDS snapshots into the vault, so it is
 * deployed after the stack that creates that role. Termination-protected, always: deleting it
 * would delete the second copy (DPP-DR-4).
 */
export class PiiBackupCopyStack extends Stack {
  /** The vault that receives the copies. */
  public readonly vault: PiiBackupVault;

  public constructor(scope: Construct, id: string, props: PiiBackupCopyStackProps = {}) {
    const problems = new Problems(scope, id);
    problems.check(
      props.terminationProtection !== false,
      'terminationProtection',
      'must stay true: the stack holds the second copy of every PII backup',
      ['DPP-DR-4', 'DPP-25-BACKUP'],
      'false',
    );
    problems.throwIfAny();
    super(scope, id, {
      description: 'cdk-dpp: the second-region vault of the PII backups',
      ...props,
      terminationProtection: true,
    });
    this.vault = new PiiBackupVault(this, 'CopyVault', {
      backupVaultName: props.copyVaultName ?? PiiBackupVault.copyVaultNameOf(this),
      minRetention: PiiBackupVault.minRetentionFor(
        props.backupRetention ?? PII_BACKUP_DEFAULT_RETENTION,
      ),
    });
    this.vault.grantCopiesFrom(
      iam.Role.fromRoleName(
        this,
        'SourceBackupRole',
        props.backupRoleName ?? PiiBackupVault.backupRoleNameOf(this, this.region),
        { mutable: false },
      ),
    );
  }
}
