import {
  Aws,
  CfnParameter,
  Duration,
  SecretValue,
  Stack,
  aws_amazonmq as mq,
  aws_datasync as datasync,
  aws_dms as dms,
  aws_glue as glue,
  aws_iam as iam,
  aws_kinesisfirehose as firehose,
  aws_kinesisvideo as kinesisvideo,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_msk as msk,
  aws_s3express as s3express,
  aws_s3tables as s3tables,
  aws_sagemaker as sagemaker,
  aws_secretsmanager as secretsmanager,
  aws_transfer as transfer,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/**
 * The weaknesses of the stream, transfer, ETL, machine-learning, function and secret rules
 * written in other shapes than the obvious one: L1 instead of L2, property overrides, values as
 * text, absent properties that leave the service default, parameters and references across
 * stacks. Each must still give exactly its finding.
 */

const ROLE = 'arn:aws:iam::111122223333:role/service';

/** A customer-managed key of `stack`. */
function keyOf(stack: Stack, id = 'Key'): kms.Key {
  return new kms.Key(stack, id);
}

/** A small L2 function with the given environment. */
function fn(stack: Stack, environment?: Record<string, string>): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    environment,
  });
}

describe('S3DirectoryBucketKmsEncrypted sees through', () => {
  const ID = 'S3DirectoryBucketKmsEncrypted';
  const bucket = { dataRedundancy: 'SingleAvailabilityZone', locationName: 'use1-az4--x-s3' };

  test('SSE-KMS without a key named is flagged: there is no customer key', () => {
    const stack = testStack();
    new s3express.CfnDirectoryBucket(stack, 'Bucket', {
      ...bucket,
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an override back to AES256 on a KMS bucket is flagged', () => {
    const stack = testStack();
    const directory = new s3express.CfnDirectoryBucket(stack, 'Bucket', {
      ...bucket,
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: keyOf(stack).keyArn,
            },
          },
        ],
      },
    });
    directory.addPropertyOverride(
      'BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault',
      { SSEAlgorithm: 'AES256' },
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a deletion override of the encryption leaves the SSE-S3 default', () => {
    const stack = testStack();
    const directory = new s3express.CfnDirectoryBucket(stack, 'Bucket', {
      ...bucket,
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: keyOf(stack).keyArn,
            },
          },
        ],
      },
    });
    directory.addDeletionOverride('Properties.BucketEncryption');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotKms]`]);
  });

  test('a key of another stack of the app complies', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const stack = new Stack(app, 'Data');
    new s3express.CfnDirectoryBucket(stack, 'Bucket', {
      ...bucket,
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: keyOf(keys).keyArn,
            },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('S3TableBucketKmsEncrypted sees through', () => {
  const ID = 'S3TableBucketKmsEncrypted';

  test('an override that drops the key of a KMS table bucket is flagged', () => {
    const stack = testStack();
    const tables = new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: { sseAlgorithm: 'aws:kms', kmsKeyArn: keyOf(stack).keyArn },
    });
    tables.addDeletionOverride('Properties.EncryptionConfiguration.KMSKeyArn');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an AWS managed key alias is flagged', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: {
        sseAlgorithm: 'aws:kms',
        kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a key given by a parameter cannot be judged', () => {
    const stack = testStack();
    new s3tables.CfnTableBucket(stack, 'Tables', {
      tableBucketName: 'orders',
      encryptionConfiguration: { sseAlgorithm: 'aws:kms', kmsKeyArn: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KMSKeyArn]`]);
  });

  test('a customer key set by an override on a bucket without encryption complies', () => {
    const stack = testStack();
    const tables = new s3tables.CfnTableBucket(stack, 'Tables', { tableBucketName: 'orders' });
    tables.addPropertyOverride('EncryptionConfiguration', {
      SSEAlgorithm: 'aws:kms',
      KMSKeyArn: keyOf(stack).keyArn,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** A provisioned MSK cluster with the given settings over a minimal broker group. */
function cluster(
  stack: Stack,
  props: Partial<msk.CfnClusterProps> = {},
  connectivityInfo?: msk.CfnCluster.ConnectivityInfoProperty,
): msk.CfnCluster {
  return new msk.CfnCluster(stack, 'Kafka', {
    clusterName: 'orders',
    kafkaVersion: '3.6.0',
    numberOfBrokerNodes: 3,
    brokerNodeGroupInfo: {
      clientSubnets: ['subnet-1', 'subnet-2', 'subnet-3'],
      instanceType: 'kafka.m5.large',
      connectivityInfo,
    },
    ...props,
  });
}

describe('MskTopicAccessControlled sees through', () => {
  const ID = 'MskTopicAccessControlled';
  const SCRAM = { sasl: { scram: { enabled: true } } };
  const MTLS = { tls: { enabled: true, certificateAuthorityArnList: ['arn:aws:acm-pca:ca'] } };

  /** A cluster authenticating with `auth` that runs a configuration of `where`. */
  function configured(
    where: Stack,
    stack: Stack,
    serverProperties: string,
    auth: msk.CfnCluster.ClientAuthenticationProperty = SCRAM,
  ): void {
    const configuration = new msk.CfnConfiguration(where, 'Configuration', {
      name: 'orders',
      serverProperties,
    });
    cluster(stack, {
      clientAuthentication: auth,
      configurationInfo: { arn: configuration.attrArn, revision: 1 },
    });
  }

  test('a later line that sets it back to true wins, as it does in Kafka', () => {
    const stack = testStack();
    configured(
      stack,
      stack,
      'allow.everyone.if.no.acl.found=false\nauto.create.topics.enable=false\nallow.everyone.if.no.acl.found=true\n',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('a mutual-TLS cluster on the default configuration is flagged', () => {
    const stack = testStack();
    cluster(stack, { clientAuthentication: MTLS });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('an override that drops the configuration of a SCRAM cluster is flagged', () => {
    const stack = testStack();
    configured(stack, stack, 'allow.everyone.if.no.acl.found=false');
    const kafka = stack.node.findChild('Kafka') as msk.CfnCluster;
    kafka.addDeletionOverride('Properties.ConfigurationInfo');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('SCRAM enabled as the text true is judged', () => {
    const stack = testStack();
    cluster(stack).addPropertyOverride('ClientAuthentication.Sasl.Scram.Enabled', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('a configuration of another stack that says false, with a colon, complies', () => {
    const app = testApp();
    const shared = new Stack(app, 'Shared');
    const stack = new Stack(app, 'Data');
    configured(shared, stack, 'allow.everyone.if.no.acl.found: false');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('MskClusterNotPublic sees through', () => {
  const ID = 'MskClusterNotPublic';

  test('public addresses set by an override are flagged', () => {
    const stack = testStack();
    cluster(stack).addPropertyOverride(
      'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type',
      'SERVICE_PROVIDED_EIPS',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicAccess]`]);
  });

  test('a public access type given by a parameter cannot be judged', () => {
    const stack = testStack();
    const type = new CfnParameter(stack, 'PublicAccessType', {
      allowedValues: ['DISABLED', 'SERVICE_PROVIDED_EIPS'],
    });
    cluster(stack, {}, { publicAccess: { type: type.valueAsString } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PublicAccess]`]);
  });

  test('a cluster that reaches other VPCs only through private connectivity complies', () => {
    const stack = testStack();
    // Multi-VPC private connectivity gives no public address: it is not internet reachability.
    cluster(
      stack,
      {},
      { vpcConnectivity: { clientAuthentication: { sasl: { iam: { enabled: true } } } } },
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** An HTTP-endpoint delivery stream to `url`, its backup into a bucket. */
function httpStream(stack: Stack, url: string): firehose.CfnDeliveryStream {
  return new firehose.CfnDeliveryStream(stack, 'Stream', {
    httpEndpointDestinationConfiguration: {
      endpointConfiguration: { url },
      s3Configuration: { bucketArn: 'arn:aws:s3:::backup', roleArn: ROLE },
    },
  });
}

describe('FirehoseDestinationTls sees through', () => {
  const ID = 'FirehoseDestinationTls';

  test('an http URL in capitals is flagged', () => {
    const stack = testStack();
    httpStream(stack, 'HTTP://collector.example.com/ingest');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextEndpoint]`]);
  });

  test('an http URL joined from a parameter keeps its plaintext scheme', () => {
    const stack = testStack();
    httpStream(stack, `http://${unresolvedString(stack, 'Host')}/ingest`);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextEndpoint]`]);
  });

  test('an override of the URL to http is flagged', () => {
    const stack = testStack();
    httpStream(stack, 'https://collector.example.com/ingest').addPropertyOverride(
      'HttpEndpointDestinationConfiguration.EndpointConfiguration.Url',
      'http://collector.example.com/ingest',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextEndpoint]`]);
  });

  test('an OpenSearch destination named by its domain ARN (HTTPS by the service) complies', () => {
    const stack = testStack();
    new firehose.CfnDeliveryStream(stack, 'Stream', {
      amazonopensearchserviceDestinationConfiguration: {
        domainArn: 'arn:aws:es:us-east-1:111122223333:domain/orders',
        indexName: 'orders',
        roleArn: ROLE,
        s3Configuration: { bucketArn: 'arn:aws:s3:::backup', roleArn: ROLE },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('KinesisVideoStreamKmsEncrypted sees through', () => {
  const ID = 'KinesisVideoStreamKmsEncrypted';

  test('an override that removes the key leaves the AWS managed key', () => {
    const stack = testStack();
    const stream = new kinesisvideo.CfnStream(stack, 'Video', { kmsKeyId: keyOf(stack).keyArn });
    stream.addDeletionOverride('Properties.KmsKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('the AWS managed key by its full alias ARN is flagged', () => {
    const stack = testStack();
    new kinesisvideo.CfnStream(stack, 'Video', {
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/kinesisvideo',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an empty key id is the AWS managed key too', () => {
    const stack = testStack();
    new kinesisvideo.CfnStream(stack, 'Video', { kmsKeyId: '' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a key of another stack of the app complies', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const stack = new Stack(app, 'Video');
    new kinesisvideo.CfnStream(stack, 'Video', { kmsKeyId: keyOf(keys).keyArn });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('KinesisVideoStreamRetentionByClass sees through', () => {
  const ID = 'KinesisVideoStreamRetentionByClass';

  test('a retention written as text is read as a number', () => {
    const stack = testStack();
    const stream = new kinesisvideo.CfnStream(stack, 'Video', { dataRetentionInHours: 24 });
    classify(stream, DataClass.PII).addPropertyOverride('DataRetentionInHours', '721');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('a class given as an L1 tag and a retention set by an override are judged', () => {
    const stack = testStack();
    const stream = new kinesisvideo.CfnStream(stack, 'Video', {
      dataRetentionInHours: 24,
      tags: [{ key: 'dpp:data-class', value: DataClass.AMAZON_DATA }],
    });
    stream.addPropertyOverride('DataRetentionInHours', 19 * 31 * 24);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RetentionTooLong]`]);
  });

  test('a retention given by a parameter cannot be judged', () => {
    const stack = testStack();
    const hours = new CfnParameter(stack, 'Hours', { type: 'Number', default: 24 });
    classify(
      new kinesisvideo.CfnStream(stack, 'Video', { dataRetentionInHours: hours.valueAsNumber }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DataRetentionInHours]`]);
  });

  test('an amazon-data stream keeping 18 months (as text) complies', () => {
    const stack = testStack();
    const stream = new kinesisvideo.CfnStream(stack, 'Video', { dataRetentionInHours: 24 });
    classify(stream, DataClass.AMAZON_DATA).addPropertyOverride(
      'DataRetentionInHours',
      String(18 * 30 * 24),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** An ActiveMQ broker with the given accessibility. */
function broker(stack: Stack, publiclyAccessible: boolean): mq.CfnBroker {
  return new mq.CfnBroker(stack, 'Broker', {
    brokerName: 'orders',
    deploymentMode: 'SINGLE_INSTANCE',
    engineType: 'ACTIVEMQ',
    engineVersion: '5.18',
    hostInstanceType: 'mq.t3.micro',
    publiclyAccessible,
    users: [{ username: 'app', password: '{{resolve:secretsmanager:mq:SecretString:password}}' }],
  });
}

describe('MqBrokerNotPublic sees through', () => {
  const ID = 'MqBrokerNotPublic';

  test('public access written as the text true is flagged', () => {
    const stack = testStack();
    broker(stack, false).addPropertyOverride('PubliclyAccessible', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('public access set by an override of a private broker is flagged', () => {
    const stack = testStack();
    broker(stack, false).addPropertyOverride('PubliclyAccessible', true);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('a flag given by a parameter cannot be judged', () => {
    const stack = testStack();
    const open = new CfnParameter(stack, 'Public', { allowedValues: ['true', 'false'] });
    broker(stack, false).addPropertyOverride('PubliclyAccessible', open.valueAsString);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PubliclyAccessible]`]);
  });

  test('the text false complies', () => {
    const stack = testStack();
    broker(stack, true).addPropertyOverride('PubliclyAccessible', 'false');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('TransferServerNotPublic sees through', () => {
  const ID = 'TransferServerNotPublic';

  test('an override from VPC back to PUBLIC is flagged', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {
      endpointType: 'VPC',
      endpointDetails: { vpcId: 'vpc-1', subnetIds: ['subnet-1'] },
    }).addPropertyOverride('EndpointType', 'PUBLIC');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('a deletion override of the endpoint type leaves the PUBLIC default', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', {
      endpointType: 'VPC',
      endpointDetails: { vpcId: 'vpc-1', subnetIds: ['subnet-1'] },
    }).addDeletionOverride('Properties.EndpointType');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicEndpoint]`]);
  });

  test('an endpoint type from a parameter cannot be judged', () => {
    const stack = testStack();
    new transfer.CfnServer(stack, 'Server', { endpointType: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EndpointType]`]);
  });

  test('an internet-facing VPC endpoint complies: its security groups filter callers', () => {
    const stack = testStack();
    // Elastic IPs on a VPC endpoint still pass the security groups, which the network rules judge.
    new transfer.CfnServer(stack, 'Server', {
      endpointType: 'VPC',
      endpointDetails: {
        vpcId: 'vpc-1',
        subnetIds: ['subnet-1'],
        addressAllocationIds: ['eipalloc-1'],
        securityGroupIds: ['sg-1'],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('DataSyncNoLiteralCredential sees through', () => {
  const ID = 'DataSyncNoLiteralCredential';

  test('an FSx for ONTAP SMB password set by an override is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationFSxONTAP(stack, 'Ontap', {
      securityGroupArns: ['arn:aws:ec2:us-east-1:111122223333:security-group/sg-1'],
      storageVirtualMachineArn: 'arn:aws:fsx:us-east-1:111122223333:storage-virtual-machine/svm',
      protocol: {
        smb: {
          user: 'sync',
          password: '{{resolve:secretsmanager:smb:SecretString:p}}',
          mountOptions: { version: 'SMB3' },
        },
      },
    }).addPropertyOverride('Protocol.SMB.Password', 'hunter22');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::Password]`]);
  });

  test('an Azure SAS token as a literal is flagged', () => {
    const stack = testStack();
    new datasync.CfnLocationAzureBlob(stack, 'Azure', {
      agentArns: ['arn:aws:datasync:us-east-1:111122223333:agent/agent-1'],
      azureBlobAuthenticationType: 'SAS',
      azureBlobContainerUrl: 'https://orders.blob.core.windows.net/exports',
      azureBlobSasConfiguration: { azureBlobSasToken: 'sp=r&st=2026-01-01&sig=abc' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::AzureBlobSasToken]`]);
  });

  test('an object storage secret key from an SSM SecureString reference is not Secrets Manager', () => {
    const stack = testStack();
    new datasync.CfnLocationObjectStorage(stack, 'Objects', {
      agentArns: ['arn:aws:datasync:us-east-1:111122223333:agent/agent-1'],
      bucketName: 'exports',
      serverHostname: 'objects.example.com',
      serverProtocol: 'HTTPS',
      accessKey: 'AKIAEXAMPLE',
      secretKey: '{{resolve:ssm-secure:/sync/secret-key:1}}',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::SecretKey]`]);
  });

  test('an SMB location that reads its password from a secret of the app complies', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'SmbSecret');
    new datasync.CfnLocationSMB(stack, 'Smb', {
      agentArns: ['arn:aws:datasync:us-east-1:111122223333:agent/agent-1'],
      serverHostname: 'files.example.internal',
      subdirectory: '/exports',
      user: 'sync',
      password: secret.secretValueFromJson('password').unsafeUnwrap(),
      mountOptions: { version: 'SMB3' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** A replication instance with the given settings. */
function replication(
  stack: Stack,
  props: Partial<dms.CfnReplicationInstanceProps> = {},
): dms.CfnReplicationInstance {
  return new dms.CfnReplicationInstance(stack, 'Replication', {
    replicationInstanceClass: 'dms.t3.medium',
    publiclyAccessible: false,
    ...props,
  });
}

describe('DmsReplicationInstanceKmsEncrypted sees through', () => {
  const ID = 'DmsReplicationInstanceKmsEncrypted';

  test('an override that removes the key leaves the AWS managed key', () => {
    const stack = testStack();
    replication(stack, { kmsKeyId: keyOf(stack).keyArn }).addDeletionOverride(
      'Properties.KmsKeyId',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('the aws/dms alias by its ARN is flagged', () => {
    const stack = testStack();
    replication(stack, { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/dms' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a key given by a parameter cannot be judged', () => {
    const stack = testStack();
    replication(stack, { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('an alias of the app over a customer key complies', () => {
    const stack = testStack();
    const alias = new kms.Alias(stack, 'Alias', {
      aliasName: 'alias/replication',
      targetKey: keyOf(stack),
    });
    replication(stack, { kmsKeyId: alias.aliasArn });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** A source endpoint of `engineName` with the given settings. */
function endpoint(
  stack: Stack,
  engineName: string,
  props: Partial<dms.CfnEndpointProps> = {},
): dms.CfnEndpoint {
  return new dms.CfnEndpoint(stack, 'Endpoint', {
    endpointType: 'source',
    engineName,
    serverName: 'db.example.internal',
    port: 5432,
    databaseName: 'orders',
    username: 'replicator',
    ...props,
  });
}

describe('DmsEndpointNoLiteralPassword sees through', () => {
  const ID = 'DmsEndpointNoLiteralPassword';

  test('a MongoDB password in the engine settings is flagged', () => {
    const stack = testStack();
    endpoint(stack, 'mongodb', {
      mongoDbSettings: { authType: 'password', username: 'replicator', password: 'hunter22' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::MongoDbSettings.Password]`]);
  });

  test('a Redis auth password and an Oracle ASM password are flagged, each once', () => {
    const stack = testStack();
    endpoint(stack, 'redis', {
      redisSettings: { authType: 'auth-token', authPassword: 'hunter22' },
    });
    const oracle = testStack('Oracle');
    endpoint(oracle, 'oracle', {
      password: '{{resolve:secretsmanager:oracle:SecretString:password}}',
      oracleSettings: { asmPassword: 'hunter22', securityDbEncryption: 'tde-password' },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::AuthPassword]`]);
    expect(findingsOf(oracle, ID)).toEqual([
      `DPP-${ID}[LiteralPassword::AsmPassword]`,
      `DPP-${ID}[LiteralPassword::SecurityDbEncryption]`,
    ]);
  });

  test('a password set by an override of a secret-backed endpoint is flagged', () => {
    const stack = testStack();
    endpoint(stack, 'postgres', {
      postgreSqlSettings: { secretsManagerSecretId: 'db', secretsManagerAccessRoleArn: ROLE },
    }).addPropertyOverride('Password', 'hunter22');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::Password]`]);
  });

  test('a Kafka client key password from a NoEcho parameter is still kept by the stack', () => {
    const stack = testStack();
    const secret = new CfnParameter(stack, 'KeyPassword', { noEcho: true });
    endpoint(stack, 'kafka', {
      kafkaSettings: { broker: 'b-1:9094', sslClientKeyPassword: secret.valueAsString },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::SslClientKeyPassword]`]);
  });

  test('a SQL Server endpoint reading a secret of the app complies', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Db');
    endpoint(stack, 'sqlserver', {
      microsoftSqlServerSettings: {
        secretsManagerSecretId: secret.secretArn,
        secretsManagerAccessRoleArn: ROLE,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** The account's catalog settings with `atRest` and `passwords`. */
function catalogSettings(
  stack: Stack,
  atRest: glue.CfnDataCatalogEncryptionSettings.EncryptionAtRestProperty,
  passwords: glue.CfnDataCatalogEncryptionSettings.ConnectionPasswordEncryptionProperty,
): glue.CfnDataCatalogEncryptionSettings {
  return new glue.CfnDataCatalogEncryptionSettings(stack, 'Catalog', {
    catalogId: '111122223333',
    dataCatalogEncryptionSettings: {
      encryptionAtRest: atRest,
      connectionPasswordEncryption: passwords,
    },
  });
}

describe('GlueDataCatalogEncrypted sees through', () => {
  const ID = 'GlueDataCatalogEncrypted';

  test('password encryption written as the text false is flagged', () => {
    const stack = testStack();
    const kmsKeyId = keyOf(stack).keyArn;
    catalogSettings(
      stack,
      { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: kmsKeyId },
      { returnConnectionPasswordEncrypted: true, kmsKeyId },
    ).addPropertyOverride(
      'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
      'false',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PasswordsNotEncrypted]`]);
  });

  test('the aws/glue alias for the catalog and a mode disabled by an override are flagged', () => {
    const stack = testStack();
    const kmsKeyId = keyOf(stack).keyArn;
    catalogSettings(
      stack,
      { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: 'alias/aws/glue' },
      { returnConnectionPasswordEncrypted: true, kmsKeyId },
    );
    const other = testStack('Other');
    const otherKey = keyOf(other).keyArn;
    catalogSettings(
      other,
      { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: otherKey },
      { returnConnectionPasswordEncrypted: true, kmsKeyId: otherKey },
    ).addPropertyOverride(
      'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode',
      'DISABLED',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[CatalogNotEncrypted]`]);
  });

  test('encrypted passwords without a key name no customer key', () => {
    const stack = testStack();
    catalogSettings(
      stack,
      { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: keyOf(stack).keyArn },
      { returnConnectionPasswordEncrypted: true },
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('SSE-KMS with a service role, the text true and keys of another stack comply', () => {
    const app = testApp();
    const keys = new Stack(app, 'Keys');
    const stack = new Stack(app, 'Catalog');
    const kmsKeyId = keyOf(keys).keyArn;
    catalogSettings(
      stack,
      {
        catalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
        catalogEncryptionServiceRole: ROLE,
        sseAwsKmsKeyId: kmsKeyId,
      },
      { returnConnectionPasswordEncrypted: false, kmsKeyId },
    ).addPropertyOverride(
      'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
      'true',
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** An L1 Glue job with the given settings. */
function job(stack: Stack, props: Partial<glue.CfnJobProps> = {}): glue.CfnJob {
  return new glue.CfnJob(stack, 'Job', {
    role: ROLE,
    command: { name: 'glueetl', scriptLocation: 's3://scripts/etl.py' },
    ...props,
  });
}

describe('GlueJobSecurityConfiguration sees through', () => {
  const ID = 'GlueJobSecurityConfiguration';

  test('an override that drops the security configuration is flagged', () => {
    const stack = testStack();
    job(stack, { securityConfiguration: 'etl' }).addDeletionOverride(
      'Properties.SecurityConfiguration',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoSecurityConfiguration]`]);
  });

  test('an empty name is no security configuration', () => {
    const stack = testStack();
    job(stack, { securityConfiguration: '' });
    const crawler = testStack('Crawler');
    new glue.CfnCrawler(crawler, 'Crawler', {
      role: ROLE,
      targets: { s3Targets: [{ path: 's3://orders/' }] },
      crawlerSecurityConfiguration: '',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoSecurityConfiguration]`]);
    expect(findingsOf(crawler, ID)).toEqual([`DPP-${ID}[NoSecurityConfiguration]`]);
  });

  test('a crawler whose configuration is given by a parameter cannot be judged', () => {
    const stack = testStack();
    new glue.CfnCrawler(stack, 'Crawler', {
      role: ROLE,
      targets: { s3Targets: [{ path: 's3://orders/' }] },
      crawlerSecurityConfiguration: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::CrawlerSecurityConfiguration]`]);
  });

  test('a job naming a security configuration of another stack complies', () => {
    const app = testApp();
    const shared = new Stack(app, 'Shared');
    const stack = new Stack(app, 'Etl');
    const security = new glue.CfnSecurityConfiguration(shared, 'Security', {
      name: 'etl',
      encryptionConfiguration: {},
    });
    job(stack, { securityConfiguration: security.ref });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

/** A Glue connection of `connectionType` with the given connection properties. */
function connection(
  stack: Stack,
  connectionType: string,
  properties: Record<string, unknown>,
): glue.CfnConnection {
  return new glue.CfnConnection(stack, 'Connection', {
    catalogId: '111122223333',
    connectionInput: { connectionType, connectionProperties: properties },
  });
}

describe('GlueConnectionTls sees through', () => {
  const ID = 'GlueConnectionTls';
  const JDBC_URL = 'jdbc:postgresql://db:5432/orders';

  test('KAFKA_SSL_ENABLED as FALSE in capitals is read as Glue reads it', () => {
    const stack = testStack();
    connection(stack, 'KAFKA', {
      KAFKA_BOOTSTRAP_SERVERS: 'b-1:9092',
      KAFKA_SSL_ENABLED: 'FALSE',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEnforceSsl]`]);
  });

  test('an override that turns JDBC_ENFORCE_SSL off is flagged', () => {
    const stack = testStack();
    connection(stack, 'JDBC', {
      JDBC_CONNECTION_URL: JDBC_URL,
      JDBC_ENFORCE_SSL: 'true',
    }).addPropertyOverride('ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL', 'false');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEnforceSsl]`]);
  });

  test('a connection type given by a parameter cannot be judged', () => {
    const stack = testStack();
    connection(stack, unresolvedString(stack), { JDBC_CONNECTION_URL: JDBC_URL });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ConnectionType]`]);
  });

  test('JDBC_ENFORCE_SSL as TRUE in capitals, or a boolean, complies', () => {
    const stack = testStack();
    connection(stack, 'JDBC', { JDBC_CONNECTION_URL: JDBC_URL, JDBC_ENFORCE_SSL: 'TRUE' });
    const other = testStack('Other');
    connection(other, 'JDBC', { JDBC_CONNECTION_URL: JDBC_URL, JDBC_ENFORCE_SSL: true });
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(other, ID)).toEqual([]);
  });
});

describe('GlueConnectionNoLiteralPassword sees through', () => {
  const ID = 'GlueConnectionNoLiteralPassword';

  test('a Kafka SCRAM password as a literal is flagged', () => {
    const stack = testStack();
    connection(stack, 'KAFKA', {
      KAFKA_BOOTSTRAP_SERVERS: 'b-1:9096',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_SCRAM_USERNAME: 'etl',
      KAFKA_SASL_SCRAM_PASSWORD: 'hunter22',
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[LiteralPassword::KAFKA_SASL_SCRAM_PASSWORD]`,
    ]);
  });

  test('a password added by an override of a SECRET_ID connection is flagged', () => {
    const stack = testStack();
    connection(stack, 'JDBC', {
      JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/orders',
      SECRET_ID: 'orders-db',
    }).addPropertyOverride('ConnectionInput.ConnectionProperties.PASSWORD', 'hunter22');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::PASSWORD]`]);
  });

  test('a password from a parameter is kept by the stack', () => {
    const stack = testStack();
    connection(stack, 'JDBC', {
      JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/orders',
      USERNAME: 'etl',
      PASSWORD: new CfnParameter(stack, 'DbPassword', { noEcho: true }).valueAsString,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::PASSWORD]`]);
  });

  test('a password read from a secret of the app by dynamic reference complies', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Db');
    connection(stack, 'JDBC', {
      JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/orders',
      USERNAME: 'etl',
      PASSWORD: secret.secretValueFromJson('password').unsafeUnwrap(),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SageMakerKmsEncrypted sees through', () => {
  const ID = 'SageMakerKmsEncrypted';

  test('an endpoint that captures payloads, enabled as text, under aws/sagemaker is flagged', () => {
    const stack = testStack();
    new sagemaker.CfnEndpointConfig(stack, 'Endpoint', {
      kmsKeyId: keyOf(stack).keyArn,
      productionVariants: [
        {
          variantName: 'main',
          modelName: 'orders',
          initialInstanceCount: 1,
          instanceType: 'ml.m5.large',
        },
      ],
      dataCaptureConfig: {
        enableCapture: false,
        initialSamplingPercentage: 100,
        destinationS3Uri: 's3://captures/',
        captureOptions: [{ captureMode: 'Input' }],
        kmsKeyId: 'alias/aws/sagemaker',
      },
    }).addPropertyOverride('DataCaptureConfig.EnableCapture', 'true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an override that removes the key of a domain is flagged', () => {
    const stack = testStack();
    new sagemaker.CfnDomain(stack, 'Domain', {
      authMode: 'IAM',
      domainName: 'orders',
      defaultUserSettings: { executionRole: ROLE },
      subnetIds: ['subnet-1'],
      vpcId: 'vpc-1',
      kmsKeyId: keyOf(stack).keyArn,
    }).addDeletionOverride('Properties.KmsKeyId');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a notebook key given by a parameter cannot be judged', () => {
    const stack = testStack();
    new sagemaker.CfnNotebookInstance(stack, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: ROLE,
      kmsKeyId: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  test('an endpoint whose capture is off as text needs no capture key', () => {
    const stack = testStack();
    new sagemaker.CfnEndpointConfig(stack, 'Endpoint', {
      kmsKeyId: keyOf(stack).keyArn,
      productionVariants: [
        {
          variantName: 'main',
          modelName: 'orders',
          initialInstanceCount: 1,
          instanceType: 'ml.m5.large',
        },
      ],
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: 100,
        destinationS3Uri: 's3://captures/',
        captureOptions: [{ captureMode: 'Input' }],
      },
    }).addPropertyOverride('DataCaptureConfig.EnableCapture', 'false');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SageMakerNotebookNoRootAccess sees through', () => {
  const ID = 'SageMakerNotebookNoRootAccess';

  /** A notebook with the given root access. */
  function notebook(stack: Stack, rootAccess?: string): sagemaker.CfnNotebookInstance {
    return new sagemaker.CfnNotebookInstance(stack, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: ROLE,
      rootAccess,
    });
  }

  test('an override that enables root access again is flagged', () => {
    const stack = testStack();
    notebook(stack, 'Disabled').addPropertyOverride('RootAccess', 'Enabled');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RootAccess]`]);
  });

  test('a deletion override leaves the Enabled default', () => {
    const stack = testStack();
    notebook(stack, 'Disabled').addDeletionOverride('Properties.RootAccess');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RootAccess]`]);
  });

  test('a setting from a parameter cannot be judged', () => {
    const stack = testStack();
    const access = new CfnParameter(stack, 'RootAccess', {
      allowedValues: ['Enabled', 'Disabled'],
    });
    notebook(stack, access.valueAsString);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RootAccess]`]);
  });

  test('Disabled set by an override on a default notebook complies', () => {
    const stack = testStack();
    notebook(stack).addPropertyOverride('RootAccess', 'Disabled');
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('LambdaNoLiteralSecrets sees through', () => {
  const ID = 'LambdaNoLiteralSecrets';

  test('a password under the short name DB_PASS is flagged', () => {
    const stack = testStack();
    fn(stack, { DB_PASS: 'hunter22', DB_PASSPHRASE: 'correct horse' });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[LiteralSecret::DB_PASS]`,
      `DPP-${ID}[LiteralSecret::DB_PASSPHRASE]`,
    ]);
  });

  test('a variable added later with addEnvironment is flagged', () => {
    const stack = testStack();
    fn(stack, { TABLE_NAME: 'orders' }).addEnvironment('Stripe_Api_Key', 'sk_live_abc');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::Stripe_Api_Key]`]);
  });

  test('a secret set by an override on the L2 function is flagged', () => {
    const stack = testStack();
    const node = fn(stack).node.defaultChild as lambda.CfnFunction;
    node.addPropertyOverride('Environment.Variables.CLIENT_SECRET', 'abc123');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::CLIENT_SECRET]`]);
  });

  test('a token from a NoEcho parameter is still kept by the stack', () => {
    const stack = testStack();
    const token = new CfnParameter(stack, 'Token', { noEcho: true });
    fn(stack, { SLACK_TOKEN: token.valueAsString });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecret::SLACK_TOKEN]`]);
  });

  test('the stack name and a secret of another stack are references, not secrets', () => {
    const app = testApp();
    const secrets = new Stack(app, 'Secrets');
    const stack = new Stack(app, 'Functions');
    const secret = new secretsmanager.Secret(secrets, 'Key');
    // A pseudo parameter and a cross-stack import carry no credential of their own.
    fn(stack, { TOKEN_SCOPE: Aws.STACK_NAME, API_SECRET: secret.secretName });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('names that only contain pass, and a secret by ARN, comply', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Key');
    // BYPASS_CACHE and PASSENGER_COUNT hold no credential; the ARN only says where one is kept.
    fn(stack, { BYPASS_CACHE: 'true', PASSENGER_COUNT: '4', API_KEY_ARN: secret.secretArn });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('LambdaNotPublic sees through', () => {
  const ID = 'LambdaNotPublic';

  test('a permission for everyone narrowed by a wildcard source ARN is flagged', () => {
    const stack = testStack();
    fn(stack).addPermission('Everyone', {
      principal: new iam.AnyPrincipal(),
      sourceArn: 'arn:aws:execute-api:us-east-1:*:*',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInvoke]`]);
  });

  test('a source ARN matching any bucket whose name anyone may take is flagged', () => {
    const stack = testStack();
    new lambda.CfnPermission(stack, 'Buckets', {
      action: 'lambda:InvokeFunction',
      functionName: 'orders',
      principal: '*',
      sourceArn: 'arn:aws:s3:::orders-*',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInvoke]`]);
  });

  test('an L2 URL switched to NONE by an override is flagged', () => {
    const stack = testStack();
    const url = fn(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    (url.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicUrl]`]);
  });

  test('a grant to everyone for URL invocation is flagged', () => {
    const stack = testStack();
    fn(stack).grantInvokeUrl(new iam.AnyPrincipal());
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicInvoke]`]);
  });

  test('everyone narrowed to one bucket of the app, or one account in the ARN, complies', () => {
    const stack = testStack();
    const f = fn(stack);
    f.addPermission('Api', {
      principal: new iam.AnyPrincipal(),
      sourceArn: `arn:aws:execute-api:us-east-1:${stack.account}:api-1/*`,
    });
    f.addPermission('Bucket', {
      principal: new iam.AnyPrincipal(),
      sourceArn: 'arn:aws:s3:::orders-exports',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SecretNoLiteralValue sees through', () => {
  const ID = 'SecretNoLiteralValue';

  test('an L2 secret built from plaintext fields is flagged', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret', {
      secretObjectValue: { username: SecretValue.unsafePlainText('app') },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecretString]`]);
  });

  test('a value written by an override of a generated secret is flagged', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const node = secret.node.defaultChild as secretsmanager.CfnSecret;
    node.addDeletionOverride('Properties.GenerateSecretString');
    node.addPropertyOverride('SecretString', 'hunter22');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecretString]`]);
  });

  test('an L1 secret generated by Secrets Manager with a template complies', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', {
      generateSecretString: {
        secretStringTemplate: '{"username":"app"}',
        generateStringKey: 'password',
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SecretKmsEncrypted sees through', () => {
  const ID = 'SecretKmsEncrypted';

  test('a replica without a key uses aws/secretsmanager in its region', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret', {
      encryptionKey: keyOf(stack),
      replicaRegions: [{ region: 'eu-west-1' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a replica under an AWS managed alias is flagged', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', {
      kmsKeyId: keyOf(stack).keyArn,
      replicaRegions: [{ region: 'eu-west-1', kmsKeyId: 'alias/aws/secretsmanager' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an override that removes the key of an L2 secret is flagged', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Secret', { encryptionKey: keyOf(stack) });
    (secret.node.defaultChild as secretsmanager.CfnSecret).addDeletionOverride(
      'Properties.KmsKeyId',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a replica key given by a parameter cannot be judged', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', {
      kmsKeyId: keyOf(stack).keyArn,
      replicaRegions: [{ region: 'eu-west-1', kmsKeyId: unresolvedString(stack) }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ReplicaRegions]`]);
  });

  test('a secret and its replica each under a customer key comply', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret', {
      encryptionKey: keyOf(stack),
      replicaRegions: [
        {
          region: 'eu-west-1',
          encryptionKey: kms.Key.fromKeyArn(
            stack,
            'Replica',
            'arn:aws:kms:eu-west-1:111122223333:key/1234',
          ),
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('SecretRotated sees through', () => {
  const ID = 'SecretRotated';

  /** A rotation function of `stack`. */
  function rotator(stack: Stack): lambda.Function {
    return new lambda.Function(stack, 'Rotator', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
  }

  test('a schedule of zero days rotates once and never again', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
      rotationLambda: rotator(stack),
      automaticallyAfter: Duration.days(0),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RotatedOnce]`]);
  });

  test('a schedule whose rules an override removes rotates once', () => {
    const stack = testStack();
    const schedule = new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
      rotationLambda: rotator(stack),
      automaticallyAfter: Duration.days(30),
    });
    (schedule.node.defaultChild as secretsmanager.CfnRotationSchedule).addDeletionOverride(
      'Properties.RotationRules',
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RotatedOnce]`]);
  });

  test('a schedule for another secret does not rotate this one', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Unrotated', { generateSecretString: {} });
    const other = new secretsmanager.CfnSecret(stack, 'Rotated', { generateSecretString: {} });
    new secretsmanager.CfnRotationSchedule(stack, 'Rotation', {
      secretId: other.ref,
      rotationRules: { automaticallyAfterDays: 30 },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoRotation]`]);
  });

  test('an L1 schedule by a schedule expression, in another stack, complies', () => {
    const app = testApp();
    const stack = new Stack(app, 'Secrets');
    const rotation = new Stack(app, 'Rotation');
    const secret = new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: {} });
    new secretsmanager.CfnRotationSchedule(rotation, 'Rotation', {
      secretId: secret.ref,
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:rotate',
      rotationRules: { scheduleExpression: 'rate(30 days)' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
