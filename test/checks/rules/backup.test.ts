import { Duration, Stack, aws_backup as backup, aws_kms as kms } from 'aws-cdk-lib';
import { testApp, testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('BackupVaultEncryptedLocked', () => {
  const ID = 'BackupVaultEncryptedLocked';

  test('an L2 vault with the default key and no lock is flagged', () => {
    const stack = testStack();
    new backup.BackupVault(stack, 'Vault');
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoCustomerManagedKey]`,
      `DPP-${ID}[NoVaultLock]`,
    ]);
  });

  test('an L1 vault without a lock is flagged', () => {
    const stack = testStack();
    new backup.CfnBackupVault(stack, 'Vault', {
      backupVaultName: 'v',
      encryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoVaultLock]`]);
  });

  test('a locked vault under a customer-managed key complies', () => {
    const stack = testStack();
    new backup.BackupVault(stack, 'Vault', {
      encryptionKey: new kms.Key(stack, 'Key'),
      lockConfiguration: { minRetention: Duration.days(7) },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new backup.CfnBackupVault(stack, 'Vault', {
      backupVaultName: 'v',
      encryptionKeyArn: unresolvedString(stack),
      lockConfiguration: { minRetentionDays: 7 },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EncryptionKeyArn]`]);
  });
});

describe('BackupPlanCrossRegionCopy', () => {
  const ID = 'BackupPlanCrossRegionCopy';
  const secondRegionVault = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:copies';

  test('an L2 plan without copies is flagged', () => {
    const stack = testStack();
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily' }));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCopy::Daily]`]);
  });

  test('an L1 plan copying within its own region is flagged', () => {
    const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-central-1' } });
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'p',
        backupPlanRule: [
          {
            ruleName: 'Daily',
            targetBackupVault: 'v',
            copyActions: [{ destinationBackupVaultArn: secondRegionVault }],
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SameRegionCopy::Daily]`]);
  });

  test('a copy to a vault whose region cannot be read is reported', () => {
    const stack = testStack();
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'p',
        backupPlanRule: [
          {
            ruleName: 'Daily',
            targetBackupVault: 'v',
            copyActions: [{ destinationBackupVaultArn: unresolvedString(stack) }],
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DestinationBackupVaultArn]`]);
  });

  test('a copy to a vault of another region complies', () => {
    const stack = testStack();
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Daily',
        copyActions: [
          {
            destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
              stack,
              'Copies',
              secondRegionVault,
            ),
          },
        ],
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
