import {
  App,
  CfnParameter,
  Duration,
  NestedStack,
  NestedStackProps,
  RemovalPolicy,
  Stack,
  aws_apigateway as apigateway,
  aws_backup as backup,
  aws_certificatemanager as acm,
  aws_cloudwatch as cloudwatch,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_s3 as s3,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DataClass } from '../../../constructs/common/data-class';
import { AuditTrail } from '../../../constructs/logging/audit-trail';
import { AccountBaseline } from '../../../constructs/monitoring/account-baseline';
import { SecurityAlarms } from '../../../constructs/monitoring/security-alarms';
import { classify } from '../rule-helpers';
import {
  acknowledgeOrganizationBaseline,
  allowLogsService,
  crossRegionBackupPlan,
  customerKey,
  dppFindings,
  grantKeyUse,
  idiomApp,
  logDefaultSecurityGroupProvider,
  protectedLogGroup,
  notifying,
} from './idioms';

/**
 * Whole applications written the way a careful user writes them in plain aws-cdk-lib: queues,
 * topics and functions under customer keys, nested stacks that receive their key as a
 * parameter, stacks that share a key through cross-stack references, a TLS load balancer and a
 * TLS API. Each must raise no DppChecks finding. Where a stack alone cannot have the app-wide
 * trail and GuardDuty, they are acknowledged on the stack with the organization's reason; the
 * multi-stack app deploys them with cdk-dpp's AuditTrail, AccountBaseline and SecurityAlarms.
 */

const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A pii queue and its dead-letter queue, and a topic, under a customer key, TLS only. */
function messagingStack(app: App): Stack {
  const stack = new Stack(app, 'Messaging', { env: ENV });
  const key = customerKey(stack, 'Key');
  const queue = (id: string, deadLetterQueue?: sqs.DeadLetterQueue) =>
    classify(
      new sqs.Queue(stack, id, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        retentionPeriod: Duration.days(4),
        deadLetterQueue,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      DataClass.PII,
    );
  const dlq = queue('OrdersDlq');
  const orders = queue('Orders', { queue: dlq, maxReceiveCount: 3 });
  const topic = new sns.Topic(stack, 'OrderEvents', { masterKey: key, enforceSSL: true });
  topic.grantPublish(new iam.ServicePrincipal('events.amazonaws.com'));
  for (const q of [orders, dlq]) {
    notifying(
      new cloudwatch.Alarm(stack, `${q.node.id}Age`, {
        metric: q.metricApproximateAgeOfOldestMessage(),
        threshold: 3600,
        evaluationPeriods: 1,
      }),
    );
  }
  acknowledgeOrganizationBaseline(stack);
  return stack;
}

/** A function with its own encrypted, PII-masking log group, reading a table it is granted. */
function functionStack(app: App): Stack {
  const stack = new Stack(app, 'Function', { env: ENV });
  const key = customerKey(stack, 'Key');
  allowLogsService(key);
  const table = classify(
    new dynamodb.TableV2(stack, 'Catalog', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: 30,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    DataClass.NO_AMAZON_DATA,
  );
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    logGroup: protectedLogGroup(stack, 'HandlerLogs', key),
    environment: {
      TABLE_NAME: table.tableName,
      API_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner',
    },
    tracing: lambda.Tracing.ACTIVE,
  });
  table.grantReadData(handler);
  handler.addPermission('FromEvents', {
    principal: new iam.ServicePrincipal('events.amazonaws.com'),
    sourceArn: `arn:aws:events:${stack.region}:${stack.account}:rule/orders`,
  });
  return stack;
}

/** A nested stack that receives the parent's key ARN as a CfnParameter. */
class ArchiveNestedStack extends NestedStack {
  public constructor(scope: Construct, id: string, props: NestedStackProps) {
    super(scope, id, props);
    const keyArn = new CfnParameter(this, 'KeyArn', { type: 'String' });
    const key = kms.Key.fromKeyArn(this, 'Key', keyArn.valueAsString);
    classify(
      new s3.Bucket(this, 'Archive', {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        versioned: true,
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: [
          { expiration: Duration.days(540), noncurrentVersionExpiration: Duration.days(30) },
        ],
      }),
      DataClass.AMAZON_DATA,
    );
  }
}

/** A nested stack that uses the parent's queue key directly (aws-cdk-lib makes the parameter). */
class WorkersNestedStack extends NestedStack {
  public constructor(scope: Construct, id: string, key: kms.IKey) {
    super(scope, id);
    classify(
      new sqs.Queue(this, 'Work', {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      DataClass.AMAZON_DATA,
    );
  }
}

/** A parent stack passing its key to nested stacks, by parameter and by reference. */
function nestedStacksStack(app: App): Stack {
  const stack = new Stack(app, 'Parent', { env: ENV });
  const key = customerKey(stack, 'Key');
  new ArchiveNestedStack(stack, 'Archive', { parameters: { KeyArn: key.keyArn } });
  new WorkersNestedStack(stack, 'Workers', key);
  return stack;
}

/**
 * An app of three stacks: a shared key, a data stack that imports it through cross-stack
 * references, and a security stack with cdk-dpp's AuditTrail, AccountBaseline and
 * SecurityAlarms covering the data stack's pii table.
 */
function multiStackApp(app: App): Stack {
  const keys = new Stack(app, 'Keys', { env: ENV });
  const key = customerKey(keys, 'DataKey');
  const data = new Stack(app, 'Data', { env: ENV });
  const table = classify(
    new dynamodb.Table(data, 'Customers', {
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
  const reader = new iam.Role(data, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  table.grantReadData(reader);
  crossRegionBackupPlan(data).addSelection('Customers', {
    resources: [backup.BackupResource.fromDynamoDbTable(table)],
  });
  const security = new Stack(app, 'Security', { env: ENV });
  const trail = new AuditTrail(security, 'Trail');
  trail.addPiiTable(table);
  const alarms = new SecurityAlarms(security, 'Alarms', {
    trailLogGroup: trail.logGroup,
    incidentEmail: 'security@example.com',
  });
  alarms.addPiiTable(table);
  const baseline = new AccountBaseline(security, 'Baseline', {
    auditBucket: trail.bucket,
    incidentTopic: alarms.incidentTopic,
  });
  baseline.addPiiTable(table);
  return data;
}

/** An internal ALB: HTTPS only with a TLS 1.2+ policy, access logs, reached from one group. */
function loadBalancerStack(app: App): Stack {
  const stack = new Stack(app, 'LoadBalancer', { env: ENV });
  const key = logsKey(stack);
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  vpc.addFlowLog('FlowLog', {
    destination: ec2.FlowLogDestination.toCloudWatchLogs(protectedLogGroup(stack, 'FlowLogs', key)),
  });
  logDefaultSecurityGroupProvider(stack, key);
  const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc, allowAllOutbound: false });
  const lbGroup = new ec2.SecurityGroup(stack, 'LoadBalancerGroup', {
    vpc,
    allowAllOutbound: false,
  });
  lbGroup.addIngressRule(clients, ec2.Port.tcp(443), 'HTTPS from the clients');
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc,
    internetFacing: false,
    securityGroup: lbGroup,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    dropInvalidHeaderFields: true,
  });
  lb.logAccessLogs(
    classify(
      new s3.Bucket(stack, 'AlbLogs', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        lifecycleRules: [{ expiration: Duration.days(400) }],
      }),
      DataClass.NO_AMAZON_DATA,
    ),
    'alb',
  );
  lb.addListener('Https', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    certificates: [
      acm.Certificate.fromCertificateArn(
        stack,
        'Certificate',
        'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-1111-1111-1111-111111111111',
      ),
    ],
    open: false,
    defaultAction: elbv2.ListenerAction.fixedResponse(404),
  });
  return stack;
}

/** A key for the log groups of a stack: CloudWatch Logs of the region may use it. */
function logsKey(stack: Stack): kms.Key {
  const key = customerKey(stack, 'LogsKey');
  allowLogsService(key);
  return key;
}

/** A regional REST API behind a WAF allow-list, with a TLS 1.2 custom domain and access logs. */
function restApiStack(app: App): Stack {
  const stack = new Stack(app, 'Api', { env: ENV });
  const accessLogs = protectedLogGroup(stack, 'AccessLogs', logsKey(stack));
  const api = new apigateway.RestApi(stack, 'Orders', {
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    disableExecuteApiEndpoint: true,
    deployOptions: {
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      tracingEnabled: true,
    },
    domainName: {
      domainName: 'orders.example.com',
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        'Certificate',
        'arn:aws:acm:eu-west-1:111111111111:certificate/22222222-2222-2222-2222-222222222222',
      ),
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      endpointType: apigateway.EndpointType.REGIONAL,
    },
  });
  api.root.addMethod('GET', new apigateway.MockIntegration(), {
    authorizationType: apigateway.AuthorizationType.IAM,
  });
  const allowList = new wafv2.CfnIPSet(stack, 'AllowList', {
    scope: 'REGIONAL',
    ipAddressVersion: 'IPV4',
    addresses: ['203.0.113.0/24'],
  });
  const acl = new wafv2.CfnWebACL(stack, 'Acl', {
    scope: 'REGIONAL',
    defaultAction: { block: {} },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      metricName: 'orders-acl',
      sampledRequestsEnabled: true,
    },
    rules: [
      {
        name: 'allow-list',
        priority: 0,
        action: { allow: {} },
        statement: { ipSetReferenceStatement: { arn: allowList.attrArn } },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          metricName: 'allow-list',
          sampledRequestsEnabled: true,
        },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(stack, 'AclAssociation', {
    resourceArn: api.deploymentStage.stageArn,
    webAclArn: acl.attrArn,
  });
  return stack;
}

/** A key shared by three roles of the app, each granted by name. */
function keyGrantsStack(app: App): Stack {
  const stack = new Stack(app, 'KeyGrants', { env: ENV });
  const key = customerKey(stack, 'Key');
  for (const id of ['Ingest', 'Report', 'Erase']) {
    grantKeyUse(
      key,
      new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
    );
  }
  return stack;
}

describe('compliant applications raise no DppChecks finding', () => {
  const stacks: Record<string, (app: App) => Stack> = {
    'pii queues and a topic under a customer key': messagingStack,
    'a function with an explicit log group': functionStack,
    'nested stacks receiving the key by parameter and by reference': nestedStacksStack,
    'three stacks with cross-stack references and cdk-dpp monitoring': multiStackApp,
    'an internal TLS load balancer': loadBalancerStack,
    'a REST API with a TLS 1.2 domain behind WAF': restApiStack,
    'a key granted to named roles': keyGrantsStack,
  };

  test.each(Object.entries(stacks))('%s', (_name, build) => {
    const app = idiomApp();
    build(app);
    expect(app.node.children.flatMap((stack) => dppFindings(stack))).toEqual([]);
  });
});
