import { aws_backup as backup, aws_fsx as fsx, aws_kms as kms, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/** An FSx for Windows file system with the given key. */
function windows(stack: Stack, kmsKeyId?: string): fsx.CfnFileSystem {
  return new fsx.CfnFileSystem(stack, 'Files', {
    fileSystemType: 'WINDOWS',
    subnetIds: ['subnet-1'],
    storageCapacity: 32,
    kmsKeyId,
    windowsConfiguration: { throughputCapacity: 8 },
  });
}

describe('FsxKmsEncrypted', () => {
  const ID = 'FsxKmsEncrypted';

  test('a file system without a key (the AWS managed key) is flagged', () => {
    const stack = testStack();
    windows(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('the aws/fsx alias is flagged', () => {
    const stack = testStack();
    windows(stack, 'alias/aws/fsx');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies; a no-amazon-data file system is not judged', () => {
    const stack = testStack();
    windows(stack, new kms.Key(stack, 'Key').keyId);
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(windows(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    windows(stack, unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('a file system is a data store: classification and retention apply', () => {
    const stack = testStack();
    windows(stack);
    expect([
      ...findingsOf(stack, 'DataStoreClassified'),
      ...findingsOf(stack, 'DataStoreRetained'),
    ]).toEqual([
      'DPP-DataStoreClassified[MissingTag]',
      'DPP-DataStoreRetained[DeletionPolicy]',
      'DPP-DataStoreRetained[UpdateReplacePolicy]',
    ]);
  });
});

describe('PiiStoreBackedUp on FSx', () => {
  test('a pii file system, which AWS Backup protects, must be in a backup selection', () => {
    const stack = testStack();
    classify(windows(stack), DataClass.PII);
    expect(findingsOf(stack, 'PiiStoreBackedUp')).toEqual([
      'DPP-PiiStoreBackedUp[NoBackupSelection]',
    ]);
  });

  test('a pii file system selected by reference complies', () => {
    const stack = testStack();
    const files = classify(windows(stack), DataClass.PII);
    new backup.CfnBackupSelection(stack, 'Selection', {
      backupPlanId: 'plan-1',
      backupSelection: {
        iamRoleArn: 'arn:aws:iam::111122223333:role/backup',
        selectionName: 'pii',
        resources: [files.attrResourceArn],
      },
    });
    expect(findingsOf(stack, 'PiiStoreBackedUp')).toEqual([]);
  });
});
