import {
  Duration,
  Stack,
  aws_backup as backup,
  aws_dynamodb as dynamodb,
  aws_kms as kms,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

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

  test('a vault locked in compliance mode under a customer-managed key complies', () => {
    const stack = testStack();
    new backup.BackupVault(stack, 'Vault', {
      encryptionKey: new kms.Key(stack, 'Key'),
      lockConfiguration: { minRetention: Duration.days(7), changeableFor: Duration.days(3) },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a lock without a grace period stays in governance mode and is flagged', () => {
    const stack = testStack();
    new backup.BackupVault(stack, 'Vault', {
      encryptionKey: new kms.Key(stack, 'Key'),
      lockConfiguration: { minRetention: Duration.days(7) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[GovernanceLock]`]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new backup.CfnBackupVault(stack, 'Vault', {
      backupVaultName: 'v',
      encryptionKeyArn: unresolvedString(stack),
      lockConfiguration: { minRetentionDays: 7, changeableForDays: 3 },
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

describe('BackupPlanRetention', () => {
  const ID = 'BackupPlanRetention';
  const copyVault = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:copies';

  function planOf(stack: Stack, dataClass: DataClass, rule: backup.BackupPlanRuleProps) {
    const table = classify(
      new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      }),
      dataClass,
    );
    const plan = new backup.BackupPlan(stack, 'Plan');
    plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily', ...rule }));
    plan.addSelection('Selection', {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
    return plan;
  }

  test('a pii plan keeping recovery points and copies 7 days complies', () => {
    const stack = testStack();
    planOf(stack, DataClass.PII, {
      deleteAfter: Duration.days(7),
      copyActions: [
        {
          destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, 'C', copyVault),
          deleteAfter: Duration.days(7),
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('the 35-day daily plan of aws-cdk-lib keeps PII past 30 days', () => {
    const stack = testStack();
    const table = classify(
      new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.PII,
    );
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Selection', {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetainedTooLong::Daily]`]);
  });

  test('an amazon-data plan may keep 18 months, not 19', () => {
    const within = testStack();
    planOf(within, DataClass.AMAZON_DATA, { deleteAfter: Duration.days(545) });
    expect(findingsOf(within, ID)).toEqual([]);
    const past = testStack();
    planOf(past, DataClass.AMAZON_DATA, { deleteAfter: Duration.days(580) });
    expect(findingsOf(past, ID)).toEqual([`DPP-${ID}[RetainedTooLong::Daily]`]);
  });

  test('a plan of stores without Amazon data may keep recovery points forever', () => {
    const stack = testStack();
    planOf(stack, DataClass.NO_AMAZON_DATA, {});
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved retention is reported', () => {
    const stack = testStack();
    planOf(stack, DataClass.PII, { deleteAfter: Duration.days(unresolvedNumber(stack)) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DeleteAfterDays]`]);
  });
});
