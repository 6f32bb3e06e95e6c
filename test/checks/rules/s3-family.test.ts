import {
  aws_kms as kms,
  aws_s3 as s3,
  aws_s3express as s3express,
  aws_s3tables as s3tables,
  Stack,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/** A directory bucket with the given default encryption. */
function directoryBucket(
  stack: Stack,
  byDefault?: s3express.CfnDirectoryBucket.ServerSideEncryptionByDefaultProperty,
): s3express.CfnDirectoryBucket {
  return new s3express.CfnDirectoryBucket(stack, 'Express', {
    dataRedundancy: 'SingleAvailabilityZone',
    locationName: 'euw1-az1',
    bucketEncryption: byDefault && {
      serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault }],
    },
  });
}

describe('S3AccessPointPublicAccessBlocked', () => {
  const ID = 'S3AccessPointPublicAccessBlocked';

  test('an access point that turns a setting off is flagged', () => {
    const stack = testStack();
    new s3.CfnAccessPoint(stack, 'AccessPoint', {
      bucket: 'orders',
      publicAccessBlockConfiguration: { blockPublicPolicy: false, restrictPublicBuckets: false },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[BlockPublicPolicy]`,
      `DPP-${ID}[RestrictPublicBuckets]`,
    ]);
  });

  test('an access point without settings (all on by default) complies', () => {
    const stack = testStack();
    new s3.CfnAccessPoint(stack, 'AccessPoint', { bucket: 'orders' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a multi-region access point that turns a setting off is flagged', () => {
    const stack = testStack();
    new s3.CfnMultiRegionAccessPoint(stack, 'Global', {
      regions: [{ bucket: 'orders-eu' }, { bucket: 'orders-us' }],
      publicAccessBlockConfiguration: { ignorePublicAcls: false },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[IgnorePublicAcls]`]);
  });

  test('an unresolved setting is reported', () => {
    const stack = testStack();
    new s3.CfnAccessPoint(stack, 'AccessPoint', {
      bucket: 'orders',
      publicAccessBlockConfiguration: { blockPublicAcls: unresolvedString(stack) as never },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::BlockPublicAcls]`]);
  });
});

describe('S3DirectoryBucketKmsEncrypted', () => {
  const ID = 'S3DirectoryBucketKmsEncrypted';

  test('a directory bucket with the default (SSE-S3) is flagged, and an explicit AES256', () => {
    const stack = testStack();
    directoryBucket(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
    const other = testStack('Other');
    directoryBucket(other, { sseAlgorithm: 'AES256' });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('SSE-KMS with a customer key complies; a no-amazon-data bucket is not judged', () => {
    const stack = testStack();
    directoryBucket(stack, {
      sseAlgorithm: 'aws:kms',
      kmsMasterKeyId: new kms.Key(stack, 'Key').keyArn,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(directoryBucket(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved algorithm is reported', () => {
    const stack = testStack();
    directoryBucket(stack, { sseAlgorithm: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SSEAlgorithm]`]);
  });
});

describe('S3TableBucketKmsEncrypted', () => {
  const ID = 'S3TableBucketKmsEncrypted';

  test('a table bucket with the default (SSE-S3) is flagged', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', { tableBucketName: 'orders' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('SSE-KMS with a customer key complies; without a key it is flagged', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: {
        sseAlgorithm: 'aws:kms',
        kmsKeyArn: new kms.Key(stack, 'Key').keyArn,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    new s3tables.CfnTableBucket(other, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: { sseAlgorithm: 'aws:kms' },
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an unresolved algorithm is reported', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: { sseAlgorithm: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SSEAlgorithm]`]);
  });

  test('a table bucket classified through its ITaggableV2 tags is judged by its class', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      tags: [{ key: 'dpp:data-class', value: DataClass.NO_AMAZON_DATA }],
    });
    expect([...findingsOf(stack, ID), ...findingsOf(stack, 'DataStoreClassified')]).toEqual([]);
  });
});
