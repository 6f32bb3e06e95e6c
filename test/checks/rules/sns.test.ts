import { aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

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

describe('SnsTopicArchiveRetentionByClass', () => {
  const ID = 'SnsTopicArchiveRetentionByClass';

  /** The findings on a FIFO topic of `dataClass` that archives messages for `days`. */
  const archived = (dataClass: DataClass, days?: number) => {
    const stack = testStack();
    classify(
      new sns.Topic(stack, 'Topic', { fifo: true, messageRetentionPeriodInDays: days }),
      dataClass,
    );
    return findingsOf(stack, ID);
  };

  test('a pii topic archiving for 31 days is flagged; 30 days and no archive comply', () => {
    expect(archived(DataClass.PII, 31)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
    expect(archived(DataClass.PII, 30)).toEqual([]);
    expect(archived(DataClass.PII)).toEqual([]);
  });

  test('an amazon-data topic may archive for a year (the service maximum)', () => {
    expect(archived(DataClass.AMAZON_DATA, 365)).toEqual([]);
  });

  test('an L1 archive policy with an unresolved period is reported', () => {
    const stack = testStack();
    classify(
      new sns.CfnTopic(stack, 'Topic', {
        fifoTopic: true,
        archivePolicy: { MessageRetentionPeriod: unresolvedNumber(stack) },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::MessageRetentionPeriod]`]);
  });
});
