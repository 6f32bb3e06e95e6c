import { App, Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import {
  Acknowledgements,
  AmazonDataBucket,
  BucketEventsToEventBridge,
  DataVpc,
  DppChecks,
  OWNER_TAG,
  PiiKey,
  ServerAccessLogsBucket,
} from 'cdk-dpp';
import { ControlTowerChecks } from 'cdk-dpp/control-tower';

const app = new App();
const stack = new Stack(app, 'SalesReports');
// Who answers for every resource of the stack, the stores included (DPP-DG-2).
Tags.of(stack).add(OWNER_TAG, 'forecasting-team@seller.example');

const key = new PiiKey(stack, 'Key');
const vpc = new DataVpc(stack, 'Network', { encryptionKey: key });
const accessLogs = new ServerAccessLogsBucket(stack, 'AccessLogs');
const reports = new AmazonDataBucket(stack, 'Reports', {
  data: { purpose: 'Forecast stock from SP-API sales reports' },
  encryptionKey: key,
  expiration: Duration.days(365),
  vpcEndpoint: vpc.s3Endpoint,
  serverAccessLogsBucket: accessLogs,
});
// Object events of every bucket reach EventBridge (AWS Control Tower CT.S3.PR.4).
BucketEventsToEventBridge.applyTo(app);

// What the AWS Control Tower controls cannot see, each accepted on one construct.
function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Acknowledgements.of(scope).acknowledge({
    id: `cdk-validator-cfnguard::${rule}`,
    reason,
    owner: 'Platform engineering',
    expires: '2027-06-30',
  });
}
acknowledge(
  reports,
  's3_bucket_object_lock_enabled_check',
  'The reports expire after a year (DPP-DR-1) and are erased on request (DPP-DG-4), which ' +
    'Object Lock would forbid; versioning and retain-on-delete protect them instead.',
);
acknowledge(
  accessLogs,
  's3_bucket_object_lock_enabled_check',
  'S3 delivers no server access logs to a bucket with an Object Lock default retention.',
);
acknowledge(
  accessLogs,
  's3_bucket_default_encryption_kms_check',
  'S3 delivers server access logs only to buckets encrypted with SSE-S3; the logs hold no Amazon data.',
);
acknowledge(
  accessLogs,
  's3_bucket_logging_enabled_check',
  'This bucket receives the access logs; logging it into itself would loop.',
);
acknowledge(
  stack.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider'),
  'lambda_inside_vpc_check',
  "The function only strips the rules of the VPC's default security group through the EC2 " +
    'API at deployment and handles no Amazon data; the isolated subnets have no route to EC2.',
);

Validations.of(app).addPlugins(
  new DppChecks(app),
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
  new ControlTowerChecks(),
);
app.synth();
