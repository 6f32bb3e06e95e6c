import {
  App,
  Duration,
  RemovalPolicy,
  Stack,
  aws_backup as backup,
  aws_cloudwatch as cloudwatch,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kinesis as kinesis,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { classify } from '../rule-helpers';
import {
  acknowledgeOrganizationBaseline,
  acknowledgeOrganizationDataEvents,
  crossRegionBackupPlan,
  customerKey,
  dppFindings,
  grantKeyUse,
  idiomApp,
  notifying,
} from './idioms';

/**
 * Storage written the way a careful user writes it in plain aws-cdk-lib: every stack here
 * follows the DPP and must raise no DppChecks finding. The app-wide trail and GuardDuty, which
 * a single stack cannot have, are acknowledged on the stack with the organization's reason
 * (`acknowledgeOrganizationBaseline`).
 */

const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A bucket for S3 server access logs: SSE-S3 (the only encryption S3 log delivery accepts). */
function accessLogBucket(stack: Stack): s3.Bucket {
  return classify(
    new s3.Bucket(stack, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    }),
    DataClass.NO_AMAZON_DATA,
  );
}

/** An alarm on the 4xx errors of the whole bucket (a burst of denied reads). */
function bucketAlarm(stack: Stack, bucket: s3.Bucket): void {
  bucket.addMetric({ id: 'EntireBucket' });
  notifying(
    new cloudwatch.Alarm(stack, `${bucket.node.id}Denied`, {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: '4xxErrors',
        dimensionsMap: { BucketName: bucket.bucketName, FilterId: 'EntireBucket' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      threshold: 50,
      evaluationPeriods: 1,
    }),
  );
}

/** An alarm on the read throttles of a table. */
function tableAlarm(stack: Stack, table: dynamodb.ITable): void {
  notifying(
    new cloudwatch.Alarm(stack, `${table.node.id}Reads`, {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ConsumedReadCapacityUnits',
        dimensionsMap: { TableName: table.tableName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      threshold: 10000,
      evaluationPeriods: 1,
    }),
  );
}

/** A pii bucket: customer key, TLS only, private, versioned, 30-day expiry, access logs. */
function piiBucketStack(app: App): Stack {
  const stack = new Stack(app, 'PiiBucket', { env: ENV });
  const key = customerKey(stack, 'Key');
  const bucket = classify(
    new s3.Bucket(stack, 'Orders', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogBucket(stack),
      serverAccessLogsPrefix: 'orders/',
      lifecycleRules: [
        {
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    }),
    DataClass.PII,
  );
  const reader = new iam.Role(stack, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  bucket.grantRead(reader);
  grantKeyUse(key, reader);
  bucketAlarm(stack, bucket);
  crossRegionBackupPlan(stack).addSelection('Buckets', {
    resources: [backup.BackupResource.fromArn(bucket.bucketArn)],
  });
  acknowledgeOrganizationBaseline(stack);
  return stack;
}

/** An amazon-data bucket written with the L1 `CfnBucket`, expiring after 18 months. */
function amazonDataL1BucketStack(app: App): Stack {
  const stack = new Stack(app, 'AmazonDataL1');
  const key = customerKey(stack, 'Key');
  const bucket = new s3.CfnBucket(stack, 'Reports', {
    bucketEncryption: {
      serverSideEncryptionConfiguration: [
        {
          serverSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: key.keyArn,
          },
          bucketKeyEnabled: true,
        },
      ],
    },
    publicAccessBlockConfiguration: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    versioningConfiguration: { status: 'Enabled' },
    lifecycleConfiguration: {
      rules: [
        {
          status: 'Enabled',
          expirationInDays: 540,
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
      ],
    },
    tags: [{ key: 'dpp:data-class', value: DataClass.AMAZON_DATA }],
  });
  bucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
  new s3.CfnBucketPolicy(stack, 'ReportsPolicy', {
    bucket: bucket.ref,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  });
  return stack;
}

/** A single-region pii table: customer key, PITR, TTL, deletion protection, retained. */
function piiTableStack(app: App): Stack {
  const stack = new Stack(app, 'PiiTable', { env: ENV });
  const key = customerKey(stack, 'Key');
  const table = classify(
    new dynamodb.Table(stack, 'Customers', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 30,
      },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  tableAlarm(stack, table);
  crossRegionBackupPlan(stack).addSelection('Tables', {
    resources: [backup.BackupResource.fromDynamoDbTable(table)],
  });
  const trailTable = new iam.Role(stack, 'Writer', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  table.grantWriteData(trailTable);
  grantKeyUse(key, trailTable);
  acknowledgeOrganizationBaseline(stack);
  acknowledgeOrganizationDataEvents(stack);
  return stack;
}

/** A TableV2 with replicas in two more regions, the class tag on the table (and replicas). */
function replicatedTableV2Stack(app: App): Stack {
  const stack = new Stack(app, 'GlobalTableV2', { env: ENV });
  const key = customerKey(stack, 'Key');
  const table = classify(
    new dynamodb.TableV2(stack, 'Sessions', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key, {
        'eu-central-1':
          'arn:aws:kms:eu-central-1:111111111111:key/11111111-1111-1111-1111-111111111111',
        'us-east-1': 'arn:aws:kms:us-east-1:111111111111:key/22222222-2222-2222-2222-222222222222',
      }),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 30,
      },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: [{ region: 'eu-central-1' }, { region: 'us-east-1' }],
    }),
    DataClass.AMAZON_DATA,
  );
  table.grantReadData(
    new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
  );
  return stack;
}

/** A pii global table written as the L1 `CfnGlobalTable`, tags on each replica. */
function piiGlobalTableL1Stack(app: App): Stack {
  const stack = new Stack(app, 'GlobalTableL1', { env: ENV });
  const key = customerKey(stack, 'Key');
  // A global table carries its tags on each replica, where no aspect of the app reaches.
  const tags = [
    { key: 'dpp:data-class', value: DataClass.PII },
    { key: 'dpp:owner', value: 'orders-team@seller.example' },
  ];
  const replica = (
    region: string,
    keyArn: string,
  ): dynamodb.CfnGlobalTable.ReplicaSpecificationProperty => ({
    region,
    tags,
    deletionProtectionEnabled: true,
    pointInTimeRecoverySpecification: {
      pointInTimeRecoveryEnabled: true,
      recoveryPeriodInDays: 30,
    },
    sseSpecification: { kmsMasterKeyId: keyArn },
  });
  const table = new dynamodb.CfnGlobalTable(stack, 'Addresses', {
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    billingMode: 'PAY_PER_REQUEST',
    sseSpecification: { sseEnabled: true, sseType: 'KMS' },
    timeToLiveSpecification: { enabled: true, attributeName: 'expiresAt' },
    streamSpecification: { streamViewType: 'NEW_AND_OLD_IMAGES' },
    replicas: [
      replica('eu-west-1', key.keyArn),
      replica(
        'us-east-1',
        'arn:aws:kms:us-east-1:111111111111:key/33333333-3333-3333-3333-333333333333',
      ),
    ],
  });
  table.applyRemovalPolicy(RemovalPolicy.RETAIN);
  notifying(
    new cloudwatch.Alarm(stack, 'AddressesReads', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ConsumedReadCapacityUnits',
        dimensionsMap: { TableName: table.ref },
      }),
      threshold: 10000,
      evaluationPeriods: 1,
    }),
  );
  acknowledgeOrganizationBaseline(stack);
  // The replicas are tables: the organization trail's data events of AWS::DynamoDB::Table log them.
  acknowledgeOrganizationDataEvents(stack);
  return stack;
}

/** A pii Kinesis stream under a customer key, keeping records 7 days. */
function kinesisStack(app: App): Stack {
  const stack = new Stack(app, 'Stream');
  const key = customerKey(stack, 'Key');
  const stream = classify(
    new kinesis.Stream(stack, 'Events', {
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: key,
      retentionPeriod: Duration.days(7),
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  notifying(
    new cloudwatch.Alarm(stack, 'EventsReads', {
      metric: stream.metricGetRecordsBytes(),
      threshold: 1e9,
      evaluationPeriods: 1,
    }),
  );
  acknowledgeOrganizationBaseline(stack);
  return stack;
}

/**
 * A backup plan that selects pii stores by tag and by an ARN pattern, for stores it cannot
 * reference (tables of another team, named by convention).
 */
function taggedBackupStack(app: App): Stack {
  const stack = new Stack(app, 'TaggedBackup', { env: ENV });
  const key = customerKey(stack, 'Key');
  const table = classify(
    new dynamodb.Table(stack, 'Ledger', {
      tableName: 'ledger',
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 30,
      },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  tableAlarm(stack, table);
  const plan = crossRegionBackupPlan(stack);
  plan.addSelection('ByTag', {
    resources: [backup.BackupResource.fromTag('dpp:data-class', DataClass.PII)],
  });
  plan.addSelection('ByPattern', {
    resources: [
      backup.BackupResource.fromArn(
        `arn:aws:dynamodb:${stack.region}:${stack.account}:table/ledger*`,
      ),
    ],
  });
  acknowledgeOrganizationBaseline(stack);
  acknowledgeOrganizationDataEvents(stack);
  return stack;
}

/** A pii table backed up only by an ARN pattern that names it. */
function arnPatternBackupStack(app: App): Stack {
  const stack = new Stack(app, 'ArnPatternBackup', { env: ENV });
  const key = customerKey(stack, 'Key');
  const table = classify(
    new dynamodb.Table(stack, 'Refunds', {
      tableName: 'refunds-eu',
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 30,
      },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  tableAlarm(stack, table);
  crossRegionBackupPlan(stack).addSelection('Refunds', {
    resources: [
      backup.BackupResource.fromArn(
        `arn:aws:dynamodb:${stack.region}:${stack.account}:table/refunds-*`,
      ),
    ],
  });
  acknowledgeOrganizationBaseline(stack);
  acknowledgeOrganizationDataEvents(stack);
  return stack;
}

describe('compliant storage raises no DppChecks finding', () => {
  const stacks: Record<string, (app: App) => Stack> = {
    'a pii bucket with access logs, alarm and backup': piiBucketStack,
    'an amazon-data bucket in L1 with a hand-written TLS policy': amazonDataL1BucketStack,
    'a pii table with alarm and backup': piiTableStack,
    'a replicated TableV2 (tags on the replicas)': replicatedTableV2Stack,
    'a pii L1 global table with tags on each replica': piiGlobalTableL1Stack,
    'a pii Kinesis stream under a customer key': kinesisStack,
    'a backup plan selecting by tag and by ARN pattern': taggedBackupStack,
    'a pii table backed up by an ARN pattern only': arnPatternBackupStack,
  };

  test.each(Object.entries(stacks))('%s', (_name, build) => {
    expect(dppFindings(build(idiomApp()))).toEqual([]);
  });
});
