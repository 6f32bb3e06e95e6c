import {
  aws_kafkaconnect as kafkaconnect,
  aws_kms as kms,
  aws_msk as msk,
  Stack,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

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

/** A Kafka Connect connector with the given client authentication and transit encryption. */
function connector(stack: Stack, authenticationType: string, encryptionType: string): void {
  new kafkaconnect.CfnConnector(stack, 'Connector', {
    connectorName: 'orders-sink',
    kafkaConnectVersion: '2.7.1',
    capacity: { provisionedCapacity: { workerCount: 1, mcuCount: 1 } },
    connectorConfiguration: { 'connector.class': 'io.confluent.connect.s3.S3SinkConnector' },
    kafkaCluster: {
      apacheKafkaCluster: {
        bootstrapServers: 'b-1.orders:9098',
        vpc: { securityGroups: ['sg-1'], subnets: ['subnet-1'] },
      },
    },
    kafkaClusterClientAuthentication: { authenticationType },
    kafkaClusterEncryptionInTransit: { encryptionType },
    plugins: [{ customPlugin: { customPluginArn: 'arn:aws:kafkaconnect:::plugin', revision: 1 } }],
    serviceExecutionRoleArn: 'arn:aws:iam::111122223333:role/connect',
  });
}

const IAM_AUTH: msk.CfnCluster.ClientAuthenticationProperty = {
  sasl: { iam: { enabled: true } },
};

describe('MskClusterKmsEncrypted', () => {
  const ID = 'MskClusterKmsEncrypted';

  test('a cluster without a data volume key is flagged', () => {
    const stack = testStack();
    cluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a cluster with the aws/kafka alias is flagged', () => {
    const stack = testStack();
    cluster(stack, {
      encryptionInfo: { encryptionAtRest: { dataVolumeKmsKeyId: 'alias/aws/kafka' } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies; a no-amazon-data cluster is not judged', () => {
    const stack = testStack();
    cluster(stack, {
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKmsKeyId: new kms.Key(stack, 'Key').keyArn },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(cluster(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    cluster(stack, {
      encryptionInfo: { encryptionAtRest: { dataVolumeKmsKeyId: unresolvedString(stack) } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DataVolumeKMSKeyId]`]);
  });

  test('a serverless cluster, which only offers a key AWS manages, is flagged', () => {
    const stack = testStack();
    new msk.CfnServerlessCluster(stack, 'Serverless', {
      clusterName: 'events',
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: ['subnet-1', 'subnet-2'] }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ServiceManagedKey]`]);
  });
});

describe('MskTransitEncrypted', () => {
  const ID = 'MskTransitEncrypted';

  test.each(['TLS_PLAINTEXT', 'PLAINTEXT'])('ClientBroker %s is flagged', (clientBroker) => {
    const stack = testStack();
    cluster(stack, { encryptionInfo: { encryptionInTransit: { clientBroker } } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ClientBrokerPlaintext]`]);
  });

  test('plaintext replication between brokers is flagged', () => {
    const stack = testStack();
    cluster(stack, { encryptionInfo: { encryptionInTransit: { inCluster: false } } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[InClusterPlaintext]`]);
  });

  test('the defaults (TLS, in-cluster encryption) comply', () => {
    const stack = testStack();
    cluster(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved client-broker setting is reported', () => {
    const stack = testStack();
    cluster(stack, {
      encryptionInfo: { encryptionInTransit: { clientBroker: unresolvedString(stack) } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ClientBroker]`]);
  });

  test('a connector reaching its cluster in plaintext is flagged, over TLS it complies', () => {
    const stack = testStack();
    connector(stack, 'IAM', 'PLAINTEXT');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ClientBrokerPlaintext]`]);
    const other = testStack('Other');
    connector(other, 'IAM', 'TLS');
    expect(findingsOf(other, ID)).toEqual([]);
  });
});

describe('MskClientAuthenticated', () => {
  const ID = 'MskClientAuthenticated';

  test('a cluster without client authentication, which admits anyone, is flagged', () => {
    const stack = testStack();
    cluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unauthenticated]`]);
  });

  test('unauthenticated access beside IAM is flagged', () => {
    const stack = testStack();
    cluster(stack, {
      clientAuthentication: { ...IAM_AUTH, unauthenticated: { enabled: true } },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unauthenticated]`]);
  });

  test.each<[string, msk.CfnCluster.ClientAuthenticationProperty]>([
    ['IAM', IAM_AUTH],
    ['SASL/SCRAM', { sasl: { scram: { enabled: true } } }],
    ['mutual TLS', { tls: { certificateAuthorityArnList: ['arn:aws:acm-pca:::ca'] } }],
  ])('%s complies', (_, clientAuthentication) => {
    const stack = testStack();
    cluster(stack, { clientAuthentication });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved client authentication is reported', () => {
    const stack = testStack();
    const c = cluster(stack);
    c.addPropertyOverride('ClientAuthentication', { 'Fn::ImportValue': unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ClientAuthentication]`]);
  });

  test('a serverless cluster with IAM off is flagged', () => {
    const stack = testStack();
    new msk.CfnServerlessCluster(stack, 'Serverless', {
      clusterName: 'events',
      clientAuthentication: { sasl: { iam: { enabled: false } } },
      vpcConfigs: [{ subnetIds: ['subnet-1'] }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unauthenticated]`]);
  });

  test('a connector with NONE is flagged, with IAM it complies', () => {
    const stack = testStack();
    connector(stack, 'NONE', 'TLS');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unauthenticated]`]);
    const other = testStack('Other');
    connector(other, 'IAM', 'TLS');
    expect(findingsOf(other, ID)).toEqual([]);
  });
});

describe('MskClusterNotPublic', () => {
  const ID = 'MskClusterNotPublic';

  test('brokers with public addresses are flagged', () => {
    const stack = testStack();
    cluster(stack, {}, { publicAccess: { type: 'SERVICE_PROVIDED_EIPS' } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicAccess]`]);
  });

  test('the default and DISABLED comply', () => {
    const stack = testStack();
    cluster(stack, {}, { publicAccess: { type: 'DISABLED' } });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    cluster(other);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved public access type is reported', () => {
    const stack = testStack();
    cluster(stack, {}, { publicAccess: { type: unresolvedString(stack) } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PublicAccess]`]);
  });
});

describe('MskTopicAccessControlled', () => {
  const ID = 'MskTopicAccessControlled';
  const SCRAM: msk.CfnCluster.ClientAuthenticationProperty = { sasl: { scram: { enabled: true } } };

  /** A SCRAM cluster running a configuration of the app with `serverProperties`. */
  function configured(stack: Stack, serverProperties: string): void {
    const configuration = new msk.CfnConfiguration(stack, 'Configuration', {
      name: 'orders',
      serverProperties,
    });
    cluster(stack, {
      clientAuthentication: SCRAM,
      configurationInfo: { arn: configuration.attrArn, revision: 1 },
    });
  }

  test('a SCRAM cluster on the default configuration is flagged', () => {
    const stack = testStack();
    cluster(stack, { clientAuthentication: SCRAM });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('a configuration that keeps allow.everyone.if.no.acl.found=true is flagged', () => {
    const stack = testStack();
    configured(stack, 'auto.create.topics.enable=false\nallow.everyone.if.no.acl.found=true');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AllowEveryoneWithoutAcl]`]);
  });

  test('allow.everyone.if.no.acl.found=false complies; an IAM-only cluster is not judged', () => {
    const stack = testStack();
    configured(stack, 'auto.create.topics.enable=false\nallow.everyone.if.no.acl.found = false\n');
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    cluster(other, { clientAuthentication: IAM_AUTH });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a configuration outside the app cannot be judged', () => {
    const stack = testStack();
    cluster(stack, {
      clientAuthentication: SCRAM,
      configurationInfo: { arn: unresolvedString(stack), revision: 1 },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ConfigurationInfo]`]);
  });
});
