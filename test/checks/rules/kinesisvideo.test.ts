import { aws_kinesisvideo as kinesisvideo, aws_kms as kms } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

describe('KinesisVideoStreamKmsEncrypted', () => {
  const ID = 'KinesisVideoStreamKmsEncrypted';

  test('a stream without a key (the AWS managed key) is flagged', () => {
    const stack = testStack();
    new kinesisvideo.CfnStream(stack, 'Video', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('the aws/kinesisvideo alias is flagged; a customer key complies', () => {
    const stack = testStack();
    new kinesisvideo.CfnStream(stack, 'Video', { kmsKeyId: 'alias/aws/kinesisvideo' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
    const other = testStack('Other');
    new kinesisvideo.CfnStream(other, 'Video', { kmsKeyId: new kms.Key(other, 'Key').keyArn });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new kinesisvideo.CfnStream(stack, 'Video', { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('KinesisVideoStreamRetentionByClass', () => {
  const ID = 'KinesisVideoStreamRetentionByClass';

  test('a pii stream keeping 31 days is flagged; 30 days and none comply', () => {
    const keep = (dataRetentionInHours?: number) => {
      const stack = testStack();
      classify(new kinesisvideo.CfnStream(stack, 'Video', { dataRetentionInHours }), DataClass.PII);
      return findingsOf(stack, ID);
    };
    expect(keep(31 * 24)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
    expect(keep(30 * 24)).toEqual([]);
    expect(keep()).toEqual([]);
  });

  test('an unresolved retention is reported for an amazon-data stream', () => {
    const stack = testStack();
    classify(
      new kinesisvideo.CfnStream(stack, 'Video', { dataRetentionInHours: unresolvedNumber(stack) }),
      DataClass.AMAZON_DATA,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DataRetentionInHours]`]);
  });
});
