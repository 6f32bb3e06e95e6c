import {
  App,
  CfnResource,
  Stack,
  aws_cassandra as cassandra,
  aws_docdb as docdb,
  aws_ec2 as ec2,
  aws_elasticache as elasticache,
  aws_memorydb as memorydb,
  aws_opensearchserverless as aoss,
  aws_rds as rds,
  aws_redshift as redshift,
} from 'aws-cdk-lib';
import { findings, testApp, testStack } from '../../helpers';
import { findingsOf } from '../rule-helpers';

/**
 * The same database weaknesses written the ways a user might try to slip them past the pack:
 * L2 helpers, strings for booleans, escape-hatch overrides, groups in another stack.
 */

function isolatedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

const warehouse = {
  clusterType: 'single-node',
  dbName: 'orders',
  masterUsername: 'admin',
  manageMasterPassword: true,
  nodeType: 'ra3.large',
};

/** The findings of one rule, with the path of the resource each is on. */
function pathsOf(scope: Stack, id: string): string[] {
  return findings(scope)
    .filter((f) => f.rule.startsWith(`DPP-${id}[`))
    .map((f) => `${f.rule} ${f.path}`);
}

describe('TLS through parameter groups', () => {
  test('an L2 Aurora cluster whose parameter group turns force_ssl off with addParameter', () => {
    const stack = testStack();
    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: rds.AuroraPostgresEngineVersion.VER_16_4,
    });
    const parameterGroup = new rds.ParameterGroup(stack, 'Params', {
      engine,
      parameters: { 'rds.force_ssl': '1' },
    });
    parameterGroup.addParameter('rds.force_ssl', '0');
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine,
      parameterGroup,
      vpc: isolatedVpc(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('Writer'),
    });
    expect(pathsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsNotForced::rds.force_ssl] Test/Params/Resource',
    ]);
    expect(findingsOf(stack, 'RdsTlsEnforced')).toEqual([]);
  });

  test('an L2 Aurora MySQL cluster that forces TLS but still accepts TLS 1.1', () => {
    const stack = testStack();
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({
        version: rds.AuroraMysqlEngineVersion.VER_3_08_0,
      }),
      parameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.1,TLSv1.2' },
      vpc: isolatedVpc(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('Writer'),
    });
    expect(findingsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsBelow12::tls_version]',
    ]);
    expect(findingsOf(stack, 'RdsTlsEnforced')).toEqual([]);
  });

  test('a parameter group that forces TLS, undone by addPropertyOverride', () => {
    const stack = testStack();
    const group = new rds.CfnDBParameterGroup(stack, 'Params', {
      family: 'postgres14',
      description: 'tls',
      parameters: { 'rds.force_ssl': '1' },
    });
    group.addPropertyOverride('Parameters.rds\\.force_ssl', '0');
    new rds.CfnDBInstance(stack, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
      engineVersion: '14.12',
      dbParameterGroupName: group.ref,
    });
    expect(findingsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsNotForced::rds.force_ssl]',
    ]);
  });

  test('a Redshift parameter group in another stack that does not require SSL', () => {
    const app = testApp();
    const shared = new Stack(app, 'Shared');
    const group = new redshift.CfnClusterParameterGroup(shared, 'Params', {
      description: 'shared',
      parameterGroupFamily: 'redshift-1.0',
      parameters: [{ parameterName: 'require_ssl', parameterValue: 'false' }],
    });
    const data = new Stack(app, 'Data');
    new redshift.CfnCluster(data, 'Warehouse', {
      ...warehouse,
      clusterParameterGroupName: group.ref,
    });
    expect(pathsOf(shared, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsNotForced::require_ssl] Shared/Params',
    ]);
    expect(findingsOf(data, 'DataStoreTransitEncrypted')).toEqual([]);
  });

  test('a DocumentDB parameter group in another stack that leaves tls at enabled', () => {
    const app: App = testApp();
    const shared = new Stack(app, 'Shared');
    const parameterGroup = new docdb.ClusterParameterGroup(shared, 'Params', {
      family: 'docdb5.0',
      parameters: { tls: 'enabled' },
    });
    const data = new Stack(app, 'Data');
    new docdb.DatabaseCluster(data, 'Docs', {
      masterUser: { username: 'admin' },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
      vpc: isolatedVpc(data),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      parameterGroup,
    });
    expect(findingsOf(shared, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsBelow12::tls]',
    ]);
    expect(findingsOf(data, 'DataStoreTransitEncrypted')).toEqual([]);
  });

  test('a DocumentDB cluster that names the default group literally still accepts TLS 1.0', () => {
    const stack = testStack();
    new docdb.CfnDBCluster(stack, 'Docs', {
      dbClusterParameterGroupName: 'default.docdb5.0',
      storageEncrypted: true,
    });
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([
      'DPP-DataStoreTransitEncrypted[TlsBelow12]',
    ]);
  });

  test('an Aurora MySQL 2 (5.7) cluster that forces TLS but keeps the default TLS versions', () => {
    const stack = testStack();
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({
        version: rds.AuroraMysqlEngineVersion.VER_2_12_0,
      }),
      parameters: { require_secure_transport: 'ON' },
      vpc: isolatedVpc(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.provisioned('Writer'),
    });
    expect(findingsOf(stack, 'RdsTlsEnforced')).toEqual(['DPP-RdsTlsEnforced[TlsBelow12]']);
  });

  test('a cluster that names a group by a literal name is not trusted', () => {
    const stack = testStack();
    new redshift.CfnCluster(stack, 'Warehouse', {
      ...warehouse,
      clusterParameterGroupName: 'tls-required-i-promise',
    });
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([
      'DPP-DataStoreTransitEncrypted[TlsNotForced]',
    ]);
  });
});

describe('flags written as strings or overridden', () => {
  test('an L1 Redshift cluster with Encrypted "false" and a public override', () => {
    const stack = testStack();
    const cluster = new redshift.CfnCluster(stack, 'Warehouse', {
      ...warehouse,
      encrypted: true,
      publiclyAccessible: false,
    });
    cluster.addPropertyOverride('Encrypted', 'false');
    cluster.addPropertyOverride('PubliclyAccessible', true);
    expect(findingsOf(stack, 'DataStoreCustomerKey')).toEqual([
      'DPP-DataStoreCustomerKey[NotEncrypted]',
    ]);
    expect(findingsOf(stack, 'DataStoreNotPublic')).toEqual([
      'DPP-DataStoreNotPublic[PubliclyAccessible]',
    ]);
  });

  test('an L2 DocumentDB cluster whose encryption is overridden off', () => {
    const stack = testStack();
    const cluster = new docdb.DatabaseCluster(stack, 'Docs', {
      masterUser: { username: 'admin' },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
      vpc: isolatedVpc(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    (cluster.node.defaultChild as CfnResource).addPropertyOverride('StorageEncrypted', false);
    expect(findingsOf(stack, 'DataStoreCustomerKey')).toEqual([
      'DPP-DataStoreCustomerKey[NotEncrypted]',
    ]);
  });

  test('an RDS proxy with RequireTLS written as the string "false"', () => {
    const stack = testStack();
    const proxy = new rds.CfnDBProxy(stack, 'Proxy', {
      auth: [{ authScheme: 'SECRETS', secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' }],
      dbProxyName: 'proxy',
      engineFamily: 'MYSQL',
      roleArn: 'arn:aws:iam::111122223333:role/proxy',
      vpcSubnetIds: ['subnet-1'],
      requireTls: true,
    });
    proxy.addPropertyOverride('RequireTLS', 'false');
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([
      'DPP-DataStoreTransitEncrypted[TlsNotForced]',
    ]);
  });

  test('a MemoryDB cluster switched to open access and plaintext by overrides', () => {
    const stack = testStack();
    const cluster = new memorydb.CfnCluster(stack, 'Cache', {
      aclName: 'orders-users',
      clusterName: 'orders',
      nodeType: 'db.t4g.small',
      tlsEnabled: true,
    });
    cluster.addPropertyOverride('ACLName', 'open-access');
    cluster.addPropertyOverride('TLSEnabled', 'false');
    expect(findingsOf(stack, 'DataStoreAuthenticated')).toEqual([
      'DPP-DataStoreAuthenticated[OpenAccess]',
    ]);
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([
      'DPP-DataStoreTransitEncrypted[TlsNotForced]',
    ]);
  });

  test('an ElastiCache group moved to preferred (plaintext accepted) by an override', () => {
    const stack = testStack();
    const group = new elasticache.CfnReplicationGroup(stack, 'Cache', {
      replicationGroupDescription: 'cache',
      engine: 'valkey',
      cacheNodeType: 'cache.t4g.micro',
      transitEncryptionEnabled: true,
    });
    group.addPropertyOverride('TransitEncryptionMode', 'preferred');
    expect(findingsOf(stack, 'ElastiCacheTransitEncrypted')).toEqual([
      'DPP-ElastiCacheTransitEncrypted[PlaintextAccepted]',
    ]);
  });

  test('an ElastiCache group whose auth token is deleted by an override', () => {
    const stack = testStack();
    const group = new elasticache.CfnReplicationGroup(stack, 'Cache', {
      replicationGroupDescription: 'cache',
      engine: 'valkey',
      cacheNodeType: 'cache.t4g.micro',
      transitEncryptionEnabled: true,
      authToken: '{{resolve:secretsmanager:cache:SecretString:token}}',
    });
    group.addPropertyDeletionOverride('AuthToken');
    expect(findingsOf(stack, 'DataStoreAuthenticated')).toEqual([
      'DPP-DataStoreAuthenticated[NoAuthentication]',
    ]);
  });

  test('a Keyspaces table that asks for a customer key but names the AWS managed one', () => {
    const stack = testStack();
    new cassandra.CfnTable(stack, 'Table', {
      keyspaceName: 'orders',
      partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
      encryptionSpecification: {
        encryptionType: 'CUSTOMER_MANAGED_KMS_KEY',
        kmsKeyIdentifier: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/cassandra',
      },
    });
    expect(findingsOf(stack, 'DataStoreCustomerKey')).toEqual([
      'DPP-DataStoreCustomerKey[AwsManagedKey]',
    ]);
  });

  test('a Redshift cluster that turns automated snapshots off', () => {
    const stack = testStack();
    new redshift.CfnCluster(stack, 'Warehouse', {
      ...warehouse,
      automatedSnapshotRetentionPeriod: 0,
    });
    expect(findingsOf(stack, 'DataStoreRetained')).toContain('DPP-DataStoreRetained[NoBackups]');
  });
});

describe('OpenSearch Serverless policies written as JSON text', () => {
  test('a network policy whose second rule set opens a collection to the internet', () => {
    const stack = testStack();
    new aoss.CfnSecurityPolicy(stack, 'Network', {
      name: 'network',
      type: 'network',
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: 'collection', Resource: ['collection/logs'] }],
          AllowFromPublic: false,
          SourceVPCEs: ['vpce-1'],
        },
        {
          Rules: [{ ResourceType: 'dashboard', Resource: ['collection/orders'] }],
          AllowFromPublic: true,
        },
      ]),
    });
    expect(findingsOf(stack, 'DataStoreNotPublic')).toEqual([
      'DPP-DataStoreNotPublic[PubliclyAccessible]',
    ]);
  });

  test('a collection whose own encryption config asks for the AWS owned key', () => {
    const stack = testStack();
    new aoss.CfnSecurityPolicy(stack, 'Keyed', {
      name: 'keyed',
      type: 'encryption',
      policy: JSON.stringify({
        Rules: [{ ResourceType: 'collection', Resource: ['collection/orders'] }],
        AWSOwnedKey: false,
        KmsARN: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
      }),
    });
    new aoss.CfnCollection(stack, 'Orders', {
      name: 'orders',
      encryptionConfig: { awsOwnedKey: true },
    });
    expect(pathsOf(stack, 'DataStoreCustomerKey')).toEqual([
      'DPP-DataStoreCustomerKey[NoCustomerManagedKey] Test/Orders',
    ]);
  });
});
