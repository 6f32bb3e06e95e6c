import { Stack, aws_dynamodb as dynamodb, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { DataDeclaration } from '../../constructs/common/dpp-metadata';
import { DataVpc } from '../../constructs/network/data-vpc';
import { PiiBucket } from '../../constructs/storage/pii-bucket';
import { PiiTable } from '../../constructs/storage/pii-table';

/** What the PII stores of the construct tests hold. */
export const SHIPPING_LABEL_DATA: DataDeclaration = {
  purpose: 'Print shipping labels',
  piiFields: ['buyerName', 'shippingAddress'],
};

/** A PII table keyed by order id, whose items expire by `expiresAt`. */
export function orderTable(
  stack: Stack,
  id: string,
  vpcEndpoint: ec2.IVpcEndpoint,
  data: DataDeclaration = SHIPPING_LABEL_DATA,
): PiiTable {
  return new PiiTable(stack, id, {
    vpcEndpoint,
    data,
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
  });
}

/** The bucket `Orders` and the table `Buyers`, both behind one imported endpoint `vpce-1`. */
export function piiStoresBehindImportedEndpoint(stack: Stack): {
  bucket: PiiBucket;
  table: PiiTable;
} {
  const vpcEndpoint = ec2.GatewayVpcEndpoint.fromGatewayVpcEndpointId(stack, 'Endpoint', 'vpce-1');
  return {
    bucket: new PiiBucket(stack, 'Orders', { vpcEndpoint, data: SHIPPING_LABEL_DATA }),
    table: orderTable(stack, 'Buyers', vpcEndpoint),
  };
}

/** A `DataVpc` with the bucket `Labels` and the table `Orders` behind its gateway endpoints. */
export function piiStoresInDataVpc(
  stack: Stack,
  data: DataDeclaration,
): { vpc: DataVpc; bucket: PiiBucket; table: PiiTable } {
  const vpc = new DataVpc(stack, 'Vpc');
  const bucket = new PiiBucket(stack, 'Labels', { vpcEndpoint: vpc.s3Endpoint, data });
  const table = orderTable(stack, 'Orders', vpc.dynamoDbEndpoint, data);
  return { vpc, bucket, table };
}

/** The Block Public Access configuration every bucket of the library renders: all four on. */
export const BLOCK_ALL_PUBLIC_ACCESS = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

/** The rendered `BucketEncryption` of a bucket under the KMS key `keyArn`, with a bucket key. */
export function sseKmsWithBucketKey(keyArn: unknown): Record<string, unknown> {
  return {
    ServerSideEncryptionConfiguration: [
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
      },
    ],
  };
}
