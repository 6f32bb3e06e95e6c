import { Duration, Stack, StackProps, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PII_BACKUP_DEFAULT_RETENTION } from '../../constructs/retention/pii-backup-plan';
import { PiiBackupVault } from '../../constructs/retention/pii-backup-vault';

/** Props of the `BackupCopyStack`. */
export interface BackupCopyStackProps extends StackProps {
  /**
   * How long the plan keeps the copies it sends here: the vault lock keeps them that long (up
   * to 29 days) and never asks for more, or the copy jobs would fail.
   * @default Duration.days(7) (`PII_BACKUP_DEFAULT_RETENTION`)
   */
  readonly backupRetention?: Duration;
}

/**
 * The vault in the second region that receives a copy of every PII backup (DPP-25-BACKUP):
 * encrypted with its own customer-managed key there, locked, deletes denied. It holds only
 * recovery points, which AWS Backup expires with the plan's retention. Its name is the stage's
 * (`PiiBackupVault.copyVaultNameOf`), which the plan of the data stack computes alike: a second
 * environment in the same account and region has its own vault. Its key lets the plan's backup
 * role, named alike (`PiiBackupVault.backupRoleNameOf`), copy RDS snapshots into the vault, so
 * this stack is deployed after the data stack that creates the role.
 */
export class BackupCopyStack extends Stack {
  /** The vault that receives the copies. */
  public readonly vault: PiiBackupVault;

  public constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: the second-region vault of the PII backups',
      terminationProtection: true,
      ...props,
    });
    this.vault = new PiiBackupVault(this, 'CopyVault', {
      backupVaultName: PiiBackupVault.copyVaultNameOf(this),
      minRetention: PiiBackupVault.minRetentionFor(
        props.backupRetention ?? PII_BACKUP_DEFAULT_RETENTION,
      ),
    });
    this.vault.grantCopiesFrom(
      iam.Role.fromRoleName(
        this,
        'SourceBackupRole',
        PiiBackupVault.backupRoleNameOf(this, this.region),
        { mutable: false },
      ),
    );
  }
}
