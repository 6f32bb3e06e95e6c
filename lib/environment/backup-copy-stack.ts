import { StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PiiBackupCopyStack } from '../../constructs/baseline/pii-backup-copy-stack';
import { PII_BACKUP_COPY_VAULT_NAME } from '../../constructs/retention/pii-backup-plan';

/**
 * The vault in the second region that receives a copy of every PII backup (DPP-25-BACKUP):
 * encrypted with its own customer-managed key there, locked, deletes denied. It holds only
 * recovery points, which AWS Backup expires with the plan's retention.
 */
export class BackupCopyStack extends PiiBackupCopyStack {
  public constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: the second-region vault of the PII backups',
      ...props,
      copyVaultName: PII_BACKUP_COPY_VAULT_NAME,
    });
  }
}
