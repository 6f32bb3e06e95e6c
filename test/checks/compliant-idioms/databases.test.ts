import {
  App,
  Duration,
  RemovalPolicy,
  Stack,
  aws_backup as backup,
  aws_cloudwatch as cloudwatch,
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_rds as rds,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { classify } from '../rule-helpers';
import {
  acknowledgeOrganizationBaseline,
  allowLogsService,
  crossRegionBackupPlan,
  customerKey,
  dppFindings,
  idiomApp,
  logDefaultSecurityGroupProvider,
  protectedLogGroup,
  notifying,
} from './idioms';

/**
 * Databases and secrets written the way a careful user writes them in plain aws-cdk-lib: TLS
 * forced by a parameter group, a customer key, a managed master secret that rotates, private
 * subnets, deletion protection. Each stack must raise no DppChecks finding; the app-wide trail
 * and GuardDuty are acknowledged on the stack with the organization's reason.
 */

const ENV = { account: '111111111111', region: 'eu-west-1' };

/** The key CloudWatch Logs may use for the database's log groups. */
function logKey(key: kms.Key): kms.Key {
  allowLogsService(key);
  return key;
}

/** A VPC with isolated subnets only, every flow logged, its default security group emptied. */
function privateVpc(stack: Stack): ec2.Vpc {
  const key = customerKey(stack, 'FlowLogKey');
  allowLogsService(key);
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  vpc.addFlowLog('FlowLog', {
    destination: ec2.FlowLogDestination.toCloudWatchLogs(protectedLogGroup(stack, 'FlowLogs', key)),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });
  logDefaultSecurityGroupProvider(stack, key);
  vpc.addInterfaceEndpoint('SecretsManager', {
    service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    privateDnsEnabled: true,
  });
  return vpc;
}

/** A backup plan in the stack's region, copying to another, selecting pii stores by tag. */
function tagBackupPlan(stack: Stack): void {
  crossRegionBackupPlan(stack).addSelection('Pii', {
    resources: [backup.BackupResource.fromTag('dpp:data-class', DataClass.PII)],
  });
}

/** An alarm on a database's connections. */
function connectionsAlarm(stack: Stack, metric: cloudwatch.IMetric): void {
  notifying(
    new cloudwatch.Alarm(stack, 'Connections', { metric, threshold: 100, evaluationPeriods: 1 }),
  );
}

/** A PostgreSQL instance: force_ssl, customer key, managed secret rotated, private, retained. */
function postgresInstanceStack(app: App): Stack {
  const stack = new Stack(app, 'Postgres', { env: ENV });
  const vpc = privateVpc(stack);
  const key = customerKey(stack, 'Key');
  const engine = rds.DatabaseInstanceEngine.postgres({
    version: rds.PostgresEngineVersion.VER_16_4,
  });
  const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc, allowAllOutbound: false });
  const databaseGroup = new ec2.SecurityGroup(stack, 'DatabaseGroup', {
    vpc,
    allowAllOutbound: false,
  });
  databaseGroup.addIngressRule(clients, ec2.Port.tcp(5432), 'application clients');
  const instance = classify(
    new rds.DatabaseInstance(stack, 'Orders', {
      engine,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseGroup],
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      parameterGroup: new rds.ParameterGroup(stack, 'Parameters', {
        engine,
        parameters: { 'rds.force_ssl': '1' },
      }),
      credentials: rds.Credentials.fromGeneratedSecret('orders_admin', { encryptionKey: key }),
      storageEncrypted: true,
      storageEncryptionKey: key,
      iamAuthentication: true,
      publiclyAccessible: false,
      multiAz: true,
      deletionProtection: true,
      backupRetention: Duration.days(14),
      // RDS exports into /aws/rds/instance/<id>/postgresql: created here, kept and masked.
      instanceIdentifier: 'orders',
      cloudwatchLogsExports: ['postgresql'],
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  instance.node.addDependency(
    protectedLogGroup(stack, 'PostgresLogs', logKey(key), '/aws/rds/instance/orders/postgresql'),
  );
  instance.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  connectionsAlarm(stack, instance.metricDatabaseConnections());
  tagBackupPlan(stack);
  acknowledgeOrganizationBaseline(stack);
  return stack;
}

/** An Aurora PostgreSQL cluster whose cluster parameter group forces TLS. */
function auroraClusterStack(app: App): Stack {
  const stack = new Stack(app, 'Aurora', { env: ENV });
  const vpc = privateVpc(stack);
  const key = customerKey(stack, 'Key');
  const engine = rds.DatabaseClusterEngine.auroraPostgres({
    version: rds.AuroraPostgresEngineVersion.VER_16_4,
  });
  const cluster = classify(
    new rds.DatabaseCluster(stack, 'Ledger', {
      engine,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: false }),
      readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
      parameterGroup: new rds.ParameterGroup(stack, 'ClusterParameters', {
        engine,
        parameters: { 'rds.force_ssl': '1' },
      }),
      credentials: rds.Credentials.fromGeneratedSecret('ledger_admin', { encryptionKey: key }),
      storageEncrypted: true,
      storageEncryptionKey: key,
      iamAuthentication: true,
      deletionProtection: true,
      backup: { retention: Duration.days(14) },
      // RDS exports into /aws/rds/cluster/<id>/postgresql: created here, kept and masked.
      clusterIdentifier: 'ledger',
      cloudwatchLogsExports: ['postgresql'],
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.PII,
  );
  cluster.node.addDependency(
    protectedLogGroup(stack, 'PostgresLogs', logKey(key), '/aws/rds/cluster/ledger/postgresql'),
  );
  cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  connectionsAlarm(stack, cluster.metricDatabaseConnections());
  tagBackupPlan(stack);
  acknowledgeOrganizationBaseline(stack);
  return stack;
}

/** An API key kept in Secrets Manager under a customer key, rotated by the team's function. */
function rotatedSecretStack(app: App): Stack {
  const stack = new Stack(app, 'PartnerSecret', { env: ENV });
  const key = customerKey(stack, 'Key');
  allowLogsService(key);
  const secret = new secretsmanager.Secret(stack, 'PartnerApiKey', {
    encryptionKey: key,
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const rotator = new lambda.Function(stack, 'Rotator', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    logGroup: protectedLogGroup(stack, 'RotatorLogs', key),
    environment: { SECRET_ARN: secret.secretArn },
  });
  secret.addRotationSchedule('Rotation', {
    rotationLambda: rotator,
    automaticallyAfter: Duration.days(30),
  });
  secret.grantRead(
    new iam.Role(stack, 'Consumer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    }),
  );
  return stack;
}

describe('compliant databases and secrets raise no DppChecks finding', () => {
  const stacks: Record<string, (app: App) => Stack> = {
    'a PostgreSQL instance with a rotated managed secret': postgresInstanceStack,
    'an Aurora cluster with a TLS cluster parameter group': auroraClusterStack,
    'a secret rotated by its own function': rotatedSecretStack,
  };

  test.each(Object.entries(stacks))('%s', (_name, build) => {
    expect(dppFindings(build(idiomApp()))).toEqual([]);
  });
});
