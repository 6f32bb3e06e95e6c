import { App, Stack, Validations, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
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
  DppBaseline,
  DppChecks,
  PiiBucket,
  PiiKey,
  PiiTable,
  ServerAccessLogsBucket,
} from 'cdk-dpp';
import { ControlTowerChecks } from 'cdk-dpp/control-tower';

const app = new App();
const stack = new Stack(app, 'Orders');

const key = new PiiKey(stack, 'PiiKey');
const vpc = new DataVpc(stack, 'Network', { encryptionKey: key });
const accessLogs = new ServerAccessLogsBucket(stack, 'AccessLogs');
const labels = new PiiBucket(stack, 'Labels', {
  data: { purpose: 'Print shipping labels', piiFields: ['buyerName', 'shippingAddress'] },
  encryptionKey: key,
  vpcEndpoint: vpc.s3Endpoint,
  serverAccessLogsBucket: accessLogs,
});
const orders = new PiiTable(stack, 'OrderTable', {
  data: { purpose: 'Fulfil orders until shipment', piiFields: ['buyerName', 'buyerEmail'] },
  partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
  timeToLiveAttribute: 'expiresAt',
  encryptionKey: key,
  vpcEndpoint: vpc.dynamoDbEndpoint,
});

// The audit trail, the account baseline, the alarms, the backups and the copy vault's stack in
// the second region; each store added is watched, backed up and gets a canary record.
const baseline = new DppBaseline(stack, 'Baseline', {
  owner: 'orders-team@seller.example',
  incidentContact: 'security@example.com',
  copyRegion: 'eu-central-1',
  serverAccessLogsBucket: accessLogs,
});
baseline.addPiiBucket(labels);
baseline.addPiiTable(orders);
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
  labels,
  's3_bucket_object_lock_enabled_check',
  'The labels expire within 30 days (DPP-DR-1) and are erased on request (DPP-DG-4), which ' +
    'Object Lock would forbid; versioning and AWS Backup copies protect them instead.',
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
  'This bucket receives the access logs; logging it into itself would loop. The trail records its API calls.',
);
// The baseline creates the detector here; an adopted one (`accountServices`) has none.
if (baseline.accountBaseline.detector) {
  acknowledge(
    baseline.accountBaseline.detector,
    'guardduty_s3_protection_enabled_check',
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
    'lambda_inside_vpc_check',
    'The function calls only AWS control-plane APIs (IAM, IAM Access Analyzer, Inspector, EC2, ' +
      'or the one call that plants a synthetic canary record) and handles no Amazon data; IAM ' +
      'has no VPC endpoint, and the isolated subnets have no route out.',
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
