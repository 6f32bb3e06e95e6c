import { aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { findings, testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('SqsQueueKmsEncrypted', () => {
  const ID = 'SqsQueueKmsEncrypted';

  test.each([
    ['the default SQS-managed encryption', undefined],
    ['SQS_MANAGED', sqs.QueueEncryption.SQS_MANAGED],
  ])('an L2 queue with %s is flagged', (_, encryption) => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue', { encryption });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a queue with SSE-SQS turned off is not encrypted at all', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'L2', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.CfnQueue(stack, 'L1', { sqsManagedSseEnabled: false });
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([`DPP-${ID}[NotEncrypted] Test/L1`, `DPP-${ID}[NotEncrypted] Test/L2/Resource`]);
  });

  test('an L1 queue with the aws/sqs alias is flagged', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { kmsMasterKeyId: 'alias/aws/sqs' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { kmsMasterKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsMasterKeyId]`]);
  });
});

describe('SqsQueueTlsOnly', () => {
  const ID = 'SqsQueueTlsOnly';

  test('an L2 queue without enforceSSL is flagged', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('an L1 queue whose policy only allows is flagged', () => {
    const stack = testStack();
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '111122223333' },
            Action: 'sqs:*',
            Resource: queue.attrArn,
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('enforceSSL complies', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });
});
