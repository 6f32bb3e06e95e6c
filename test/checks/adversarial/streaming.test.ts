import {
  aws_amazonmq as mq,
  aws_athena as athena,
  aws_datasync as datasync,
  aws_dms as dms,
  aws_ec2 as ec2,
  aws_efs as efs,
  aws_events as events,
  aws_glue as glue,
  aws_iam as iam,
  aws_kinesisfirehose as firehose,
  aws_kms as kms,
  aws_msk as msk,
  aws_opensearchserverless as aoss,
  aws_s3 as s3,
  aws_sagemaker as sagemaker,
  aws_stepfunctions as sfn,
  aws_transfer as transfer,
  CfnParameter,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf } from '../rule-helpers';

/**
 * The same weakness written in another shape than the rule tests use (an override, an escape
 * hatch, a default left in place, a parameter, an imported resource): each must still be found.
 */

/** A compliant provisioned MSK cluster: customer key, TLS only, IAM clients, private brokers. */
function safeCluster(stack: Stack): msk.CfnCluster {
  return new msk.CfnCluster(stack, 'Kafka', {
    clusterName: 'orders',
    kafkaVersion: '3.6.0',
    numberOfBrokerNodes: 3,
    brokerNodeGroupInfo: {
      clientSubnets: ['subnet-1', 'subnet-2', 'subnet-3'],
      instanceType: 'kafka.m5.large',
    },
    encryptionInfo: {
      encryptionAtRest: { dataVolumeKmsKeyId: new kms.Key(stack, 'Key').keyArn },
      encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
    },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
}

/** An ActiveMQ broker encrypted under a customer key, private, with `users`. */
function broker(stack: Stack, users: mq.CfnBroker.UserProperty[]): mq.CfnBroker {
  return new mq.CfnBroker(stack, 'Broker', {
    brokerName: 'orders',
    deploymentMode: 'SINGLE_INSTANCE',
    engineType: 'ACTIVEMQ',
    engineVersion: '5.18',
    hostInstanceType: 'mq.m5.large',
    publiclyAccessible: false,
    encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: new kms.Key(stack, 'Key').keyArn },
    users,
  });
}

describe('MSK bypass attempts', () => {
  test('an override that reopens plaintext clients on a compliant cluster is found', () => {
    const stack = testStack();
    safeCluster(stack).addPropertyOverride(
      'EncryptionInfo.EncryptionInTransit.ClientBroker',
      'TLS_PLAINTEXT',
    );
    expect(findingsOf(stack, 'MskTransitEncrypted')).toEqual([
      'DPP-MskTransitEncrypted[ClientBrokerPlaintext]',
    ]);
  });

  test('deleting the at-rest block falls back to the AWS managed key and is found', () => {
    const stack = testStack();
    safeCluster(stack).addPropertyDeletionOverride('EncryptionInfo.EncryptionAtRest');
    expect(findingsOf(stack, 'MskClusterKmsEncrypted')).toEqual([
      'DPP-MskClusterKmsEncrypted[NoCustomerManagedKey]',
    ]);
  });

  test('mutual TLS listed with certificate authorities but turned off admits anyone', () => {
    const stack = testStack();
    const cluster = safeCluster(stack);
    cluster.addPropertyDeletionOverride('ClientAuthentication.Sasl');
    cluster.addPropertyOverride('ClientAuthentication.Tls', {
      Enabled: false,
      CertificateAuthorityArnList: ['arn:aws:acm-pca:::ca'],
    });
    expect(findingsOf(stack, 'MskClientAuthenticated')).toEqual([
      'DPP-MskClientAuthenticated[Unauthenticated]',
    ]);
  });

  test('unauthenticated access switched by a parameter cannot be judged', () => {
    const stack = testStack();
    const open = new CfnParameter(stack, 'AllowAnonymous', { type: 'String' });
    safeCluster(stack).addPropertyOverride(
      'ClientAuthentication.Unauthenticated.Enabled',
      open.valueAsString,
    );
    expect(findingsOf(stack, 'MskClientAuthenticated')).toEqual([
      'DPP-MskClientAuthenticated[Unresolved::Unauthenticated]',
    ]);
  });

  test('a cluster is a data store: retained with RETAIN, reported without', () => {
    const stack = testStack();
    safeCluster(stack).applyRemovalPolicy(RemovalPolicy.RETAIN);
    expect(findingsOf(stack, 'DataStoreRetained')).toEqual([]);
    const other = testStack('Other');
    safeCluster(other);
    expect(findingsOf(other, 'DataStoreRetained')).toEqual([
      'DPP-DataStoreRetained[DeletionPolicy]',
      'DPP-DataStoreRetained[UpdateReplacePolicy]',
    ]);
  });
});

describe('Firehose bypass attempts', () => {
  test('an escape hatch that swaps the customer key for an AWS-owned one is found', () => {
    const stack = testStack();
    const stream = new firehose.DeliveryStream(stack, 'Stream', {
      destination: new firehose.S3Bucket(new s3.Bucket(stack, 'Bucket')),
      encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    (stream.node.defaultChild as firehose.CfnDeliveryStream).addPropertyOverride(
      'DeliveryStreamEncryptionConfigurationInput.KeyType',
      'AWS_OWNED_CMK',
    );
    expect(findingsOf(stack, 'FirehoseKmsEncrypted')).toEqual([
      'DPP-FirehoseKmsEncrypted[NoCustomerManagedKey]',
    ]);
  });

  test('an imported destination bucket without an encryption key is found', () => {
    const stack = testStack();
    new firehose.DeliveryStream(stack, 'Stream', {
      destination: new firehose.S3Bucket(s3.Bucket.fromBucketName(stack, 'Landing', 'landing')),
      encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    expect(findingsOf(stack, 'FirehoseKmsEncrypted')).toEqual([
      'DPP-FirehoseKmsEncrypted[DestinationNotKms]',
    ]);
  });

  test('an unencrypted bucket of the app as destination is found on the bucket itself', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    new firehose.DeliveryStream(stack, 'Stream', {
      destination: new firehose.S3Bucket(bucket),
      encryption: firehose.StreamEncryption.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    expect(findingsOf(stack, 'FirehoseKmsEncrypted')).toEqual([]);
    expect(findingsOf(stack, 'S3BucketKmsEncrypted')).toEqual(['DPP-S3BucketKmsEncrypted[NotKms]']);
  });
});

describe('Amazon MQ bypass attempts', () => {
  test('turning off the AWS-owned key to name the aws/mq alias is found', () => {
    const stack = testStack();
    broker(stack, []).addPropertyOverride('EncryptionOptions.KmsKeyId', 'alias/aws/mq');
    expect(findingsOf(stack, 'MqBrokerKmsEncrypted')).toEqual([
      'DPP-MqBrokerKmsEncrypted[AwsManagedKey]',
    ]);
  });

  test('a password unwrapped from a plain-text SecretValue is a literal', () => {
    const stack = testStack();
    broker(stack, [
      { username: 'app', password: SecretValue.unsafePlainText('hunter22hunter').unsafeUnwrap() },
    ]);
    expect(findingsOf(stack, 'MqBrokerNoLiteralPassword')).toEqual([
      'DPP-MqBrokerNoLiteralPassword[LiteralPassword::app]',
    ]);
  });

  test('a broker has no deletion protection to ask for: only the policies are judged', () => {
    const stack = testStack();
    broker(stack, []).applyRemovalPolicy(RemovalPolicy.RETAIN);
    expect(findingsOf(stack, 'DataStoreRetained')).toEqual([]);
  });
});

describe('EventBridge bypass attempts', () => {
  test('deleting the key of an L2 bus through its L1 is found', () => {
    const stack = testStack();
    const bus = new events.EventBus(stack, 'Bus', { kmsKey: new kms.Key(stack, 'Key') });
    (bus.node.defaultChild as events.CfnEventBus).addPropertyDeletionOverride('KmsKeyIdentifier');
    expect(findingsOf(stack, 'EventsKmsEncrypted')).toEqual([
      'DPP-EventsKmsEncrypted[NoCustomerManagedKey]',
    ]);
  });

  test('an archive with a zero-day retention keeps events forever and is found', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const bus = classify(new events.EventBus(stack, 'Bus', { kmsKey: key }), DataClass.PII);
    new events.Archive(stack, 'Archive', {
      sourceEventBus: bus,
      eventPattern: { source: ['orders'] },
      retention: Duration.days(0),
      kmsKey: key,
    });
    expect(findingsOf(stack, 'EventArchiveRetentionByClass')).toEqual([
      'DPP-EventArchiveRetentionByClass[RetentionTooLong]',
    ]);
  });
});

describe('Step Functions bypass attempts', () => {
  test('a customer-managed type naming the aws/states alias is found', () => {
    const stack = testStack();
    new sfn.CfnStateMachine(stack, 'Machine', {
      roleArn: 'arn:aws:iam::111122223333:role/states',
      definitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: 'alias/aws/states' },
    });
    expect(findingsOf(stack, 'StepFunctionsKmsEncrypted')).toEqual([
      'DPP-StepFunctionsKmsEncrypted[AwsManagedKey]',
    ]);
  });
});

describe('EFS transit bypass attempts', () => {
  const deny = (principal: iam.IPrincipal, actions: string[]) =>
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [principal],
      actions,
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    });

  test('denying only writes without TLS still lets clients mount and read in plaintext', () => {
    const stack = testStack();
    const files = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    files.addToResourcePolicy(deny(new iam.AnyPrincipal(), ['elasticfilesystem:ClientWrite']));
    expect(findingsOf(stack, 'EfsTlsOnly')).toEqual(['DPP-EfsTlsOnly[SecureTransport]']);
  });

  test('denying plaintext mounts to one role leaves every other principal free', () => {
    const stack = testStack();
    const files = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    files.addToResourcePolicy(
      deny(new iam.ArnPrincipal('arn:aws:iam::111122223333:role/app'), ['elasticfilesystem:*']),
    );
    expect(findingsOf(stack, 'EfsTlsOnly')).toEqual(['DPP-EfsTlsOnly[SecureTransport]']);
  });
});

describe('Transfer and DataSync bypass attempts', () => {
  test('FTP added to a compliant server by an override is found', () => {
    const stack = testStack();
    const server = new transfer.CfnServer(stack, 'Server', {
      protocols: ['SFTP'],
      securityPolicyName: 'TransferSecurityPolicy-2024-01',
      endpointType: 'VPC',
      endpointDetails: { vpcId: 'vpc-1', subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
    });
    server.addPropertyOverride('Protocols', ['SFTP', 'FTP']);
    expect(findingsOf(stack, 'TransferTransitEncrypted')).toEqual([
      'DPP-TransferTransitEncrypted[PlaintextFtp]',
    ]);
  });

  test('an FSx for ONTAP SMB location left to negotiate its version is found', () => {
    const stack = testStack();
    new datasync.CfnLocationFSxONTAP(stack, 'Ontap', {
      securityGroupArns: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1'],
      storageVirtualMachineArn:
        'arn:aws:fsx:eu-west-1:111122223333:storage-virtual-machine/fs-1/svm-1',
      protocol: { smb: { user: 'sync', password: 'x', mountOptions: { version: 'AUTOMATIC' } } },
    });
    expect(findingsOf(stack, 'DataSyncTransitEncrypted')).toEqual([
      'DPP-DataSyncTransitEncrypted[NoSmb3]',
    ]);
  });
});

describe('Glue and Athena bypass attempts', () => {
  test('a second S3 encryption entry that is DISABLED is found beside a KMS one', () => {
    const stack = testStack();
    const kmsKeyArn = new kms.Key(stack, 'Key').keyArn;
    new glue.CfnSecurityConfiguration(stack, 'Security', {
      name: 'etl',
      encryptionConfiguration: {
        s3Encryptions: [
          { s3EncryptionMode: 'SSE-KMS', kmsKeyArn },
          { s3EncryptionMode: 'DISABLED' },
        ],
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn },
      },
    });
    expect(findingsOf(stack, 'GlueSecurityConfigurationEncrypted')).toEqual([
      'DPP-GlueSecurityConfigurationEncrypted[S3NotKms]',
    ]);
  });

  test('a workgroup whose enforcement is turned off by an override is found', () => {
    const stack = testStack();
    const group = new athena.CfnWorkGroup(stack, 'WorkGroup', {
      name: 'analysts',
      workGroupConfiguration: {
        resultConfiguration: {
          encryptionConfiguration: {
            encryptionOption: 'SSE_KMS',
            kmsKey: new kms.Key(stack, 'Key').keyArn,
          },
        },
      },
    });
    group.addPropertyOverride('WorkGroupConfiguration.EnforceWorkGroupConfiguration', false);
    expect(findingsOf(stack, 'AthenaWorkGroupEncrypted')).toEqual([
      'DPP-AthenaWorkGroupEncrypted[ClientOverride]',
    ]);
  });
});

describe('SageMaker and S3 access point bypass attempts', () => {
  test('a notebook in a VPC subnet that keeps direct internet access is found', () => {
    const stack = testStack();
    new sagemaker.CfnNotebookInstance(stack, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: 'arn:aws:iam::111122223333:role/sagemaker',
      subnetId: 'subnet-1',
      securityGroupIds: ['sg-1'],
    });
    expect(findingsOf(stack, 'SageMakerNotPublic')).toEqual([
      'DPP-SageMakerNotPublic[DirectInternetAccess]',
    ]);
  });

  test('an override that turns off one Block Public Access setting is found', () => {
    const stack = testStack();
    const point = new s3.CfnAccessPoint(stack, 'AccessPoint', { bucket: 'orders' });
    point.addPropertyOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets', 'false');
    expect(findingsOf(stack, 'S3AccessPointPublicAccessBlocked')).toEqual([
      'DPP-S3AccessPointPublicAccessBlocked[RestrictPublicBuckets]',
    ]);
  });
});

describe('DMS bypass attempts', () => {
  test('deleting PubliclyAccessible falls back to a public instance and is found', () => {
    const stack = testStack();
    const replication = new dms.CfnReplicationInstance(stack, 'Replication', {
      replicationInstanceClass: 'dms.t3.medium',
      publiclyAccessible: false,
      kmsKeyId: new kms.Key(stack, 'Key').keyArn,
    });
    replication.addPropertyDeletionOverride('PubliclyAccessible');
    expect(findingsOf(stack, 'DmsReplicationInstanceNotPublic')).toEqual([
      'DPP-DmsReplicationInstanceNotPublic[PubliclyAccessible]',
    ]);
  });

  test('an engine name in capitals still gets its TLS judged', () => {
    const stack = testStack();
    new dms.CfnEndpoint(stack, 'Endpoint', {
      endpointType: 'source',
      engineName: 'POSTGRES',
      serverName: 'db.example.internal',
      port: 5432,
      databaseName: 'orders',
    });
    expect(findingsOf(stack, 'DmsEndpointTls')).toEqual(['DPP-DmsEndpointTls[NoTls]']);
  });
});

describe('OpenSearch Serverless bypass attempts', () => {
  test('a wildcard network policy written for every collection opens this one too', () => {
    const stack = testStack();
    new aoss.CfnSecurityPolicy(stack, 'Network', {
      name: 'all-public',
      type: 'network',
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: 'collection', Resource: ['collection/*'] }],
          AllowFromPublic: true,
        },
      ]),
    });
    new aoss.CfnCollection(stack, 'Collection', { name: 'orders' });
    expect(findingsOf(stack, 'DataStoreNotPublic')).toEqual([
      'DPP-DataStoreNotPublic[PubliclyAccessible]',
    ]);
  });
});
