import {
  aws_iam as iam,
  aws_kinesisfirehose as firehose,
  aws_kms as kms,
  aws_s3 as s3,
  Stack,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const ROLE = 'arn:aws:iam::111122223333:role/firehose';
const OUTSIDE_BUCKET = 'arn:aws:s3:::partner-landing';

/** An L1 delivery stream with the given properties. */
function deliveryStream(
  stack: Stack,
  props: firehose.CfnDeliveryStreamProps,
): firehose.CfnDeliveryStream {
  return new firehose.CfnDeliveryStream(stack, 'Stream', props);
}

const CMK: firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty = {
  keyType: 'CUSTOMER_MANAGED_CMK',
  keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234',
};

describe('FirehoseKmsEncrypted', () => {
  const ID = 'FirehoseKmsEncrypted';

  test('an L2 stream with the default encryption (none) is flagged', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    new firehose.DeliveryStream(stack, 'Stream', { destination: new firehose.S3Bucket(bucket) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L2 stream with an AWS-owned key is flagged', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    new firehose.DeliveryStream(stack, 'Stream', {
      destination: new firehose.S3Bucket(bucket),
      encryption: firehose.StreamEncryption.awsOwnedKey(),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key into a bucket of the app complies', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    new firehose.DeliveryStream(stack, 'Stream', {
      destination: new firehose.S3Bucket(bucket),
      encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('objects written unencrypted into a bucket outside the app are flagged', () => {
    const stack = testStack();
    deliveryStream(stack, {
      deliveryStreamEncryptionConfigurationInput: CMK,
      extendedS3DestinationConfiguration: {
        bucketArn: OUTSIDE_BUCKET,
        roleArn: ROLE,
        encryptionConfiguration: { noEncryptionConfig: 'NoEncryption' },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DestinationNotKms]`]);
  });

  test('a destination bucket given by a parameter cannot be judged', () => {
    const stack = testStack();
    deliveryStream(stack, {
      deliveryStreamEncryptionConfigurationInput: CMK,
      extendedS3DestinationConfiguration: { bucketArn: unresolvedString(stack), roleArn: ROLE },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::BucketARN]`]);
  });

  test('a backup bucket outside the app written with the aws/s3 key is flagged', () => {
    const stack = testStack();
    deliveryStream(stack, {
      deliveryStreamEncryptionConfigurationInput: CMK,
      httpEndpointDestinationConfiguration: {
        endpointConfiguration: { url: 'https://collector.example.com' },
        roleArn: ROLE,
        s3Configuration: {
          bucketArn: OUTSIDE_BUCKET,
          roleArn: ROLE,
          encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: 'alias/aws/s3' } },
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[DestinationNotKms]`]);
  });

  test('a stream fed by Kinesis is encrypted by its source, and a KMS destination complies', () => {
    const stack = testStack();
    deliveryStream(stack, {
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: {
        kinesisStreamArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders',
        roleArn: ROLE,
      },
      extendedS3DestinationConfiguration: {
        bucketArn: OUTSIDE_BUCKET,
        roleArn: ROLE,
        encryptionConfiguration: {
          kmsEncryptionConfig: { awskmsKeyArn: new kms.Key(stack, 'Key').keyArn },
        },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key type is reported; a no-amazon-data stream is not judged', () => {
    const stack = testStack();
    deliveryStream(stack, {
      deliveryStreamEncryptionConfigurationInput: { keyType: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyType]`]);
    const other = testStack('Other');
    classify(deliveryStream(other, {}), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });
});

describe('FirehoseDestinationTls', () => {
  const ID = 'FirehoseDestinationTls';

  /** A stream delivering to an HTTP endpoint at `url`, backed up to a bucket of the app. */
  function httpStream(stack: Stack, url: string): void {
    const backup = new s3.Bucket(stack, 'Backup');
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
    });
    deliveryStream(stack, {
      httpEndpointDestinationConfiguration: {
        endpointConfiguration: { url },
        roleArn: role.roleArn,
        s3Configuration: { bucketArn: backup.bucketArn, roleArn: role.roleArn },
      },
    });
  }

  test('an http:// endpoint is flagged', () => {
    const stack = testStack();
    httpStream(stack, 'http://collector.example.com/ingest');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextEndpoint]`]);
  });

  test('an https:// endpoint complies, an S3-only stream too', () => {
    const stack = testStack();
    httpStream(stack, 'https://collector.example.com/ingest');
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    deliveryStream(other, {
      s3DestinationConfiguration: { bucketArn: OUTSIDE_BUCKET, roleArn: ROLE },
    });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a Splunk endpoint without a scheme is flagged', () => {
    const stack = testStack();
    deliveryStream(stack, {
      splunkDestinationConfiguration: {
        hecEndpoint: 'splunk.example.com:8088',
        hecEndpointType: 'Raw',
        s3Configuration: { bucketArn: OUTSIDE_BUCKET, roleArn: ROLE },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextEndpoint]`]);
  });

  test('an unresolved endpoint is reported', () => {
    const stack = testStack();
    httpStream(stack, unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Unresolved::HttpEndpointDestinationConfiguration]`,
    ]);
  });
});
