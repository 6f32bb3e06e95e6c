import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { backupPlanCrossRegionCopy } from './backup-plan-cross-region-copy';
import { backupPlanRetention } from './backup-plan-retention';
import { backupVaultEncryptedLocked } from './backup-vault-encrypted-locked';

const { ERROR } = NagMessageLevel;

/** The AWS Backup rules. */
export const BACKUP_RULES: readonly DppRule[] = [
  {
    id: 'BackupVaultEncryptedLocked',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Backup::BackupVault'],
    clauses: ['DPP-DR-3', 'DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The backup vault is not encrypted with a customer-managed KMS key or has no vault lock in compliance mode',
    causes: {
      NoVaultLock: 'The vault has no vault lock with a minimum retention',
      GovernanceLock:
        'The vault lock sets no `ChangeableForDays`, so it stays in governance mode and can be removed at any time',
      NoCustomerManagedKey: 'The vault encrypts recovery points with the AWS managed key',
      AwsManagedKey: 'The vault encrypts recovery points with an AWS managed key',
    },
    explanation: 'Archived backup data is encrypted and cannot be deleted early, by anyone.',
    fix: 'set `encryptionKey` and `lockConfiguration` with `changeableFor`, or use PiiBackupPlan.',
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
  {
    id: 'BackupPlanRetention',
    level: ERROR,
    resourceTypes: ['AWS::Backup::BackupPlan'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII', 'DPP-DR-3'],
    summary:
      'The backup plan keeps recovery points, or their copies, longer than the data class of what it backs up allows (pii: 30 days, amazon-data: 18 months), or forever',
    causes: {
      KeptForever:
        'The backup rule sets no `DeleteAfterDays`, so its recovery points are never deleted',
      RetainedTooLong:
        'The backup rule keeps recovery points longer than the strictest data class its selections take',
      CopyKeptForever:
        'A copy action of the rule sets no lifecycle, so the copies are never deleted',
      CopyRetainedTooLong:
        'A copy action keeps its copies longer than the strictest data class the selections take',
      ColdStorageTooShort:
        'The lifecycle deletes a recovery point less than 90 days after moving it to cold storage, which AWS Backup rejects',
    },
    explanation:
      'A backup is a copy of the data: PII in backups is gone within 30 days like the original, other Amazon data within 18 months.',
    fix: 'set `deleteAfter` on every rule and copy action within the limit of the class, or use PiiBackupPlan.',
    check: backupPlanRetention,
  },
];
