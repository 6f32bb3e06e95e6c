import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { backupPlanCrossRegionCopy } from './backup-plan-cross-region-copy';
import { backupVaultEncryptedLocked } from './backup-vault-encrypted-locked';

const { ERROR } = NagMessageLevel;

/** The AWS Backup rules. */
export const BACKUP_RULES: readonly DppRule[] = [
  {
    id: 'BackupVaultEncryptedLocked',
    level: ERROR,
    resourceTypes: ['AWS::Backup::BackupVault'],
    clauses: ['DPP-DR-3', 'DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The backup vault is not encrypted with a customer-managed KMS key or has no vault lock',
    causes: {
      NoVaultLock: 'The backup vault has no vault lock, so recovery points can be deleted early',
      NoCustomerManagedKey:
        'The backup vault names no KMS key, so AWS Backup uses the AWS managed key `aws/backup`: the developer does not control the key',
      AwsManagedKey:
        'The backup vault uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'Archived backup data is encrypted and cannot be deleted early.',
    fix: 'set `encryptionKey` and `lockConfiguration`, or use PiiBackupPlan.',
    check: backupVaultEncryptedLocked,
  },
  {
    id: 'BackupPlanCrossRegionCopy',
    level: ERROR,
    resourceTypes: ['AWS::Backup::BackupPlan'],
    clauses: ['DPP-25-BACKUP'],
    summary: 'A rule of the backup plan does not copy recovery points to a vault in another region',
    causes: {
      NoCopy: 'A rule of the backup plan copies its recovery points nowhere',
      SameRegionCopy:
        "A rule of the backup plan copies its recovery points to a vault in the stack's own region",
    },
    explanation: 'Backups are kept in more than one geographic location.',
    fix: 'add a `copyActions` entry to a vault in a second region, or use PiiBackupPlan.',
    check: backupPlanCrossRegionCopy,
  },
];
