import {
  Duration,
  Stack,
  aws_apigateway as apigateway,
  aws_certificatemanager as acm,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_iam as iam,
} from 'aws-cdk-lib';
import {
  AccountBaseline,
  AmazonDataBucket,
  AuditLogBucket,
  AuditTrail,
  DataVpc,
  DenyAllSecurityGroup,
  IpAllowListWebAcl,
  PiiBackupPlan,
  PiiBucket,
  PiiDatabase,
  PiiFreeLogGroup,
  PiiKey,
  PiiReaderRole,
  PiiTable,
  SecurityAlarms,
  ServerAccessLogsBucket,
  TaxArchive,
  TaxArchiveBackend,
  TlsLoadBalancer,
  TlsRestApi,
} from '../../lib';
import { APP_RULES } from '../../lib/checks/rules/app/app-rule-table';
import { findings, testStack, owned } from '../helpers';

const DATA = { purpose: 'Ship orders', piiFields: ['shippingAddress'] };
const CERT_ARN =
  'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';
const APP_LEVEL = APP_RULES.map((r) => `DPP-${r.id}`);

/** DppChecks findings of a stack, apart from the rules that judge how the app is composed. */
function constructFindings(stack: Stack): string[] {
  return findings(stack)
    .filter((f) => !APP_LEVEL.includes(f.rule.replace(/\[.*\]$/, '')))
    .map((f) => `${f.rule} ${f.path}`);
}

function alarms(stack: Stack) {
  const trail = new AuditTrail(stack, 'Trail');
  return new SecurityAlarms(stack, 'Alarms', {
    trailLogGroup: trail.logGroup,
    incidentEmail: 'security@example.com',
  });
}

const table = (stack: Stack, vpc: DataVpc) =>
  new PiiTable(stack, 'Orders', {
    vpcEndpoint: vpc.dynamoDbEndpoint,
    data: DATA,
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
  });

/** Each cdk-dpp construct with the fewest props it accepts. */
const CONSTRUCTS: [string, (stack: Stack) => void][] = [
  ['PiiKey', (stack) => new PiiKey(stack, 'Key')],
  [
    'PiiFreeLogGroup',
    (stack) => new PiiFreeLogGroup(stack, 'Logs', { encryptionKey: new PiiKey(stack, 'Key') }),
  ],
  ['DataVpc', (stack) => new DataVpc(stack, 'Vpc')],
  [
    'DenyAllSecurityGroup',
    (stack) => {
      const group = new DenyAllSecurityGroup(stack, 'Group', { vpc: new DataVpc(stack, 'Vpc') });
      group.allowTlsFromCidr('10.0.0.0/16', 443);
    },
  ],
  [
    'PiiBucket',
    (stack) =>
      new PiiBucket(stack, 'Labels', {
        vpcEndpoint: new DataVpc(stack, 'Vpc').s3Endpoint,
        data: DATA,
      }),
  ],
  [
    'AmazonDataBucket',
    (stack) =>
      new AmazonDataBucket(stack, 'Reports', {
        vpcEndpoint: new DataVpc(stack, 'Vpc').s3Endpoint,
        data: { purpose: 'Forecast stock from sales reports' },
      }),
  ],
  ['PiiTable', (stack) => table(stack, new DataVpc(stack, 'Vpc'))],
  [
    'PiiDatabase',
    (stack) => new PiiDatabase(stack, 'Invoices', { vpc: new DataVpc(stack, 'Vpc'), data: DATA }),
  ],
  [
    'PiiReaderRole',
    (stack) => {
      const vpc = new DataVpc(stack, 'Vpc');
      new PiiReaderRole(stack, 'Reader', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        stores: [table(stack, vpc)],
      });
    },
  ],
  ['ServerAccessLogsBucket', (stack) => new ServerAccessLogsBucket(stack, 'AccessLogs')],
  ['AuditLogBucket', (stack) => new AuditLogBucket(stack, 'Audit')],
  ['AuditTrail', (stack) => new AuditTrail(stack, 'Trail')],
  ['SecurityAlarms', (stack) => alarms(stack)],
  [
    'AccountBaseline',
    (stack) =>
      new AccountBaseline(stack, 'Baseline', {
        auditBucket: new AuditLogBucket(stack, 'Audit'),
        incidentTopic: alarms(stack).incidentTopic,
      }),
  ],
  [
    'TaxArchive (S3)',
    (stack) => new TaxArchive(stack, 'Archive', { retention: Duration.days(3653) }),
  ],
  [
    'TaxArchive (Glacier vault)',
    (stack) =>
      new TaxArchive(stack, 'Archive', {
        retention: Duration.days(3653),
        backend: TaxArchiveBackend.GLACIER_VAULT,
        incidentTopic: alarms(stack).incidentTopic,
      }),
  ],
  [
    'PiiBackupPlan',
    (stack) =>
      new PiiBackupPlan(stack, 'Backups', {
        copyRegion: 'eu-central-1',
        incidentTopic: alarms(stack).incidentTopic,
      }),
  ],
  [
    'IpAllowListWebAcl',
    (stack) => new IpAllowListWebAcl(stack, 'Waf', { allowedCidrs: ['203.0.113.0/24'] }),
  ],
  [
    'TlsLoadBalancer',
    (stack) =>
      new TlsLoadBalancer(stack, 'Endpoint', {
        vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
          vpcId: 'vpc-12345',
          availabilityZones: ['eu-west-1a', 'eu-west-1b'],
          privateSubnetIds: ['subnet-a', 'subnet-b'],
        }),
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
        allowedCidrs: ['10.20.0.0/16'],
      }),
  ],
  [
    'TlsRestApi',
    (stack) => {
      const api = new TlsRestApi(stack, 'Api', {
        domainName: 'orders.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
        allowedCidrs: ['203.0.113.0/24'],
      });
      api.api.root.addMethod('GET', new apigateway.MockIntegration(), {
        authorizationType: apigateway.AuthorizationType.IAM,
      });
    },
  ],
];

describe('cdk-dpp constructs with the fewest props', () => {
  test.each(CONSTRUCTS)('%s has no DppChecks findings of its own', (_, build) => {
    const stack = testStack();
    build(stack);
    expect(constructFindings(owned(stack))).toEqual([]);
  });
});
