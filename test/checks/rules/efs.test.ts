import { aws_ec2 as ec2, aws_efs as efs, aws_kms as kms } from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('EfsKmsEncrypted', () => {
  const ID = 'EfsKmsEncrypted';

  test('an L2 file system with the AWS managed key is flagged', () => {
    const stack = testStack();
    new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an unencrypted L1 file system is flagged', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Files', {});
    // Unencrypted is one weakness: the key is not judged as well.
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new efs.FileSystem(stack, 'Files', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      kmsKey: new kms.Key(stack, 'Key'),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Files', { encrypted: true, kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});
