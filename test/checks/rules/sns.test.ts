import { aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('SnsTopicKmsEncrypted', () => {
  const ID = 'SnsTopicKmsEncrypted';

  test('an L2 topic without a key is flagged', () => {
    const stack = testStack();
    new sns.Topic(stack, 'Topic');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L1 topic with the aws/sns alias is flagged', () => {
    const stack = testStack();
    new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/aws/sns' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsMasterKeyId]`]);
  });
});

describe('SnsTopicTlsOnly', () => {
  const ID = 'SnsTopicTlsOnly';

  test('an L2 topic without enforceSSL is flagged', () => {
    const stack = testStack();
    new sns.Topic(stack, 'Topic');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('an L1 topic without a policy is flagged', () => {
    const stack = testStack();
    new sns.CfnTopic(stack, 'Topic');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('enforceSSL complies', () => {
    const stack = testStack();
    new sns.Topic(stack, 'Topic', { enforceSSL: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    const topic = new sns.CfnTopic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'Policy', {
      topics: [topic.ref],
      policyDocument: { 'Fn::ImportValue': unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });
});
