import { Stack, StackProps, Stage } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { PII_BACKUP_COPY_VAULT_NAME } from '../../constructs/retention/pii-backup-plan';
import { PiiBackupVault } from '../../constructs/retention/pii-backup-vault';

/** The longest name a backup vault may have. */
const MAX_VAULT_NAME = 50;

/**
 * The name of the copy vault of the environment `scope` belongs to: the library's default name
 * with the environment's stage name, so two environments in one account and region never ask
 * for the same vault.
 */
export function backupCopyVaultName(scope: IConstruct): string {
  const stage = Stage.of(scope)?.stageName ?? '';
  const name = `${PII_BACKUP_COPY_VAULT_NAME}-${stage.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  return name.slice(0, MAX_VAULT_NAME).replace(/-+$/, '');
}

/**
 * The vault in the second region that receives a copy of every PII backup (DPP-25-BACKUP):
 * encrypted with its own customer-managed key there, locked, deletes denied. It holds only
 * recovery points, which AWS Backup expires with the plan's retention.
 */
export class BackupCopyStack extends Stack {
  /** The vault that receives the copies. */
  public readonly vault: PiiBackupVault;

  public constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: the second-region vault of the PII backups',
      terminationProtection: true,
      ...props,
    });
    this.vault = new PiiBackupVault(this, 'CopyVault', {
      backupVaultName: backupCopyVaultName(this),
    });
  }
}
