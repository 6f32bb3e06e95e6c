import { Construct } from 'constructs';
import {
  PiiBackupCopyStack,
  PiiBackupCopyStackProps,
} from '../../constructs/baseline/pii-backup-copy-stack';

/**
 * The vault in the second region that receives a copy of every PII backup (DPP-25-BACKUP):
 * encrypted with its own customer-managed key there, locked, deletes denied. It holds only
 * recovery points, which AWS Backup expires with the plan's retention. Its name is the stage's
 * (`PiiBackupVault.copyVaultNameOf`), which the plan of the data stack computes alike: a second
 * environment in the same account and region has its own vault. Its key lets the plan's backup
 * role, named alike (`PiiBackupVault.backupRoleNameOf`), copy RDS snapshots into the vault, so
 * this stack is deployed after the data stack that creates the role.
 */
export class BackupCopyStack extends PiiBackupCopyStack {
  public constructor(scope: Construct, id: string, props: PiiBackupCopyStackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: the second-region vault of the PII backups',
      ...props,
    });
  }
}
