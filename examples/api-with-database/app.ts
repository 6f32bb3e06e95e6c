import {
  App,
  Duration,
  Stack,
  Validations,
  aws_certificatemanager as acm,
  aws_elasticloadbalancingv2 as elbv2,
  aws_elasticloadbalancingv2_targets as targets,
  aws_iam as iam,
  aws_lambda as lambda,
} from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import {
  Acknowledgements,
  BucketEventsToEventBridge,
  DataVpc,
  DenyAllSecurityGroup,
  DppBaseline,
  DppChecks,
  ManagedPolicyRole,
  PiiDatabase,
  PiiFreeLogGroup,
  PiiKey,
  ServerAccessLogsBucket,
  TlsLoadBalancer,
} from 'cdk-dpp';
import { ControlTowerChecks } from 'cdk-dpp/control-tower';

const app = new App();
const stack = new Stack(app, 'Shipments');

const key = new PiiKey(stack, 'PiiKey');
const vpc = new DataVpc(stack, 'Network', { encryptionKey: key });
const accessLogs = new ServerAccessLogsBucket(stack, 'AccessLogs');
const shipments = new PiiDatabase(stack, 'Database', {
  vpc,
  data: { purpose: 'Track shipments', piiFields: ['buyerName', 'shippingAddress'] },
  encryptionKey: key,
});

// A function in the isolated subnets that answers the API; it may connect to the database only.
const role = new ManagedPolicyRole(stack, 'ApiRole', {
  assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  description: 'The shipments API: connects to the database with IAM authentication',
});
role.addToPrincipalPolicy(
  new iam.PolicyStatement({
    actions: [
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DeleteNetworkInterface',
    ],
    resources: ['*'],
  }),
);
const logGroup = new PiiFreeLogGroup(stack, 'ApiLogs', { encryptionKey: key });
logGroup.grantWrite(role);
const securityGroup = new DenyAllSecurityGroup(stack, 'ApiSecurityGroup', {
  vpc,
  description: 'Shipments API: PostgreSQL over TLS to the database only',
});
const api = new lambda.Function(stack, 'Api', {
  runtime: lambda.Runtime.NODEJS_24_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async () => ({ statusCode: 200, body: "[]", isBase64Encoded: false });',
  ),
  role,
  vpc,
  vpcSubnets: vpc.dataSubnets,
  securityGroups: [securityGroup],
  logGroup,
  reservedConcurrentExecutions: 10,
  timeout: Duration.seconds(10),
});
shipments.grantConnect(role);
shipments.connections.allowDefaultPortFrom(securityGroup);

const endpoint = new TlsLoadBalancer(stack, 'Endpoint', {
  vpc,
  certificate: new acm.Certificate(stack, 'Certificate', {
    domainName: 'shipments.example.com',
    validation: acm.CertificateValidation.fromDns(),
  }),
  allowedCidrs: [vpc.cidr],
  vpcSubnets: vpc.dataSubnets,
  accessLogsBucket: accessLogs,
});
endpoint.listener.addTargets('Api', {
  priority: 10,
  conditions: [elbv2.ListenerCondition.pathPatterns(['/shipments', '/shipments/*'])],
  targets: [new targets.LambdaTarget(api)],
});

const baseline = new DppBaseline(stack, 'Baseline', {
  owner: 'orders-team@seller.example',
  incidentContact: 'security@example.com',
  copyRegion: 'eu-central-1',
  serverAccessLogsBucket: accessLogs,
});
baseline.addPiiDatabase(shipments);
// Object events of every bucket reach EventBridge (AWS Control Tower CT.S3.PR.4).
BucketEventsToEventBridge.applyTo(app);

// What the checkers cannot see, each accepted on one construct.
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Acknowledgements.of(scope).acknowledge({
    id,
    reason,
    owner: 'Platform engineering',
    expires: '2027-06-30',
  });
}
const controlTower = (rule: string) => `cdk-validator-cfnguard::${rule}`;
acknowledge(
  role,
  'AwsSolutions-IAM5[Resource::*]',
  'Lambda attaches the function to the isolated subnets with these network-interface actions, ' +
    'as the AWS managed AWSLambdaVPCAccessExecutionRole does: they accept no resource ARN.',
);
for (const pack of ['NIST.800.53.R5', 'HIPAA.Security']) {
  acknowledge(
    api,
    `${pack}-LambdaDLQ`,
    'The load balancer invokes the function synchronously: a failure returns to the caller as ' +
      'an HTTP error; a dead-letter queue only receives failed asynchronous invocations.',
  );
}
for (const permission of api.node.children.filter((c) => c instanceof lambda.CfnPermission)) {
  acknowledge(
    permission,
    controlTower('lambda_function_public_access_prohibited_check'),
    'The permission admits only the Elastic Load Balancing service; it cannot name the target ' +
      'group, which waits for the permission before it registers the function.',
  );
}
acknowledge(
  shipments,
  controlTower('rds_instance_enhanced_monitoring_enabled_check'),
  'Enhanced Monitoring writes to the RDS-managed RDSOSMetrics log group, which the stack can ' +
    'neither encrypt with the PII key nor keep 13 months; the instance metrics are alarmed.',
);
acknowledge(
  accessLogs,
  controlTower('s3_bucket_object_lock_enabled_check'),
  'S3 and Elastic Load Balancing deliver no access logs to a bucket with Object Lock retention.',
);
acknowledge(
  accessLogs,
  controlTower('s3_bucket_default_encryption_kms_check'),
  'S3 and Elastic Load Balancing deliver access logs only to buckets encrypted with SSE-S3.',
);
acknowledge(
  accessLogs,
  controlTower('s3_bucket_logging_enabled_check'),
  'This bucket receives the access logs; logging it into itself would loop.',
);
// The baseline creates the detector here; an adopted one (`accountServices`) has none.
if (baseline.accountBaseline.detector) {
  acknowledge(
    baseline.accountBaseline.detector,
    controlTower('guardduty_s3_protection_enabled_check'),
    'S3 protection is on as the S3_DATA_EVENTS detector feature, which replaced the legacy ' +
      'DataSources.S3Logs setting the rule reads; the two cannot be set together.',
  );
}
for (const fn of [
  baseline.accountBaseline.accessReviewFunction,
  stack.node.findChild('AWS679f53fac002430cb0da5b7982bd2287'),
  stack.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider'),
]) {
  acknowledge(
    fn,
    controlTower('lambda_inside_vpc_check'),
    'The function calls only AWS control-plane APIs (IAM, IAM Access Analyzer, Inspector, EC2) ' +
      'and handles no Amazon data; IAM has no VPC endpoint, and the isolated subnets have no ' +
      'route out.',
  );
}

Validations.of(app).addPlugins(
  new DppChecks(app),
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
  new ControlTowerChecks(),
);
app.synth();
