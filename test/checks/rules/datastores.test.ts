import {
  Stack,
  aws_cassandra as cassandra,
  aws_dax as dax,
  aws_docdb as docdb,
  aws_docdbelastic as docdbelastic,
  aws_ec2 as ec2,
  aws_elasticache as elasticache,
  aws_kms as kms,
  aws_lightsail as lightsail,
  aws_memorydb as memorydb,
  aws_neptune as neptune,
  aws_neptunegraph as neptunegraph,
  aws_opensearchserverless as aoss,
  aws_qldb as qldb,
  aws_rds as rds,
  aws_redshift as redshift,
  aws_redshiftserverless as redshiftserverless,
  aws_timestream as timestream,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { DATA_STORE_TYPES } from '../../../lib/checks/data-stores';
import { DATA_STORE_PROFILES } from '../../../lib/checks/rules/datastores/profiles';
import { findings, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/** The smallest L1 Redshift cluster. */
const cluster = {
  clusterType: 'single-node',
  dbName: 'orders',
  masterUsername: 'admin',
  manageMasterPassword: true,
  nodeType: 'ra3.large',
};

function redshiftCluster(stack: Stack, props: Partial<redshift.CfnClusterProps> = {}) {
  return new redshift.CfnCluster(stack, 'Warehouse', { ...cluster, ...props });
}

function docdbCluster(stack: Stack, props: Partial<docdb.DatabaseClusterProps> = {}) {
  return new docdb.DatabaseCluster(stack, 'Docs', {
    masterUser: { username: 'admin' },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
    vpc: new ec2.Vpc(stack, 'Vpc', {
      subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    }),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ...props,
  });
}

/** The smallest Lightsail MySQL database. */
const lightsailDb = {
  masterDatabaseName: 'orders',
  masterUsername: 'admin',
  relationalDatabaseBlueprintId: 'mysql_8_0',
  relationalDatabaseBundleId: 'micro_2_0',
  relationalDatabaseName: 'orders',
};

const influx = {
  allocatedStorage: 20,
  dbInstanceType: 'db.influx.medium',
  name: 'metrics',
  vpcSecurityGroupIds: ['sg-1'],
  vpcSubnetIds: ['subnet-1'],
};

const memoryDb = { aclName: 'orders-users', nodeType: 'db.t4g.small', clusterName: 'orders' };
const daxCluster = {
  iamRoleArn: 'arn:aws:iam::111122223333:role/dax',
  nodeType: 'dax.t3.small',
  replicationFactor: 1,
};

/** The paths of one rule's findings, as `rule path` lines. */
function pathsOf(stack: Stack, id: string): string[] {
  return findings(stack)
    .filter((f) => f.rule.startsWith(`DPP-${id}[`))
    .map((f) => `${f.rule} ${f.path}`);
}

describe('the profile table', () => {
  test('every store profile is a data store type, and no other profile is', () => {
    for (const profile of DATA_STORE_PROFILES) {
      expect([profile.type, DATA_STORE_TYPES.includes(profile.type)]).toEqual([
        profile.type,
        profile.store,
      ]);
    }
  });
});

describe('DataStoreCustomerKey', () => {
  const ID = 'DataStoreCustomerKey';

  test('a Redshift cluster left unencrypted is flagged', () => {
    const stack = testStack();
    redshiftCluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('an encrypted Redshift cluster without a key of its own is flagged', () => {
    const stack = testStack();
    redshiftCluster(stack, { encrypted: true });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a Redshift cluster encrypted with a customer-managed key complies', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    redshiftCluster(stack, { encrypted: true, kmsKeyId: key.keyArn });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L2 DocumentDB cluster encrypts with a key AWS manages unless given one', () => {
    const stack = testStack();
    docdbCluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
    const keyed = testStack();
    docdbCluster(keyed, { kmsKey: new kms.Key(keyed, 'Key', { enableKeyRotation: true }) });
    expect(findingsOf(keyed, ID)).toEqual([]);
  });

  test('a Neptune cluster is unencrypted by default', () => {
    const stack = testStack();
    new neptune.CfnDBCluster(stack, 'Graph', { iamAuthEnabled: true });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('Keyspaces, QLDB, Timestream, Redshift Serverless and Neptune Analytics default to keys AWS owns', () => {
    const stack = testStack();
    new cassandra.CfnTable(stack, 'Table', {
      keyspaceName: 'orders',
      partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
    });
    new qldb.CfnLedger(stack, 'Ledger', {
      permissionsMode: 'STANDARD',
      kmsKey: 'AWS_OWNED_KMS_KEY',
    });
    new timestream.CfnDatabase(stack, 'Metrics');
    new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'orders' });
    new neptunegraph.CfnGraph(stack, 'Analytics', { provisionedMemory: 16 });
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoCustomerManagedKey] Test/Analytics`,
      `DPP-${ID}[NoCustomerManagedKey] Test/Ledger`,
      `DPP-${ID}[NoCustomerManagedKey] Test/Metrics`,
      `DPP-${ID}[NoCustomerManagedKey] Test/Namespace`,
      `DPP-${ID}[NoCustomerManagedKey] Test/Table`,
    ]);
  });

  test('a Keyspaces table with a customer-managed key complies', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new cassandra.CfnTable(stack, 'Table', {
      keyspaceName: 'orders',
      partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
      encryptionSpecification: {
        encryptionType: 'CUSTOMER_MANAGED_KMS_KEY',
        kmsKeyIdentifier: key.keyArn,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('DAX encrypts at rest only when asked, and then only with a key AWS owns', () => {
    const plain = testStack();
    new dax.CfnCluster(plain, 'Cache', daxCluster);
    expect(findingsOf(plain, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
    const sse = testStack();
    new dax.CfnCluster(sse, 'Cache', { ...daxCluster, sseSpecification: { sseEnabled: true } });
    expect(findingsOf(sse, ID)).toEqual([`DPP-${ID}[AwsOwnedKeyOnly]`]);
  });

  test('a Lightsail database can use no key of its own', () => {
    const stack = testStack();
    new lightsail.CfnDatabase(stack, 'Db', lightsailDb);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKeyOnly]`]);
  });

  test('a store that holds no Amazon data is not judged', () => {
    const stack = testStack();
    classify(redshiftCluster(stack), DataClass.NO_AMAZON_DATA);
    classify(new memorydb.CfnCluster(stack, 'Cache', memoryDb), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new memorydb.CfnCluster(stack, 'Cache', { ...memoryDb, kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });

  describe('OpenSearch Serverless', () => {
    const policy = (stack: Stack, id: string, document: object) =>
      new aoss.CfnSecurityPolicy(stack, id, {
        name: id.toLowerCase(),
        type: 'encryption',
        policy: JSON.stringify(document),
      });
    const rules = [{ ResourceType: 'collection', Resource: ['collection/orders*'] }];

    test('an encryption policy with a key AWS owns is flagged on the policy, not on its collections', () => {
      const stack = testStack();
      policy(stack, 'Owned', { Rules: rules, AWSOwnedKey: true });
      new aoss.CfnCollection(stack, 'Orders', { name: 'orders-search' });
      expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey] Test/Owned`]);
    });

    test('a policy with a customer-managed key complies', () => {
      const stack = testStack();
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      policy(stack, 'Keyed', { Rules: rules, AWSOwnedKey: false, KmsARN: key.keyArn });
      new aoss.CfnCollection(stack, 'Orders', { name: 'orders-search' });
      expect(findingsOf(stack, ID)).toEqual([]);
    });

    test('a policy with a literal customer key ARN complies', () => {
      const stack = testStack();
      policy(stack, 'Keyed', {
        Rules: rules,
        AWSOwnedKey: false,
        KmsARN: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
      });
      new aoss.CfnCollection(stack, 'Orders', { name: 'orders-search' });
      expect(findingsOf(stack, ID)).toEqual([]);
    });

    test('a policy whose type the synth cannot resolve is reported', () => {
      const stack = testStack();
      new aoss.CfnSecurityPolicy(stack, 'Policy', {
        name: 'policy',
        type: unresolvedString(stack),
        policy: JSON.stringify({ Rules: rules, AWSOwnedKey: true }),
      });
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Type]`]);
    });

    test('a collection no policy of the app covers cannot be judged', () => {
      const stack = testStack();
      new aoss.CfnCollection(stack, 'Logs', { name: 'logs' });
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EncryptionPolicy]`]);
    });
  });
});

describe('DataStoreTransitEncrypted', () => {
  const ID = 'DataStoreTransitEncrypted';

  test('a Redshift cluster on the default parameter group is flagged', () => {
    const stack = testStack();
    redshiftCluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced]`]);
  });

  test('a Redshift cluster whose parameter group requires SSL complies', () => {
    const stack = testStack();
    const group = new redshift.CfnClusterParameterGroup(stack, 'Params', {
      description: 'tls',
      parameterGroupFamily: 'redshift-1.0',
      parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }],
    });
    redshiftCluster(stack, { clusterParameterGroupName: group.ref });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a DocumentDB cluster on the default group accepts TLS 1.0', () => {
    const stack = testStack();
    docdbCluster(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsBelow12]`]);
  });

  test('a DocumentDB cluster whose group sets tls1.2+ complies', () => {
    const stack = testStack();
    docdbCluster(stack, {
      parameterGroup: new docdb.ClusterParameterGroup(stack, 'Params', {
        family: 'docdb5.0',
        parameters: { tls: 'tls1.2+' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('MemoryDB uses TLS unless told not to', () => {
    const stack = testStack();
    new memorydb.CfnCluster(stack, 'On', memoryDb);
    new memorydb.CfnCluster(stack, 'Off', { ...memoryDb, tlsEnabled: false });
    expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced] Test/Off`]);
  });

  test('a DAX endpoint speaks plaintext unless its encryption type is TLS', () => {
    const stack = testStack();
    new dax.CfnCluster(stack, 'Plain', daxCluster);
    new dax.CfnCluster(stack, 'Tls', { ...daxCluster, clusterEndpointEncryptionType: 'TLS' });
    expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced] Test/Plain`]);
  });

  test('a Redshift Serverless workgroup requires SSL only through its config parameters', () => {
    const stack = testStack();
    new redshiftserverless.CfnWorkgroup(stack, 'Plain', { workgroupName: 'a' });
    new redshiftserverless.CfnWorkgroup(stack, 'Tls', {
      workgroupName: 'b',
      configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }],
    });
    expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced] Test/Plain`]);
  });

  test('an RDS proxy accepts plaintext unless it requires TLS', () => {
    const stack = testStack();
    const proxy = {
      auth: [
        {
          authScheme: 'SECRETS',
          secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db',
        },
      ],
      engineFamily: 'POSTGRESQL',
      roleArn: 'arn:aws:iam::111122223333:role/proxy',
      vpcSubnetIds: ['subnet-1'],
    };
    new rds.CfnDBProxy(stack, 'Plain', { ...proxy, dbProxyName: 'plain' });
    new rds.CfnDBProxy(stack, 'Tls', { ...proxy, dbProxyName: 'tls', requireTls: true });
    expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced] Test/Plain`]);
  });

  test('stores that accept TLS only are not judged', () => {
    const stack = testStack();
    new neptune.CfnDBCluster(stack, 'Graph');
    new timestream.CfnDatabase(stack, 'Metrics');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a Lightsail database requires TLS only through its database parameters', () => {
    const plain = testStack();
    new lightsail.CfnDatabase(plain, 'Db', lightsailDb);
    expect(findingsOf(plain, ID)).toEqual([`DPP-${ID}[TlsNotForced]`]);
    const tls = testStack();
    new lightsail.CfnDatabase(tls, 'Db', {
      ...lightsailDb,
      relationalDatabaseParameters: [
        { parameterName: 'require_secure_transport', parameterValue: 'ON' },
      ],
    });
    expect(findingsOf(tls, ID)).toEqual([]);
  });

  test('a MemoryDB multi-Region cluster without TLS is flagged', () => {
    const stack = testStack();
    new memorydb.CfnMultiRegionCluster(stack, 'Global', {
      nodeType: 'db.r7g.large',
      tlsEnabled: false,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced]`]);
  });

  test('a group parameter the synth cannot resolve is reported on the group, not the store', () => {
    const stack = testStack();
    const group = new redshift.CfnClusterParameterGroup(stack, 'Params', {
      description: 'tls',
      parameterGroupFamily: 'redshift-1.0',
      parameters: [{ parameterName: 'require_ssl', parameterValue: unresolvedString(stack) }],
    });
    redshiftCluster(stack, { clusterParameterGroupName: group.ref });
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[Unresolved::require_ssl]',
    ]);
  });

  test('an unresolved flag or group is reported', () => {
    const stack = testStack();
    new memorydb.CfnCluster(stack, 'Cache', {
      ...memoryDb,
      tlsEnabled: unresolvedString(stack) as unknown as boolean,
    });
    redshiftCluster(stack, { clusterParameterGroupName: unresolvedString(stack, 'Group') });
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[Unresolved::ClusterParameterGroupName] Test/Warehouse`,
      `DPP-${ID}[Unresolved::TLSEnabled] Test/Cache`,
    ]);
  });
});

describe('ParameterGroupTls', () => {
  const ID = 'ParameterGroupTls';

  const rdsGroup = (stack: Stack, family: string, parameters: Record<string, string>) =>
    new rds.CfnDBParameterGroup(stack, 'Params', { family, description: 'tls', parameters });

  test.each([
    ['mysql8.0', { require_secure_transport: 'OFF' }, 'TlsNotForced::require_secure_transport'],
    ['mysql8.0', { tls_version: 'TLSv1.1,TLSv1.2' }, 'TlsBelow12::tls_version'],
    ['postgres16', { ssl_min_protocol_version: 'TLSv1' }, 'TlsBelow12::ssl_min_protocol_version'],
    ['sqlserver-ee-16.0', { 'rds.tls11': 'enabled' }, 'TlsBelow12::rds.tls11'],
  ])('a %s group that sets %j is flagged', (family, parameters, finding) => {
    const stack = testStack();
    rdsGroup(stack, family, parameters);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[${finding}]`]);
  });

  test('a group that sets secure values, or none, complies', () => {
    const stack = testStack();
    rdsGroup(stack, 'aurora-mysql8.0', {
      require_secure_transport: 'ON',
      tls_version: 'TLSv1.2,TLSv1.3',
    });
    new rds.CfnDBClusterParameterGroup(stack, 'Cluster', {
      family: 'aurora-postgresql16',
      description: 'none',
      parameters: { timezone: 'UTC' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an Oracle option group that keeps TLS 1.0 is flagged', () => {
    const stack = testStack();
    new rds.CfnOptionGroup(stack, 'Options', {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: 'tls',
      optionConfigurations: [
        {
          optionName: 'SSL',
          optionSettings: [{ name: 'SQLNET.SSL_VERSION', value: '1.2 or 1.0' }],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsBelow12::sqlnet.ssl_version]`]);
  });

  test('Redshift and DocumentDB groups that turn TLS off are flagged on the group only', () => {
    const stack = testStack();
    const group = new redshift.CfnClusterParameterGroup(stack, 'Params', {
      description: 'tls',
      parameterGroupFamily: 'redshift-1.0',
      parameters: [{ parameterName: 'require_ssl', parameterValue: 'false' }],
    });
    redshiftCluster(stack, { clusterParameterGroupName: group.ref });
    new docdb.CfnDBClusterParameterGroup(stack, 'DocParams', {
      description: 'tls',
      family: 'docdb5.0',
      parameters: { tls: 'disabled' },
    });
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[TlsNotForced::require_ssl] Test/Params`,
      `DPP-${ID}[TlsNotForced::tls] Test/DocParams`,
    ]);
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([]);
  });

  test('an unresolved TLS parameter is reported', () => {
    const stack = testStack();
    rdsGroup(stack, 'postgres16', { 'rds.force_ssl': unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::rds.force_ssl]`]);
  });
});

describe('DataStoreNotPublic', () => {
  const ID = 'DataStoreNotPublic';

  test('public warehouses, graphs and graph instances are flagged', () => {
    const stack = testStack();
    redshiftCluster(stack, { publiclyAccessible: true });
    new neptunegraph.CfnGraph(stack, 'Analytics', {
      provisionedMemory: 16,
      publicConnectivity: true,
    });
    new neptune.CfnDBInstance(stack, 'Member', {
      dbInstanceClass: 'db.r6g.large',
      dbClusterIdentifier: 'graph',
      publiclyAccessible: true,
    });
    new redshiftserverless.CfnWorkgroup(stack, 'Workgroup', {
      workgroupName: 'w',
      publiclyAccessible: true,
    });
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[PubliclyAccessible] Test/Analytics`,
      `DPP-${ID}[PubliclyAccessible] Test/Member`,
      `DPP-${ID}[PubliclyAccessible] Test/Warehouse`,
      `DPP-${ID}[PubliclyAccessible] Test/Workgroup`,
    ]);
  });

  test('a public Timestream for InfluxDB instance is flagged', () => {
    const stack = testStack();
    new timestream.CfnInfluxDBInstance(stack, 'Influx', {
      ...influx,
      password: '{{resolve:secretsmanager:influx}}',
      publiclyAccessible: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('stores that leave it to the private default comply', () => {
    const stack = testStack();
    redshiftCluster(stack);
    new neptunegraph.CfnGraph(stack, 'Analytics', { provisionedMemory: 16 });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an OpenSearch Serverless network policy that allows public access is flagged', () => {
    const stack = testStack();
    new aoss.CfnSecurityPolicy(stack, 'Network', {
      name: 'network',
      type: 'network',
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: 'collection', Resource: ['collection/orders'] }],
          AllowFromPublic: true,
        },
      ]),
    });
    new aoss.CfnSecurityPolicy(stack, 'Private', {
      name: 'private',
      type: 'network',
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: 'collection', Resource: ['collection/logs'] }],
          AllowFromPublic: false,
          SourceVPCEs: ['vpce-1'],
        },
      ]),
    });
    expect(pathsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible] Test/Network`]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    redshiftCluster(stack, { publiclyAccessible: unresolvedString(stack) as unknown as boolean });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PubliclyAccessible]`]);
  });
});

describe('DataStoreAuthenticated', () => {
  const ID = 'DataStoreAuthenticated';

  test('a Neptune cluster without IAM authentication is flagged', () => {
    const stack = testStack();
    new neptune.CfnDBCluster(stack, 'Graph');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoIamAuthentication]`]);
  });

  test('a MemoryDB cluster on the open-access list is flagged', () => {
    const stack = testStack();
    new memorydb.CfnCluster(stack, 'Cache', { ...memoryDb, aclName: 'open-access' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OpenAccess]`]);
  });

  test('a literal Redshift master password is flagged; a managed one complies', () => {
    const stack = testStack();
    redshiftCluster(stack, { manageMasterPassword: false, masterUserPassword: 'Sup3rSecret!' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword]`]);
    const managed = testStack();
    redshiftCluster(managed);
    new neptune.CfnDBCluster(managed, 'Graph', { iamAuthEnabled: true });
    expect(findingsOf(managed, ID)).toEqual([]);
  });

  test('a password read from Secrets Manager complies', () => {
    const stack = testStack();
    new docdb.CfnDBCluster(stack, 'Docs', {
      masterUsername: 'admin',
      masterUserPassword: '{{resolve:secretsmanager:docs:SecretString:password}}',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an elastic DocumentDB cluster with a plain-text password is flagged, one with a secret complies', () => {
    const stack = testStack();
    const elastic = {
      adminUserName: 'admin',
      shardCapacity: 2,
      shardCount: 1,
      authType: 'PLAIN_TEXT',
      adminUserPassword: 'Sup3rSecret!',
    };
    new docdbelastic.CfnCluster(stack, 'Plain', { ...elastic, clusterName: 'plain' });
    new docdbelastic.CfnCluster(stack, 'Secret', {
      ...elastic,
      clusterName: 'secret',
      authType: 'SECRET_ARN',
      adminUserPassword: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:docs',
    });
    new timestream.CfnInfluxDBInstance(stack, 'Influx', { ...influx, password: 'influx-admin-1' });
    new lightsail.CfnDatabase(stack, 'Lightsail', lightsailDb);
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[LiteralPassword] Test/Influx`,
      `DPP-${ID}[LiteralPassword] Test/Plain`,
    ]);
  });

  test('an ElastiCache cache without a token or user group is flagged', () => {
    const stack = testStack();
    const group = {
      replicationGroupDescription: 'c',
      engine: 'valkey',
      cacheNodeType: 'cache.t4g.micro',
    };
    new elasticache.CfnReplicationGroup(stack, 'Open', group);
    new elasticache.CfnReplicationGroup(stack, 'Users', {
      ...group,
      userGroupIds: ['orders-users'],
    });
    new elasticache.CfnReplicationGroup(stack, 'Token', {
      ...group,
      authToken: '{{resolve:secretsmanager:cache:SecretString:token}}',
    });
    new elasticache.CfnReplicationGroup(stack, 'Literal', {
      ...group,
      authToken: 'a-long-literal-token',
    });
    new elasticache.CfnServerlessCache(stack, 'Serverless', {
      engine: 'valkey',
      serverlessCacheName: 's',
    });
    expect(pathsOf(stack, ID)).toEqual([
      `DPP-${ID}[LiteralPassword] Test/Literal`,
      `DPP-${ID}[NoAuthentication] Test/Open`,
      `DPP-${ID}[NoAuthentication] Test/Serverless`,
    ]);
  });

  test('an unresolved access list is reported', () => {
    const stack = testStack();
    new memorydb.CfnCluster(stack, 'Cache', { ...memoryDb, aclName: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::ACLName]`]);
  });
});
