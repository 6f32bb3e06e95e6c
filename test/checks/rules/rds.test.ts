import { Stack, aws_ec2 as ec2, aws_kms as kms, aws_rds as rds } from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

function isolatedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

const postgres = (version: rds.PostgresEngineVersion) =>
  rds.DatabaseInstanceEngine.postgres({ version });

/** The smallest L2 instance, with overrides. */
function instance(stack: Stack, props: Partial<rds.DatabaseInstanceProps> = {}) {
  return new rds.DatabaseInstance(stack, 'Db', {
    engine: postgres(rds.PostgresEngineVersion.VER_14),
    vpc: isolatedVpc(stack),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ...props,
  });
}

/** A compliant L2 instance. */
function compliantInstance(stack: Stack) {
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  return instance(stack, {
    engine: postgres(rds.PostgresEngineVersion.VER_16),
    storageEncrypted: true,
    storageEncryptionKey: key,
    publiclyAccessible: false,
    iamAuthentication: true,
    cloudwatchLogsExports: ['postgresql'],
  });
}

const l1Instance = { dbInstanceClass: 'db.t4g.micro', engine: 'mysql', allocatedStorage: '20' };

describe('RdsStorageEncrypted', () => {
  const ID = 'RdsStorageEncrypted';

  test('an L2 instance without storage encryption is flagged', () => {
    const stack = testStack();
    instance(stack);
    // Unencrypted is one weakness: the key is not judged as well.
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('an L1 instance encrypted with the AWS managed key is flagged', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', { ...l1Instance, storageEncrypted: true });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    compliantInstance(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an Aurora member instance is judged through its cluster', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Member', {
      dbInstanceClass: 'db.r7g.large',
      engine: 'aurora-postgresql',
      dbClusterIdentifier: 'c',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      storageEncrypted: unresolvedString(stack) as unknown as boolean,
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::StorageEncrypted]`]);
  });
});

describe('RdsNotPublic', () => {
  const ID = 'RdsNotPublic';

  test('an L2 instance in public subnets is flagged', () => {
    const stack = testStack();
    new rds.DatabaseInstance(stack, 'Db', {
      engine: postgres(rds.PostgresEngineVersion.VER_16),
      vpc: new ec2.Vpc(stack, 'Vpc'),
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('an L1 instance that leaves it unset is flagged', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', l1Instance);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('an instance in isolated subnets complies', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      publiclyAccessible: unresolvedString(stack) as unknown as boolean,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PubliclyAccessible]`]);
  });
});

describe('RdsTlsEnforced', () => {
  const ID = 'RdsTlsEnforced';

  test('an L2 PostgreSQL 14 instance with default parameters is flagged', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsNotForced]`]);
  });

  test('PostgreSQL 16 forces TLS by default', () => {
    const stack = testStack();
    compliantInstance(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a parameter group that turns force_ssl off is flagged', () => {
    const stack = testStack();
    const engine = postgres(rds.PostgresEngineVersion.VER_16);
    instance(stack, {
      engine,
      parameterGroup: new rds.ParameterGroup(stack, 'Params', {
        engine,
        parameters: { 'rds.force_ssl': '0' },
      }),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsNotForced::rds.force_ssl]',
    ]);
  });

  test('MySQL 5.7 left to its defaults accepts plaintext and TLS 1.0/1.1', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', { ...l1Instance, engineVersion: '5.7.44' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsBelow12]`, `DPP-${ID}[TlsNotForced]`]);
  });

  test('SQL Server that forces TLS but leaves TLS 1.0/1.1 to the default is flagged', () => {
    const stack = testStack();
    const params = new rds.CfnDBParameterGroup(stack, 'Params', {
      family: 'sqlserver-se-16.0',
      description: 'tls',
      parameters: { 'rds.force_ssl': '1', 'rds.tls10': 'disabled' },
    });
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      engine: 'sqlserver-se',
      dbParameterGroupName: params.ref,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsBelow12]`]);
  });

  test('SQL Server with TLS forced and TLS 1.0/1.1 disabled complies', () => {
    const stack = testStack();
    const params = new rds.CfnDBParameterGroup(stack, 'Params', {
      family: 'sqlserver-se-16.0',
      description: 'tls',
      parameters: { 'rds.force_ssl': '1', 'rds.tls10': 'disabled', 'rds.tls11': 'disabled' },
    });
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      engine: 'sqlserver-se',
      dbParameterGroupName: params.ref,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Oracle without the SSL option is flagged; with SSL 1.2 only it complies', () => {
    const plain = testStack();
    new rds.CfnDBInstance(plain, 'Db', { ...l1Instance, engine: 'oracle-ee' });
    expect(findingsOf(plain, ID)).toEqual([`DPP-${ID}[TlsBelow12]`, `DPP-${ID}[TlsNotForced]`]);
    const tls = testStack();
    const options = new rds.CfnOptionGroup(tls, 'Options', {
      engineName: 'oracle-ee',
      majorEngineVersion: '19',
      optionGroupDescription: 'tls',
      optionConfigurations: [
        {
          optionName: 'SSL',
          port: 2484,
          optionSettings: [{ name: 'SQLNET.SSL_VERSION', value: '1.2' }],
        },
      ],
    });
    new rds.CfnDBInstance(tls, 'Db', {
      ...l1Instance,
      engine: 'oracle-ee',
      optionGroupName: options.ref,
    });
    expect(findingsOf(tls, ID)).toEqual([]);
  });

  test('Db2 accepts plaintext unless DB2COMM is SSL alone', () => {
    const stack = testStack();
    const params = new rds.CfnDBParameterGroup(stack, 'Params', {
      family: 'db2-se-11.5',
      description: 'tls',
      parameters: { db2comm: 'TCPIP,SSL', ssl_svcename: '50443' },
    });
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      engine: 'db2-se',
      dbParameterGroupName: params.ref,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(stack, 'ParameterGroupTls')).toEqual([
      'DPP-ParameterGroupTls[TlsNotForced::db2comm]',
    ]);
  });

  test('an L1 MySQL instance with require_secure_transport complies', () => {
    const stack = testStack();
    const params = new rds.CfnDBParameterGroup(stack, 'Params', {
      family: 'mysql8.0',
      description: 'tls',
      parameters: { require_secure_transport: 'ON' },
    });
    new rds.CfnDBInstance(stack, 'Db', { ...l1Instance, dbParameterGroupName: params.ref });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an L2 Aurora cluster with rds.force_ssl in its cluster parameter group complies', () => {
    const stack = testStack();
    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: rds.AuroraPostgresEngineVersion.VER_16_4,
    });
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine,
      vpc: isolatedVpc(stack),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      parameters: { 'rds.force_ssl': '1' },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a database on a default group named literally is judged on the engine defaults', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      engine: 'postgres',
      engineVersion: '16.4',
      dbParameterGroupName: 'default.postgres16',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('PostgreSQL 11 accepts TLS 1.0 by default', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      engine: 'postgres',
      engineVersion: '11.22',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[TlsBelow12]`, `DPP-${ID}[TlsNotForced]`]);
  });

  test('an engine the synth cannot resolve is reported', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', { ...l1Instance, engine: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::Engine]`]);
  });

  test('a parameter group named by an unresolved value is reported', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      dbParameterGroupName: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::DBParameterGroupName]`]);
  });
});

describe('RdsCredentialsManaged', () => {
  const ID = 'RdsCredentialsManaged';

  test('an L2 instance without IAM authentication is flagged', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoIamAuthentication]`]);
  });

  test('an L1 instance with a literal password is flagged', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      masterUsername: 'admin',
      masterUserPassword: 'Sup3rSecret!',
      enableIamDatabaseAuthentication: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword]`]);
  });

  test('a generated secret with IAM authentication complies', () => {
    const stack = testStack();
    compliantInstance(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a password from a parameter is flagged, not guessed at', () => {
    const stack = testStack();
    new rds.CfnDBInstance(stack, 'Db', {
      ...l1Instance,
      masterUsername: 'admin',
      masterUserPassword: unresolvedString(stack),
      manageMasterUserPassword: false,
      enableIamDatabaseAuthentication: true,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword]`]);
  });
});

describe('RdsLogsExported', () => {
  const ID = 'RdsLogsExported';

  test('an L2 instance without log exports is flagged', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoLogExports]`]);
  });

  test('an L1 cluster without log exports is flagged', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-mysql' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoLogExports]`]);
  });

  test('exported logs comply', () => {
    const stack = testStack();
    compliantInstance(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved list is reported', () => {
    const stack = testStack();
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-mysql',
      enableCloudwatchLogsExports: {
        'Fn::Split': [',', unresolvedString(stack)],
      } as unknown as string[],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EnableCloudwatchLogsExports]`]);
  });
});
