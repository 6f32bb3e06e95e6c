import {
  Aws,
  CfnParameter,
  CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  Tags,
  aws_dax as dax,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_efs as efs,
  aws_elasticache as elasticache,
  aws_elasticsearch as elasticsearch,
  aws_fsx as fsx,
  aws_iam as iam,
  aws_kinesis as kinesis,
  aws_kms as kms,
  aws_opensearchservice as opensearch,
  aws_rds as rds,
  aws_s3 as s3,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { DATA_CLASS_TAG, DataClass } from '../../../constructs/common/data-class';
import { OWNER_TAG } from '../../../constructs/common/owner';
import { testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/**
 * The data-store weaknesses (no class, no customer key, no TLS deny, public endpoints, no
 * recovery, long archives) written in other shapes than the obvious one: L1 instead of L2,
 * property and deletion overrides, strings for booleans, a separate policy resource, a value
 * from another stack or from a template parameter.
 */

/** The L1 resource under an L2 construct. */
function cfn(construct: { node: { defaultChild?: unknown } }): CfnResource {
  return construct.node.defaultChild as CfnResource;
}

/** A policy document with one statement that denies `action` to everyone without TLS. */
function tlsDeny(
  action: string,
  resource: unknown,
  extra: Record<string, Record<string, unknown>> = {},
  principal: unknown = '*',
): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: principal,
        Action: action,
        Resource: resource,
        Condition: { Bool: { 'aws:SecureTransport': 'false' }, ...extra },
      },
    ],
  };
}

/** A policy document that only allows one account to use the resource. */
function allowOnly(action: string, resource: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: action,
        Resource: resource,
      },
    ],
  };
}

function vpcOf(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

/** A stack with a concrete region, for constructs that need one (global table replicas). */
function regionalStack(): Stack {
  return new Stack(testApp(), 'Regional', {
    env: { account: '111122223333', region: 'us-east-1' },
  });
}

describe('DataStoreClassified sees through', () => {
  const ID = 'DataStoreClassified';

  test('a tag key in another casing is another tag: the store is not classified', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { tags: [{ key: 'DPP:Data-Class', value: 'pii' }] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test('a class in capitals is no data class', () => {
    const stack = testStack();
    const table = new dynamodb.CfnTable(stack, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    });
    table.addPropertyOverride('Tags', [{ Key: DATA_CLASS_TAG, Value: 'PII' }]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[UnknownClass]`]);
  });

  test('a tag deleted from the template by an override is not on the store', () => {
    const stack = testStack();
    const bucket = classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    cfn(bucket).addDeletionOverride('Properties.Tags');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test('a class from a template parameter on an L1 tag is reported, not passed', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', {
      tags: [{ key: DATA_CLASS_TAG, value: unresolvedString(stack) }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Tags]`]);
  });

  test('compliant: an L1 DAX cluster whose tags are a map', () => {
    const stack = testStack();
    new dax.CfnCluster(stack, 'Dax', {
      iamRoleArn: 'arn:aws:iam::111122223333:role/dax',
      nodeType: 'dax.t3.small',
      replicationFactor: 3,
      tags: { [DATA_CLASS_TAG]: DataClass.PII },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataStoreOwned bypass attempts', () => {
  const ID = 'DataStoreOwned';

  test('a tag of the CloudFormation stack alone is not in the template of the store', () => {
    const stack = new Stack(testApp(), 'Tagged', { tags: { [OWNER_TAG]: 'orders-team' } });
    new s3.Bucket(stack, 'Bucket');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test.each(['DPP:Owner', 'dpp:Owner', 'owner', 'Owner'])(
    'a key in another case, %s, is another tag',
    (key) => {
      const stack = testStack();
      new sqs.CfnQueue(stack, 'Queue', { tags: [{ key, value: 'orders-team' }] });
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
    },
  );

  test('an empty owner written by an override is no owner', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    cfn(bucket).addPropertyOverride('Tags', [{ Key: OWNER_TAG, Value: '' }]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EmptyOwner]`]);
  });

  test('an owner deleted from the template by an override is not on the store', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    Tags.of(stack).add(OWNER_TAG, 'orders-team');
    cfn(bucket).addDeletionOverride('Properties.Tags');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test("an owner on the store's key and policy, not on the store, does not own the store", () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      enforceSSL: true,
    });
    Tags.of(bucket.encryptionKey as kms.IKey).add(OWNER_TAG, 'orders-team');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag]`]);
  });

  test('an owner from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', {
      tags: [{ key: OWNER_TAG, value: unresolvedString(stack) }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Tags]`]);
  });

  test('a global table tagged at the top, where CloudFormation reads no tags, is not owned', () => {
    const stack = testStack();
    const table = new dynamodb.CfnGlobalTable(stack, 'Global', {
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      replicas: [{ region: 'eu-west-1' }],
    });
    table.addPropertyOverride('Tags', [{ Key: OWNER_TAG, Value: 'orders-team' }]);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[MissingTag::Replicas[0].Tags]`]);
  });
});

describe('DataStoreDeclarationConsistent sees through', () => {
  const ID = 'DataStoreDeclarationConsistent';

  test('a bucket name joined from the account and PII words still names PII', () => {
    const stack = testStack();
    classify(
      new s3.Bucket(stack, 'Exports', { bucketName: `${Aws.ACCOUNT_ID}-buyer-exports` }),
      DataClass.NO_AMAZON_DATA,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::buyer]`]);
  });

  test('a secondary index keyed by a PII attribute names PII', () => {
    const stack = testStack();
    const table = classify(
      new dynamodb.Table(stack, 'Orders', {
        partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      }),
      DataClass.AMAZON_DATA,
    );
    table.addGlobalSecondaryIndex({
      indexName: 'byPhone',
      partitionKey: { name: 'recipientPhone', type: dynamodb.AttributeType.STRING },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::recipient]`]);
  });

  test('a queue name set by a property override names PII', () => {
    const stack = testStack();
    const queue = new sqs.CfnQueue(stack, 'Events', {
      tags: [{ key: DATA_CLASS_TAG, value: DataClass.NO_AMAZON_DATA }],
    });
    queue.addPropertyOverride('QueueName', 'gift-message-events');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NamesPii::giftmessage]`]);
  });

  test('compliant: a data declaration with an empty PII list declares none', () => {
    const stack = testStack();
    const bucket = classify(new s3.Bucket(stack, 'Catalog'), DataClass.AMAZON_DATA);
    cfn(bucket).addMetadata('cdk-dpp', { data: { dataClass: 'amazon-data', piiFields: [] } });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3BucketTlsOnly sees through', () => {
  const ID = 'S3BucketTlsOnly';
  const objects = (bucket: s3.Bucket) => [bucket.bucketArn, bucket.arnForObjects('*')];

  test('a TLS deny narrowed to one account lets every other caller in over HTTP', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.bucketName,
      policyDocument: tlsDeny('s3:*', objects(bucket), {
        StringEquals: { 'aws:PrincipalAccount': '111122223333' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny on the bucket ARN alone leaves the objects readable over HTTP', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.bucketName,
      policyDocument: tlsDeny('s3:*', bucket.bucketArn),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny for one role only is no deny for everyone', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.ArnPrincipal('arn:aws:iam::111122223333:role/reader')],
        actions: ['s3:*'],
        resources: objects(bucket),
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('compliant: the deny written by hand through addToResourcePolicy', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: objects(bucket),
        conditions: { Bool: { 'aws:SecureTransport': false } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3BucketPublicAccessBlocked sees through', () => {
  const ID = 'S3BucketPublicAccessBlocked';

  test('BLOCK_ALL with one setting overridden off is off', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    cfn(bucket).addPropertyOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets', false);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[BlockPublicAccessOff]`]);
  });

  test('blocking ACLs alone leaves public bucket policies open', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[BlockPublicAccessOff]`]);
  });

  test('an L1 bucket with the settings as the string "false" is off', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    bucket.addPropertyOverride('PublicAccessBlockConfiguration', {
      BlockPublicAcls: 'true',
      BlockPublicPolicy: 'false',
      IgnorePublicAcls: 'true',
      RestrictPublicBuckets: 'true',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[BlockPublicAccessOff]`]);
  });

  test('a public canned ACL added by an override on a blocked L2 bucket is flagged', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    cfn(bucket).addPropertyOverride('AccessControl', 'PublicRead');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicAcl]`]);
  });

  test('a canned ACL from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      accessControl: unresolvedString(stack),
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::AccessControl]`]);
  });

  test('compliant: an L1 bucket with the four settings as the string "true"', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    bucket.addPropertyOverride('PublicAccessBlockConfiguration', {
      BlockPublicAcls: 'true',
      BlockPublicPolicy: 'true',
      IgnorePublicAcls: 'true',
      RestrictPublicBuckets: 'true',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3BucketVersioned sees through', () => {
  const ID = 'S3BucketVersioned';

  test('versioning suspended by an override on a versioned L2 bucket', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', { versioned: true });
    cfn(bucket).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotVersioned]`]);
  });

  test('versioning deleted from the template by an override', () => {
    const stack = testStack();
    const bucket = classify(new s3.Bucket(stack, 'Bucket', { versioned: true }), DataClass.PII);
    cfn(bucket).addDeletionOverride('Properties.VersioningConfiguration');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotVersioned]`]);
  });

  test('compliant: an L1 pii bucket with versioning enabled', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      versioningConfiguration: { status: 'Enabled' },
      tags: [{ key: DATA_CLASS_TAG, value: DataClass.PII }],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3TaxArchiveCold sees through', () => {
  const ID = 'S3TaxArchiveCold';
  const lockedBucket = (stack: Stack, props: s3.BucketProps = {}) =>
    classify(
      new s3.Bucket(stack, 'Archive', {
        objectLockEnabled: true,
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(3650)),
        ...props,
      }),
      DataClass.TAX_ARCHIVE,
    );
  const storageClassDeny = (bucket: s3.Bucket, principals: iam.IPrincipal[], action: string) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals,
        actions: [action],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-storage-class': 'DEEP_ARCHIVE' } },
      }),
    );

  test('a storage-class deny for one role lets everyone else upload warm objects', () => {
    const stack = testStack();
    const bucket = lockedBucket(stack);
    storageClassDeny(bucket, [new iam.ArnPrincipal('arn:aws:iam::111122223333:role/a')], 's3:*');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });

  test('a storage-class deny on deletes does not govern uploads', () => {
    const stack = testStack();
    const bucket = lockedBucket(stack);
    storageClassDeny(bucket, [new iam.AnyPrincipal()], 's3:DeleteObject');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });

  test('a transition to Deep Archive under one prefix leaves the rest warm', () => {
    const stack = testStack();
    lockedBucket(stack, {
      lifecycleRules: [
        {
          prefix: 'returns/',
          transitions: [
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });

  test('a retention period from a template parameter is reported, not judged short', () => {
    const stack = testStack();
    const bucket = lockedBucket(stack, {
      transitionDefaultMinimumObjectSize:
        s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
          ],
        },
      ],
    });
    cfn(bucket).addPropertyOverride(
      'ObjectLockConfiguration.Rule.DefaultRetention.Days',
      new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DefaultRetention]`]);
  });

  test('compliant: an L1 bucket locked for 7 years with "true" as a string, moved to Glacier', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Archive', {
      objectLockEnabled: true,
      objectLockConfiguration: {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: 'COMPLIANCE', years: 7 } },
      },
      lifecycleConfiguration: {
        transitionDefaultMinimumObjectSize: 'varies_by_storage_class',
        rules: [
          { status: 'Enabled', transitions: [{ storageClass: 'GLACIER', transitionInDays: 1 }] },
        ],
      },
      tags: [{ key: DATA_CLASS_TAG, value: DataClass.TAX_ARCHIVE }],
    });
    bucket.addPropertyOverride('ObjectLockEnabled', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a transition to Deep Archive after a year leaves every record warm meanwhile', () => {
    const stack = testStack();
    lockedBucket(stack, {
      transitionDefaultMinimumObjectSize:
        s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });

  test("a day-0 transition under S3's default minimum size leaves invoices under 128 KB warm", () => {
    const stack = testStack();
    lockedBucket(stack, {
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });

  test('a storage-class deny that spares uploads naming no class lets them land warm', () => {
    const stack = testStack();
    const bucket = lockedBucket(stack);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { 's3:x-amz-storage-class': 'DEEP_ARCHIVE' },
          Null: { 's3:x-amz-storage-class': 'false' },
        },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`]);
  });
});

describe('DynamoDbTableKmsEncrypted sees through', () => {
  const ID = 'DynamoDbTableKmsEncrypted';
  const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };

  test('the customer key deleted from the template by an override falls back to AWS owned keys', () => {
    const stack = testStack();
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    });
    cfn(table).addDeletionOverride('Properties.SSESpecification');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a TableV2 with the AWS managed key names no customer key', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L1 table with "true" as a string and the aws/dynamodb alias', () => {
    const stack = testStack();
    const table = new dynamodb.CfnTable(stack, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    });
    table.addPropertyOverride('SSESpecification', {
      SSEEnabled: 'true',
      SSEType: 'KMS',
      KMSMasterKeyId: 'alias/aws/dynamodb',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a key from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new dynamodb.Table(stack, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', unresolvedString(stack)),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KMSMasterKeyId]`]);
  });

  test('compliant: a TableV2 with a customer-managed key', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'Table', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DynamoDbTablePitr sees through', () => {
  const ID = 'DynamoDbTablePitr';
  const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };

  test('recovery turned off by an override on an L2 table that asked for it', () => {
    const stack = testStack();
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    cfn(table).addPropertyOverride(
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
      'false',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPointInTimeRecovery]`]);
  });

  test('one replica of a global table without recovery', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'Table', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      replicas: [
        {
          region: 'us-west-2',
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoPointInTimeRecovery]`]);
  });

  test('compliant: an L1 global table whose replicas say "true" as a string', () => {
    const stack = testStack();
    const table = new dynamodb.CfnGlobalTable(stack, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      replicas: [{ region: 'us-east-1' }, { region: 'us-west-2' }],
    });
    table.addPropertyOverride(
      'Replicas',
      ['us-east-1', 'us-west-2'].map((region) => ({
        Region: region,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'true' },
      })),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('RdsStorageEncrypted sees through', () => {
  const ID = 'RdsStorageEncrypted';

  test('an L1 Aurora cluster that leaves encryption to the default is unencrypted', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('encryption overridden to the string "false" on an encrypted L2 instance', () => {
    const stack = testStack();
    const instance = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncryptionKey: new kms.Key(stack, 'Key'),
    });
    cfn(instance).addPropertyOverride('StorageEncrypted', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('a key from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-mysql',
      storageEncrypted: true,
      kmsKeyId: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('compliant: an L2 Aurora cluster with a key from another stack', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Data');
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_16_4,
      }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncryptionKey: key,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('RdsNotPublic sees through', () => {
  const ID = 'RdsNotPublic';

  test('an L1 Aurora member instance that leaves it unset is public behind an internet gateway', () => {
    const stack = testStack();
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql' });
    new rds.CfnDBInstance(stack, 'Member', {
      dbClusterIdentifier: cluster.ref,
      dbInstanceClass: 'db.r6g.large',
      engine: 'aurora-postgresql',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('a Multi-AZ DB cluster made public', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'postgres',
      dbClusterInstanceClass: 'db.m6gd.large',
      allocatedStorage: 100,
      storageType: 'io1',
      iops: 1000,
      publiclyAccessible: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('a private L2 instance overridden to the string "true"', () => {
    const stack = testStack();
    const instance = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    cfn(instance).addPropertyOverride('PubliclyAccessible', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('compliant: an L1 instance saying "false" as a string', () => {
    const stack = testStack();
    const instance = new rds.CfnDBInstance(stack, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
    });
    instance.addPropertyOverride('PubliclyAccessible', 'false');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('RdsCredentialsManaged sees through', () => {
  const ID = 'RdsCredentialsManaged';

  test('a literal password written over a generated secret by an override', () => {
    const stack = testStack();
    const instance = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      iamAuthentication: true,
    });
    cfn(instance).addPropertyOverride('MasterUserPassword', 'correct-horse-battery');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword]`]);
  });

  test('RDS-managed passwords said "false" as a string, with a literal password', () => {
    const stack = testStack();
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-mysql',
      masterUsername: 'admin',
      masterUserPassword: 'correct-horse-battery',
      enableIamDatabaseAuthentication: true,
    });
    cluster.addPropertyOverride('ManageMasterUserPassword', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword]`]);
  });

  test('IAM authentication overridden to the string "false"', () => {
    const stack = testStack();
    const instance = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      iamAuthentication: true,
    });
    cfn(instance).addPropertyOverride('EnableIAMDatabaseAuthentication', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoIamAuthentication]`]);
  });

  test('IAM authentication from a template parameter is reported, not passed', () => {
    const stack = testStack();
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-mysql',
      manageMasterUserPassword: true,
    });
    cluster.addPropertyOverride('EnableIAMDatabaseAuthentication', unresolvedString(stack));
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Unresolved::EnableIAMDatabaseAuthentication]`,
    ]);
  });

  test('compliant: an L1 cluster with RDS-managed password and IAM authentication as strings', () => {
    const stack = testStack();
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-postgresql',
      masterUsername: 'app',
    });
    cluster.addPropertyOverride('ManageMasterUserPassword', 'true');
    cluster.addPropertyOverride('EnableIAMDatabaseAuthentication', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('RdsLogsExported sees through', () => {
  const ID = 'RdsLogsExported';

  test('log exports deleted from the template by an override', () => {
    const stack = testStack();
    const instance = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: vpcOf(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      cloudwatchLogsExports: ['postgresql'],
    });
    cfn(instance).addDeletionOverride('Properties.EnableCloudwatchLogsExports');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoLogExports]`]);
  });

  test('exporting only the slow query log exports no audit, connection or error log', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'mysql',
      enableCloudwatchLogsExports: ['slowquery'],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoLogExports]`]);
  });

  test('exporting only the upgrade log of PostgreSQL is no activity log either', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-postgresql',
      enableCloudwatchLogsExports: ['upgrade'],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoLogExports]`]);
  });

  test('compliant: an L1 MySQL cluster exporting its audit and error logs', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-mysql',
      enableCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ElastiCacheKmsEncrypted sees through', () => {
  const ID = 'ElastiCacheKmsEncrypted';
  const group = (stack: Stack, props: Partial<elasticache.CfnReplicationGroupProps> = {}) =>
    new elasticache.CfnReplicationGroup(stack, 'Group', {
      replicationGroupDescription: 'sessions',
      engine: 'valkey',
      cacheNodeType: 'cache.t4g.micro',
      ...props,
    });

  test('encryption at rest as the string "true" without a key uses the AWS managed key', () => {
    const stack = testStack();
    group(stack).addPropertyOverride('AtRestEncryptionEnabled', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a serverless cache without a key is encrypted by AWS, not by the developer', () => {
    const stack = testStack();
    new elasticache.CfnServerlessCache(stack, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'sessions',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('encryption at rest overridden off on a keyed group', () => {
    const stack = testStack();
    const cache = group(stack, {
      atRestEncryptionEnabled: true,
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
    });
    cache.addPropertyOverride('AtRestEncryptionEnabled', false);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEncryptionAtRest]`]);
  });

  test('a key from a template parameter is reported, not passed', () => {
    const stack = testStack();
    group(stack, { atRestEncryptionEnabled: true, kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('compliant: a serverless cache with a customer-managed key', () => {
    const stack = testStack();
    new elasticache.CfnServerlessCache(stack, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 'sessions',
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('OpenSearchTransitEncrypted sees through', () => {
  const ID = 'OpenSearchTransitEncrypted';

  test('the TLS policy overridden to TLS 1.0 on a hardened L2 domain', () => {
    const stack = testStack();
    const domain = new opensearch.Domain(stack, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
      encryptionAtRest: { enabled: true },
    });
    cfn(domain).addPropertyOverride(
      'DomainEndpointOptions.TLSSecurityPolicy',
      'Policy-Min-TLS-1-0-2019-07',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsPolicy]`]);
  });

  test('a legacy Elasticsearch L1 domain left to the defaults', () => {
    const stack = testStack();
    new elasticsearch.CfnDomain(stack, 'Domain', { elasticsearchVersion: '7.10' });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[EnforceHttps]`,
      `DPP-${ID}[NodeToNode]`,
      `DPP-${ID}[TlsPolicy]`,
    ]);
  });

  test('a TLS policy from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Domain', {
      nodeToNodeEncryptionOptions: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::TLSSecurityPolicy]`]);
  });

  test('compliant: an L1 domain with strings for booleans and the TLS 1.2 PFS policy', () => {
    const stack = testStack();
    const domain = new opensearch.CfnDomain(stack, 'Domain', {
      domainEndpointOptions: { tlsSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
    });
    domain.addPropertyOverride('NodeToNodeEncryptionOptions.Enabled', 'true');
    domain.addPropertyOverride('DomainEndpointOptions.EnforceHTTPS', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('OpenSearchKmsEncrypted sees through', () => {
  const ID = 'OpenSearchKmsEncrypted';

  test('an L2 domain encrypted without a key uses aws/es', () => {
    const stack = testStack();
    new opensearch.Domain(stack, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      encryptionAtRest: { enabled: true },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a legacy Elasticsearch domain naming the aws/es alias', () => {
    const stack = testStack();
    new elasticsearch.CfnDomain(stack, 'Domain', {
      encryptionAtRestOptions: { enabled: true, kmsKeyId: 'alias/aws/es' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('encryption overridden to the string "false" on a keyed L2 domain', () => {
    const stack = testStack();
    const domain = new opensearch.Domain(stack, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      encryptionAtRest: { enabled: true, kmsKey: new kms.Key(stack, 'Key') },
    });
    cfn(domain).addPropertyOverride('EncryptionAtRestOptions.Enabled', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEncryptionAtRest]`]);
  });

  test('compliant: an L1 domain with "true" as a string and a customer key', () => {
    const stack = testStack();
    const domain = new opensearch.CfnDomain(stack, 'Domain', {
      encryptionAtRestOptions: { kmsKeyId: new kms.Key(stack, 'Key').keyId },
    });
    domain.addPropertyOverride('EncryptionAtRestOptions.Enabled', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('OpenSearchInVpc sees through', () => {
  const ID = 'OpenSearchInVpc';

  test('VPC options with no subnets leave the endpoint public', () => {
    const stack = testStack();
    new opensearch.CfnDomain(stack, 'Domain', { vpcOptions: { subnetIds: [] } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('VPC options deleted from an L2 domain by an override', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const domain = new opensearch.Domain(stack, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      vpc,
      vpcSubnets: [{ subnets: [vpc.isolatedSubnets[0]] }],
    });
    cfn(domain).addDeletionOverride('Properties.VPCOptions');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('subnets from a template parameter are reported, not passed', () => {
    const stack = testStack();
    new elasticsearch.CfnDomain(stack, 'Domain', {
      vpcOptions: {
        subnetIds: new CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>' })
          .valueAsList,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::VPCOptions]`]);
  });

  test('compliant: a legacy Elasticsearch domain in VPC subnets', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    new elasticsearch.CfnDomain(stack, 'Domain', {
      vpcOptions: { subnetIds: [vpc.isolatedSubnets[0].subnetId] },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SqsQueueKmsEncrypted sees through', () => {
  const ID = 'SqsQueueKmsEncrypted';

  test('an L2 queue with KMS_MANAGED uses the aws/sqs key', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('the customer key deleted from the template by an override', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue', {
      encryptionMasterKey: new kms.Key(stack, 'Key'),
    });
    cfn(queue).addDeletionOverride('Properties.KmsMasterKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('SSE-SQS turned off with the string "false" leaves the queue unencrypted', () => {
    const stack = testStack();
    const queue = new sqs.CfnQueue(stack, 'Queue');
    queue.addPropertyOverride('SqsManagedSseEnabled', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('compliant: an L1 queue naming a customer key by its own alias', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { kmsMasterKeyId: 'alias/orders-queue' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SqsQueueTlsOnly sees through', () => {
  const ID = 'SqsQueueTlsOnly';

  test('an inline queue policy that only allows one account denies nothing', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    new sqs.CfnQueueInlinePolicy(stack, 'Policy', {
      queue: queue.queueUrl,
      policyDocument: allowOnly('sqs:SendMessage', queue.queueArn),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny narrowed to one source network lets other callers in without TLS', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.queueUrl],
      policyDocument: tlsDeny('sqs:*', queue.queueArn, {
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny for the account root only is no deny for everyone', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AccountRootPrincipal()],
        actions: ['sqs:*'],
        resources: [queue.queueArn],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('compliant: the TLS deny in an inline queue policy (AWS::SQS::QueueInlinePolicy)', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    new sqs.CfnQueueInlinePolicy(stack, 'Policy', {
      queue: queue.queueUrl,
      policyDocument: tlsDeny('sqs:*', queue.queueArn),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an inline queue policy from a template parameter is reported, not passed', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    new sqs.CfnQueueInlinePolicy(stack, 'Policy', {
      queue: queue.queueUrl,
      policyDocument: new CfnParameter(stack, 'Doc').valueAsString,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });
});

describe('SnsTopicKmsEncrypted sees through', () => {
  const ID = 'SnsTopicKmsEncrypted';

  test('an L2 topic given the aws/sns alias as its key', () => {
    const stack = testStack();
    new sns.Topic(stack, 'Topic', {
      masterKey: kms.Alias.fromAliasName(stack, 'AwsSns', 'alias/aws/sns'),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('the customer key deleted from the template by an override', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'Key') });
    cfn(topic).addDeletionOverride('Properties.KmsMasterKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('compliant: a customer key of another stack of the app', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Events');
    new sns.Topic(stack, 'Topic', { masterKey: key });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SnsTopicTlsOnly sees through', () => {
  const ID = 'SnsTopicTlsOnly';

  test('an inline topic policy that only allows one account denies nothing', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', {
      topicArn: topic.topicArn,
      policyDocument: allowOnly('sns:Publish', topic.topicArn),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny narrowed to one account lets every other publisher in without TLS', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'Policy', {
      topics: [topic.topicArn],
      policyDocument: tlsDeny('sns:Publish', topic.topicArn, {
        StringEquals: { 'aws:PrincipalAccount': '111122223333' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('a TLS deny for one account principal is no deny for everyone', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', {
      topicArn: topic.topicArn,
      policyDocument: tlsDeny('sns:*', topic.topicArn, {}, { AWS: '111122223333' }),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecureTransport]`]);
  });

  test('compliant: the TLS deny in an inline topic policy (AWS::SNS::TopicInlinePolicy)', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', {
      topicArn: topic.topicArn,
      policyDocument: tlsDeny('sns:*', topic.topicArn),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('compliant: an inline topic policy in another stack of the app counts', () => {
    const app = testApp();
    const events = new Stack(app, 'Events');
    const topic = new sns.Topic(events, 'Topic');
    const policies = new Stack(app, 'Policies');
    new sns.CfnTopicInlinePolicy(policies, 'Policy', {
      topicArn: topic.topicArn,
      policyDocument: tlsDeny('sns:Publish', topic.topicArn),
    });
    expect(findingsOf(events, ID)).toEqual([]);
  });

  test('an inline topic policy from a template parameter is reported, not passed', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', {
      topicArn: topic.topicArn,
      policyDocument: new CfnParameter(stack, 'Doc').valueAsString,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PolicyDocument]`]);
  });
});

describe('SnsTopicArchiveRetentionByClass sees through', () => {
  const ID = 'SnsTopicArchiveRetentionByClass';

  test('an L2 FIFO pii topic archiving 60 days through messageRetentionPeriodInDays', () => {
    const stack = testStack();
    classify(
      new sns.Topic(stack, 'Topic', { fifo: true, messageRetentionPeriodInDays: 60 }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('an archive policy added by an override with the period as a string', () => {
    const stack = testStack();
    const topic = classify(new sns.Topic(stack, 'Topic', { fifo: true }), DataClass.PII);
    cfn(topic).addPropertyOverride('ArchivePolicy', { MessageRetentionPeriod: '31' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('compliant: an unclassified topic archiving the service maximum of 365 days', () => {
    // A topic is no data store that must declare a class; presumed amazon-data, its limit of
    // 18 months is above what SNS can archive, so no period of an unclassified topic is too long.
    const stack = testStack();
    new sns.CfnTopic(stack, 'Topic', {
      fifoTopic: true,
      archivePolicy: { MessageRetentionPeriod: 365 },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('compliant: an L1 pii topic archiving "30" days as a string', () => {
    const stack = testStack();
    new sns.CfnTopic(stack, 'Topic', {
      fifoTopic: true,
      archivePolicy: { MessageRetentionPeriod: '30' },
      tags: [{ key: DATA_CLASS_TAG, value: DataClass.PII }],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('KinesisStreamKmsEncrypted sees through', () => {
  const ID = 'KinesisStreamKmsEncrypted';

  test('an L2 stream with MANAGED encryption uses the aws/kinesis key', () => {
    const stack = testStack();
    new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('encryption overridden to NONE on a keyed L2 stream', () => {
    const stack = testStack();
    const stream = new kinesis.Stream(stack, 'Stream', {
      encryptionKey: new kms.Key(stack, 'Key'),
    });
    cfn(stream).addPropertyOverride('StreamEncryption.EncryptionType', 'NONE');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('an L1 stream without StreamEncryption is unencrypted', () => {
    const stack = testStack();
    new kinesis.CfnStream(stack, 'Stream', { shardCount: 1 });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a key from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new kinesis.CfnStream(stack, 'Stream', {
      shardCount: 1,
      streamEncryption: { encryptionType: 'KMS', keyId: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyId]`]);
  });

  test('compliant: an L1 stream with a customer key of another stack', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const key = new kms.Key(keys, 'Key');
    const stack = new Stack(app, 'Streams');
    new kinesis.CfnStream(stack, 'Stream', {
      shardCount: 1,
      streamEncryption: { encryptionType: 'KMS', keyId: key.keyArn },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('EfsKmsEncrypted sees through', () => {
  const ID = 'EfsKmsEncrypted';

  test('an L2 file system encrypted by default names no customer key', () => {
    const stack = testStack();
    new efs.FileSystem(stack, 'Fs', { vpc: vpcOf(stack), removalPolicy: RemovalPolicy.RETAIN });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L1 file system saying "false" as a string is unencrypted', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Fs').addPropertyOverride('Encrypted', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('a replica created without a key is encrypted with the AWS managed key', () => {
    const stack = testStack();
    new efs.CfnFileSystem(stack, 'Fs', {
      encrypted: true,
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
      replicationConfiguration: { destinations: [{ region: 'eu-west-1' }] },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('compliant: an L1 file system with "true" as a string, replicated under a customer key', () => {
    const stack = testStack();
    const fileSystem = new efs.CfnFileSystem(stack, 'Fs', {
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
      replicationConfiguration: {
        destinations: [
          { region: 'eu-west-1', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/replica' },
        ],
      },
    });
    fileSystem.addPropertyOverride('Encrypted', 'true');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('FsxKmsEncrypted sees through', () => {
  const ID = 'FsxKmsEncrypted';

  test('an L2 Lustre file system without a key uses the AWS managed key', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    new fsx.LustreFileSystem(stack, 'Fs', {
      vpc,
      vpcSubnet: vpc.isolatedSubnets[0],
      storageCapacityGiB: 1200,
      lustreConfiguration: {
        deploymentType: fsx.LustreDeploymentType.PERSISTENT_2,
        perUnitStorageThroughput: 125,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('the key deleted from the template by an override', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const fileSystem = new fsx.LustreFileSystem(stack, 'Fs', {
      vpc,
      vpcSubnet: vpc.isolatedSubnets[0],
      storageCapacityGiB: 1200,
      kmsKey: new kms.Key(stack, 'Key'),
      lustreConfiguration: {
        deploymentType: fsx.LustreDeploymentType.PERSISTENT_2,
        perUnitStorageThroughput: 125,
      },
    });
    cfn(fileSystem).addDeletionOverride('Properties.KmsKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a key from a template parameter is reported, not passed', () => {
    const stack = testStack();
    new fsx.CfnFileSystem(stack, 'Fs', {
      fileSystemType: 'ONTAP',
      subnetIds: ['subnet-0123456789abcdef0'],
      kmsKeyId: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('compliant: an L1 OpenZFS file system with a customer key', () => {
    const stack = testStack();
    new fsx.CfnFileSystem(stack, 'Fs', {
      fileSystemType: 'OPENZFS',
      subnetIds: ['subnet-0123456789abcdef0'],
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
