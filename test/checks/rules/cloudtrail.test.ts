import { aws_cloudtrail as cloudtrail, aws_kms as kms } from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('TrailMultiRegionValidated', () => {
  const ID = 'TrailMultiRegionValidated';

  test('an L2 single-region, unvalidated trail without a key is flagged', () => {
    const stack = testStack();
    new cloudtrail.Trail(stack, 'Trail', {
      isMultiRegionTrail: false,
      enableFileValidation: false,
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoCustomerManagedKey]`,
      `DPP-${ID}[NoLogFileValidation]`,
      `DPP-${ID}[SingleRegion]`,
    ]);
  });

  test('an L1 trail that skips global events is flagged', () => {
    const stack = testStack();
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'audit',
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      includeGlobalServiceEvents: false,
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoGlobalServiceEvents]`]);
  });

  test('a multi-region, validated, encrypted trail complies', () => {
    const stack = testStack();
    new cloudtrail.Trail(stack, 'Trail', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'audit',
      isMultiRegionTrail: unresolvedString(stack) as unknown as boolean,
      enableLogFileValidation: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::IsMultiRegionTrail]`]);
  });
});
