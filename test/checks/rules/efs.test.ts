import { aws_ec2 as ec2, aws_efs as efs, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
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

describe('EfsTlsOnly', () => {
  const ID = 'EfsTlsOnly';

  /** Denies every EFS action, to everyone, without TLS. */
  const denyWithoutTls = () =>
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['elasticfilesystem:*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    });

  test('an L2 file system with its default policy (no TLS condition) is flagged', () => {
    const stack = testStack();
    new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('an L1 file system without a policy is flagged', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Files', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a policy denying mounts without TLS complies', () => {
    const stack = testStack();
    const files = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    files.addToResourcePolicy(denyWithoutTls());
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Files', {
      fileSystemPolicy: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::FileSystemPolicy]`]);
  });
});
