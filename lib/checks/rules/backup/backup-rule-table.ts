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
    clauses: ['DPP-DR-3', 'DPP-ES-1'],
    summary:
      'The backup vault is not encrypted with a customer-managed KMS key or has no vault lock',
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
    explanation: 'Backups are kept in more than one geographic location.',
    fix: 'add a `copyActions` entry to a vault in a second region, or use PiiBackupPlan.',
    check: backupPlanCrossRegionCopy,
  },
];
