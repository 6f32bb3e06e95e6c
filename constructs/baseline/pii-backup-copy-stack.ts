import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems } from '../common/problems';
import { PII_BACKUP_COPY_VAULT_NAME } from '../retention/pii-backup-plan';
import { PiiBackupVault } from '../retention/pii-backup-vault';

/**
 * Props of a `PiiBackupCopyStack`.
 */
export interface PiiBackupCopyStackProps extends StackProps {
  /**
   * The name of the vault, the one the `PiiBackupPlan` of the first region copies into.
   * @default 'cdk-dpp-pii-backup-copies' (`PII_BACKUP_COPY_VAULT_NAME`)
   */
  readonly copyVaultName?: string;
}

/**
 * The stack in the second region that holds the vault receiving a copy of every PII backup
 * (DPP-25-BACKUP): a `PiiBackupVault` encrypted with its own customer-managed key there, locked,
 * deletes denied. It holds only recovery points, which AWS Backup expires with the plan's
 * retention. Termination-protected, always: deleting it would delete the second copy (DPP-DR-4).
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
      backupVaultName: props.copyVaultName ?? PII_BACKUP_COPY_VAULT_NAME,
    });
  }
}
