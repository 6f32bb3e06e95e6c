import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { Template } from 'aws-cdk-lib/assertions';
import { CONTROLS, ControlKind } from '../../lib/controls';
import { findMechanisms } from '../../lib/controls/find-mechanisms';
import { MechanismPredicate, TemplateResource } from '../../lib/controls/mechanism';
import { SUPPORTED_CLAUSE_MECHANISMS, mechanismsOf } from '../../lib/controls/mechanisms';
import { scheduleIntervalDays } from '../../lib/controls/template-values';
import { DppEnvironment } from '../../lib/environment';
import {
  AssemblyContents,
  AssemblyResource,
  ClauseStatus,
  evaluateAssembly,
} from '../../lib/report';
import { environmentApp, stacksOf } from '../environment/environment-app';
import { TEST_OWNER } from '../helpers';

type Properties = Record<string, unknown>;

const resource = (
  logicalId: string,
  type: string,
  properties: Properties = {},
  metadata?: Properties,
): TemplateResource => ({ stack: 'App', logicalId, type, properties, metadata });

/** The logical IDs of the resources that provide a mechanism of a clause in an app. */
function providing(clause: string, mechanism: string, resources: TemplateResource[]): string[] {
  const evidence = findMechanisms(resources).find((e) => e.clause === clause);
  const present = evidence?.present.find((p) => p.mechanism.name === mechanism);
  return present ? present.resources.map((r) => r.logicalId) : [];
}

/** The predicate of one provider of the table. */
function predicateOf(clause: string, mechanism: string, type: string): MechanismPredicate {
  const found = mechanismsOf(clause)
    .find((m) => m.name === mechanism)
    ?.providers.find((p) => p.type === type)?.matches;
  if (!found) throw new Error(`no predicate for ${clause} ${mechanism} ${type}`);
  return found;
}

const SUPPORTED = CONTROLS.filter((c) => c.kind === ControlKind.SUPPORTED).map((c) => c.id);

describe('the mechanisms table', () => {
  test('lists every supported clause, in catalog order, and no other', () => {
    expect(SUPPORTED_CLAUSE_MECHANISMS.map((c) => c.clause)).toEqual(SUPPORTED);
    expect(SUPPORTED).toHaveLength(24);
  });

  test('gives every supported clause at least one mechanism, each with a provider and what to add', () => {
    const incomplete = SUPPORTED_CLAUSE_MECHANISMS.filter(
      (c) =>
        c.mechanisms.length === 0 ||
        c.mechanisms.some((m) => m.providers.length === 0 || !m.toAdd.endsWith('.')),
    );
    expect(incomplete.map((c) => c.clause)).toEqual([]);
  });

  test('DPP-25-VULN and SOC-R4 need the deadline count and alarms of VulnerabilityDeadlines', () => {
    for (const clause of ['DPP-25-VULN', 'SOC-R4']) {
      expect(
        mechanismsOf(clause)
          .filter((m) => m.construct === 'VulnerabilityDeadlines')
          .map((m) => m.name),
      ).toEqual([
        'Daily count of overdue Inspector findings',
        'Alarm on critical findings open more than 7 days',
        'Alarm on high findings open more than 30 days',
      ]);
    }
  });

  test('gives no mechanism to an enforced or organizational clause', () => {
    const others = CONTROLS.filter((c) => c.kind !== ControlKind.SUPPORTED);
    expect(others.filter((c) => mechanismsOf(c.id).length > 0).map((c) => c.id)).toEqual([]);
    expect(mechanismsOf('DPP-NP-1')).toEqual([]);
  });

  test('names only resource types of the CloudFormation specification, and one custom resource', () => {
    const spec = new Set(
      loadAwsServiceSpecSync()
        .all('resource')
        .map((r) => r.cloudFormationType),
    );
    const types = [
      ...new Set(
        SUPPORTED_CLAUSE_MECHANISMS.flatMap((c) =>
          c.mechanisms.flatMap((m) => m.providers.map((p) => p.type)),
        ),
      ),
    ];
    // `AwsCustomResource` (the only way CloudFormation can enable Amazon Inspector) synthesizes
    // as `Custom::AWS`; the specification lists custom resources only as
    // AWS::CloudFormation::CustomResource.
    expect(types.filter((t) => !spec.has(t))).toEqual(['Custom::AWS']);
  });

  test('names a construct of the library wherever one provides the mechanism', () => {
    const withoutConstruct = SUPPORTED_CLAUSE_MECHANISMS.flatMap((c) =>
      c.mechanisms.filter((m) => m.construct === undefined).map((m) => `${c.clause}: ${m.name}`),
    );
    // Every mechanism names the construct of the library that provides it.
    expect(withoutConstruct).toEqual([]);
  });
});

/** A topic, a function, an alarm, a role and a bucket the references of the cases point to. */
const CONTEXT = [
  resource('Topic', 'AWS::SNS::Topic'),
  resource('Fn', 'AWS::Lambda::Function'),
  resource('Alarm', 'AWS::CloudWatch::Alarm'),
  resource('ScanRole', 'AWS::IAM::Role'),
  resource('Uploads', 'AWS::S3::Bucket', { Tags: [{ Key: 'dpp:owner', Value: 'orders-team' }] }),
];
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:incidents';
const TARGET = [{ Arn: TOPIC_ARN, Id: 'Target0' }];
const FUNCTION_TARGET = [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Id: 'Target0' }];
const DEPLOYMENT_NOTICES = 'Deployments routed to a customer-notice topic';
const STACK_STATUS_PATTERN = {
  source: ['aws.cloudformation'],
  'detail-type': ['CloudFormation Stack Status Change'],
  detail: { 'status-details': { status: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] } },
};

/** An alarm of `VulnerabilityDeadlines` on one severity, as synthesized. */
const overdueAlarm = (severity: string): Properties => ({
  Namespace: 'cdk-dpp/Vulnerabilities',
  MetricName: 'OverdueFindings',
  Dimensions: [{ Name: 'Severity', Value: severity }],
  Period: 86400,
  Statistic: 'Maximum',
  Threshold: 0,
  EvaluationPeriods: 1,
  ComparisonOperator: 'GreaterThanThreshold',
  TreatMissingData: 'breaching',
  AlarmActions: [TOPIC_ARN],
});
const policy = (statement: Properties) => ({ PolicyDocument: { Statement: [statement] } });
const vpcDeny = (effect: string, key: string) => ({
  Statement: [
    {
      Effect: effect,
      Principal: '*',
      Action: 's3:*',
      Condition: { StringNotEquals: { [key]: 'vpce-1' } },
    },
  ],
});
const lockedBucket = (expirationInDays: number) => ({
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: 'Enabled',
    Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 90 } },
  },
  LifecycleConfiguration: {
    Rules: [
      {
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: expirationInDays,
      },
    ],
  },
});
const PROTECTED_POOL = {
  MfaConfiguration: 'ON',
  UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
};

/** A malware protection plan on the bucket `Uploads` with the role `ScanRole`, `over` the rest. */
const malwarePlan = (over: Properties = {}, bucket: Properties = {}) => ({
  Role: { 'Fn::GetAtt': ['ScanRole', 'Arn'] },
  ProtectedResource: { S3Bucket: { BucketName: { Ref: 'Uploads' }, ...bucket } },
  Actions: { Tagging: { Status: 'ENABLED' } },
  ...over,
});

const GUARDDUTY_TAMPERING =
  '{ ($.eventSource = "guardduty.amazonaws.com") && (($.eventName = "DeleteDetector") || ' +
  '($.eventName = "UpdateDetector")) }';

/**
 * One case per provider that has a predicate: [clause, mechanism, type, a resource's properties
 * that provide it, properties that do not, and the metadata of each where it matters].
 */
type Case = [string, string, string, Properties, Properties, Properties?, Properties?];
const CASES: Case[] = [
  [
    'DPP-NP-4',
    'IAM Access Analyzer for external access',
    'AWS::AccessAnalyzer::Analyzer',
    { Type: 'ACCOUNT' },
    { Type: 'ACCOUNT_UNUSED_ACCESS' },
  ],
  [
    'DPP-NP-4',
    'IAM Access Analyzer for unused access',
    'AWS::AccessAnalyzer::Analyzer',
    { Type: 'ORGANIZATION_UNUSED_ACCESS' },
    { Type: 'ACCOUNT' },
  ],
  [
    'DPP-NP-4',
    'AWS Config rule on unused credentials',
    'AWS::Config::ConfigRule',
    { Source: { Owner: 'AWS', SourceIdentifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK' } },
    { Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK' } },
  ],
  [
    'DPP-NP-4',
    'Access review with the analyzers’ findings',
    'AWS::IAM::ManagedPolicy',
    policy({ Effect: 'Allow', Action: 'access-analyzer:List*', Resource: '*' }),
    policy({ Effect: 'Allow', Action: ['access-analyzer:GetFinding'], Resource: '*' }),
  ],
  [
    'DPP-NP-4',
    'Access review with the analyzers’ findings',
    'AWS::IAM::Role',
    {
      Policies: [
        {
          PolicyName: 'Review',
          ...policy({ Effect: 'Allow', Action: 'access-analyzer:ListFindingsV2', Resource: '*' }),
        },
      ],
    },
    {
      Policies: [
        {
          PolicyName: 'Review',
          ...policy({ Effect: 'Deny', Action: 'access-analyzer:ListFindings', Resource: '*' }),
        },
      ],
    },
  ],
  [
    'DPP-NP-4',
    'Monthly schedule of the access review',
    'AWS::Events::Rule',
    { ScheduleExpression: 'cron(0 8 1 * ? *)', Targets: FUNCTION_TARGET },
    // quarterly
    { ScheduleExpression: 'cron(0 8 1 1/3 ? *)', Targets: FUNCTION_TARGET },
  ],
  [
    'DPP-NP-4',
    'Monthly schedule of the access review',
    'AWS::Scheduler::Schedule',
    { ScheduleExpression: 'rate(30 days)', Target: { Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    // weekly, but a call to S3, not a function
    {
      ScheduleExpression: 'rate(7 days)',
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:s3:putObject' },
    },
  ],
  [
    'DPP-NP-5',
    'Store policies that deny access from outside the VPC',
    'AWS::S3::BucketPolicy',
    { PolicyDocument: vpcDeny('Deny', 'aws:SourceVpce') },
    { PolicyDocument: vpcDeny('Allow', 'aws:SourceVpce') },
  ],
  [
    'DPP-NP-5',
    'Store policies that deny access from outside the VPC',
    'AWS::DynamoDB::Table',
    { ResourcePolicy: { PolicyDocument: vpcDeny('Deny', 'aws:sourceVpc') } },
    { ResourcePolicy: { PolicyDocument: vpcDeny('Deny', 'aws:SourceIp') } },
  ],
  [
    'DPP-NP-5',
    'VPC endpoint for S3 or DynamoDB',
    'AWS::EC2::VPCEndpoint',
    { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] } },
    { ServiceName: 'com.amazonaws.eu-west-1.kms' },
  ],
  [
    'DPP-NP-6',
    'GuardDuty detector',
    'AWS::GuardDuty::Detector',
    { Enable: true },
    { Enable: false },
  ],
  [
    'DPP-NP-6',
    'GuardDuty findings routed to a target',
    'AWS::Events::Rule',
    { EventPattern: { source: ['aws.guardduty'] }, Targets: TARGET },
    { EventPattern: { source: ['aws.guardduty'] }, State: 'DISABLED', Targets: TARGET },
  ],
  [
    'DPP-NP-6',
    'Metric filter on failed console log-ins',
    'AWS::Logs::MetricFilter',
    {
      FilterPattern:
        '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
    },
    { FilterPattern: '{ ($.eventName = "ConsoleLogin") }' },
  ],
  [
    'DPP-NP-6',
    'Alarms that notify a topic',
    'AWS::CloudWatch::Alarm',
    { AlarmActions: [{ Ref: 'Topic' }] },
    { AlarmActions: [{ Ref: 'Topic' }], ActionsEnabled: false },
  ],
  [
    'DPP-NP-6',
    'Alarms that notify a topic',
    'AWS::CloudWatch::CompositeAlarm',
    { AlarmActions: [TOPIC_ARN] },
    { AlarmActions: ['arn:aws:automate:eu-west-1:ec2:stop'] },
  ],
  [
    'DPP-NP-10',
    'KMS key for envelope encryption of fields',
    'AWS::KMS::Key',
    { EnableKeyRotation: true },
    { EnableKeyRotation: true, KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
  ],
  [
    'DPP-DG-2',
    'AWS Config recorder of every resource type',
    'AWS::Config::ConfigurationRecorder',
    { RecordingGroup: { AllSupported: true } },
    { RecordingGroup: { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] } },
  ],
  [
    'DPP-DG-2',
    'AWS Config delivery channel',
    'AWS::Config::DeliveryChannel',
    { S3BucketName: { Ref: 'Audit' } },
    {},
  ],
  [
    'DPP-DG-2',
    'Data stores tagged with an owner',
    'AWS::S3::Bucket',
    { Tags: [{ Key: 'dpp:owner', Value: 'orders-team@seller.example' }] },
    { Tags: [{ Key: 'dpp:owner', Value: { Ref: 'Owner' } }] },
  ],
  [
    'DPP-DG-2',
    'Data stores tagged with an owner',
    'AWS::RDS::DBInstance',
    { DBClusterIdentifier: { Ref: 'Cluster' } },
    { Tags: [{ Key: 'Owner', Value: 'orders-team' }] },
  ],
  [
    'DPP-DG-3',
    'Data store that declares its data',
    'AWS::S3::Bucket',
    {},
    {},
    { 'cdk-dpp': { data: { purpose: 'Order documents for fulfilment' } } },
    { 'cdk-dpp': { implements: ['DPP-DG-3'] } },
  ],
  [
    'DPP-DG-4',
    'PII store with a declared erasure method',
    'AWS::DynamoDB::Table',
    {},
    {},
    { 'cdk-dpp': { data: { dataClass: 'pii', erasure: 'Delete the items by key.' } } },
    { 'cdk-dpp': { data: { dataClass: 'amazon-data', erasure: 'Delete the items by key.' } } },
  ],
  [
    'DPP-LM-7',
    'KMS-encrypted incident topic',
    'AWS::SNS::Topic',
    { KmsMasterKeyId: { Ref: 'Key' } },
    {},
  ],
  [
    'DPP-LM-7',
    'Incident contact subscribed to a topic',
    'AWS::SNS::Subscription',
    { Protocol: 'email', Endpoint: 'soc@example.com', TopicArn: { Ref: 'Topic' } },
    {
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:eu-west-1:111122223333:q',
      TopicArn: { Ref: 'Topic' },
    },
  ],
  [
    'DPP-LM-7',
    'Incident contact subscribed to a topic',
    'AWS::SNS::Topic',
    { Subscription: [{ Protocol: 'sms', Endpoint: '+12025550100' }] },
    {
      Subscription: [
        { Protocol: 'lambda', Endpoint: 'arn:aws:lambda:eu-west-1:111122223333:function:f' },
      ],
    },
  ],
  [
    'DPP-AU-1',
    'Object-locked audit archive in cold storage',
    'AWS::S3::Bucket',
    lockedBucket(400),
    // expires a year after delivery: before the agreement period plus 12 months can end
    lockedBucket(365),
  ],
  [
    'DPP-AU-1',
    'Multi-region CloudTrail trail',
    'AWS::CloudTrail::Trail',
    { IsLogging: true, IsMultiRegionTrail: true },
    { IsLogging: true, IsMultiRegionTrail: false },
  ],
  [
    'DPP-AU-2',
    'CloudTrail trail with log file validation',
    'AWS::CloudTrail::Trail',
    { IsLogging: true, EnableLogFileValidation: true },
    { IsLogging: false, EnableLogFileValidation: true },
  ],
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::Detector',
    { Enable: true, Features: [{ Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' }] },
    { Enable: true, Features: [{ Name: 'EBS_MALWARE_PROTECTION', Status: 'DISABLED' }] },
  ],
  // A plan that does not tag leaves no verdict on the object to deny reads or investigate by.
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::MalwareProtectionPlan',
    malwarePlan(),
    malwarePlan({ Actions: { Tagging: { Status: 'DISABLED' } } }),
  ],
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::MalwareProtectionPlan',
    malwarePlan({ Role: 'arn:aws:iam::111122223333:role/malware-scan' }),
    malwarePlan({ Actions: undefined }),
  ],
  // Prefixes scan only part of the uploads; the template cannot show none land elsewhere.
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::MalwareProtectionPlan',
    malwarePlan(),
    malwarePlan({}, { ObjectPrefixes: ['never-written/'] }),
  ],
  // A bucket named by a literal, or a role that is no role of the app, is not the app's scan.
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::MalwareProtectionPlan',
    malwarePlan(),
    malwarePlan({}, { BucketName: 'somebody-elses-bucket' }),
  ],
  [
    'DPP-25-MAL',
    'GuardDuty malware protection',
    'AWS::GuardDuty::MalwareProtectionPlan',
    malwarePlan(),
    malwarePlan({ Role: { Ref: 'Topic' } }),
  ],
  [
    'DPP-25-MAL',
    'Metric filter on GuardDuty being disabled',
    'AWS::Logs::MetricFilter',
    { FilterPattern: GUARDDUTY_TAMPERING },
    {
      FilterPattern:
        '{ ($.eventSource = "guardduty.amazonaws.com") && ($.eventName = "CreateDetector") }',
    },
  ],
  [
    'DPP-25-CRED',
    'Secrets Manager rotation schedule',
    'AWS::SecretsManager::RotationSchedule',
    {
      SecretId: { Ref: 'Secret' },
      HostedRotationLambda: { RotationType: 'PostgreSQLSingleUser' },
      RotationRules: { AutomaticallyAfterDays: 30 },
    },
    {
      SecretId: { Ref: 'Secret' },
      RotationLambdaARN: 'arn:aws:lambda:eu-west-1:111122223333:function:r',
      RotationRules: { ScheduleExpression: 'rate(120 days)' },
    },
  ],
  [
    'DPP-25-CRED',
    'AWS Config rule on access key age',
    'AWS::Config::ConfigRule',
    { Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' } },
    { Source: { Owner: 'AWS', SourceIdentifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK' } },
  ],
  [
    'DPP-25-VULN',
    'Amazon Inspector enabled',
    'Custom::AWS',
    { Create: '{"service":"Inspector2","action":"enable","parameters":{"resourceTypes":["EC2"]}}' },
    {
      Create: '{"service":"Inspector2","action":"disable","parameters":{"resourceTypes":["EC2"]}}',
    },
  ],
  [
    'DPP-25-VULN',
    'Inspector findings routed to a target',
    'AWS::Events::Rule',
    { EventPattern: { source: ['aws.inspector2'] }, Targets: TARGET },
    { EventPattern: { source: ['aws.inspector2'] }, Targets: [] },
  ],
  [
    'DPP-25-VULN',
    'Daily count of overdue Inspector findings',
    'AWS::Events::Rule',
    { ScheduleExpression: 'rate(6 hours)', Targets: FUNCTION_TARGET },
    { ScheduleExpression: 'rate(2 days)', Targets: FUNCTION_TARGET },
  ],
  [
    'DPP-25-VULN',
    'Alarm on critical findings open more than 7 days',
    'AWS::CloudWatch::Alarm',
    overdueAlarm('CRITICAL'),
    // a day without a count is no alarm: the count could stop unseen
    { ...overdueAlarm('CRITICAL'), TreatMissingData: 'notBreaching' },
  ],
  [
    'SOC-R4',
    'Alarm on high findings open more than 30 days',
    'AWS::CloudWatch::Alarm',
    overdueAlarm('HIGH'),
    // fires only from two overdue findings on
    { ...overdueAlarm('HIGH'), Threshold: 1 },
  ],
  [
    'SOC-C2',
    'Industry-standard checks of the deployed account',
    'AWS::Config::ConfigRule',
    { Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } },
    {
      Source: {
        Owner: 'CUSTOM_LAMBDA',
        SourceIdentifier: 'arn:aws:lambda:eu-west-1:111122223333:function:c',
      },
    },
  ],
  [
    'SOC-C6',
    DEPLOYMENT_NOTICES,
    'AWS::Events::Rule',
    { EventPattern: STACK_STATUS_PATTERN, Targets: TARGET },
    { EventPattern: { source: ['aws.s3'] }, Targets: TARGET },
  ],
  [
    'DPP-NP-6',
    'Cognito user pools with MFA required and threat protection enforced',
    'AWS::Cognito::UserPool',
    PROTECTED_POOL,
    { ...PROTECTED_POOL, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } },
  ],
  [
    'DPP-25-LOCK',
    'Cognito user pools that check every sign-in with a function before it',
    'AWS::Cognito::UserPool',
    { ...PROTECTED_POOL, LambdaConfig: { PreAuthentication: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    { ...PROTECTED_POOL, LambdaConfig: { PreAuthentication: { 'Fn::GetAtt': ['Topic', 'Arn'] } } },
  ],
  [
    'SOC-R7',
    'CloudWatch dashboard of alarms',
    'AWS::CloudWatch::Dashboard',
    {
      DashboardBody: {
        'Fn::Join': [
          '',
          ['{"widgets":[{"properties":{"alarms":["', { 'Fn::GetAtt': ['Alarm', 'Arn'] }, '"]}}]}'],
        ],
      },
    },
    { DashboardBody: '{"widgets":[{"type":"text","properties":{"markdown":"Security"}}]}' },
  ],
];

describe('each predicate accepts a resource that provides the mechanism and rejects one that does not', () => {
  test.each(CASES)(
    '%s %s: %s',
    (...[clause, mechanism, type, good, bad, goodMeta, badMeta]: Case) => {
      const goodOne = resource('Good', type, good, goodMeta);
      const badOne = resource('Bad', type, bad, badMeta);
      const found = mechanismsOf(clause).find((m) => m.name === mechanism);
      if (found?.requiredWhere === type) {
        // every resource of the type must match: judged one at a time
        expect(providing(clause, mechanism, [...CONTEXT, goodOne])).toEqual(['Good']);
        expect(providing(clause, mechanism, [...CONTEXT, badOne])).toEqual([]);
      } else if (found?.everyResource) {
        // One resource that does not provide it makes the mechanism missing for the whole app;
        // the context's own store provides it too.
        expect(providing(clause, mechanism, [...CONTEXT, goodOne])).toEqual(['Uploads', 'Good']);
        expect(providing(clause, mechanism, [...CONTEXT, goodOne, badOne])).toEqual([]);
      } else {
        expect(providing(clause, mechanism, [...CONTEXT, goodOne, badOne])).toEqual(['Good']);
      }
    },
  );

  test('every predicate of the table has its case', () => {
    const tested = new Set(CASES.map(([clause, name, type]) => predicateOf(clause, name, type)));
    const untested = SUPPORTED_CLAUSE_MECHANISMS.flatMap((c) =>
      c.mechanisms.flatMap((m) =>
        m.providers
          .filter((p) => p.matches !== undefined && !tested.has(p.matches))
          .map((p) => `${m.name} (${p.type})`),
      ),
    );
    expect([...new Set(untested)]).toEqual([]);
  });

  test('a deployment rule that only invokes a function notifies nobody', () => {
    const rule = (id: string, Targets: unknown) =>
      resource(id, 'AWS::Events::Rule', { EventPattern: STACK_STATUS_PATTERN, Targets });
    expect(
      providing('SOC-C6', DEPLOYMENT_NOTICES, [
        ...CONTEXT,
        rule('ToFunction', FUNCTION_TARGET),
        rule('ToTopic', TARGET),
      ]),
    ).toEqual(['ToTopic']);
  });

  test('a reference to something that is not in the stack is not a function nor a topic', () => {
    const elsewhere = { ...resource('Fn', 'AWS::Lambda::Function'), stack: 'Other' };
    const rule = resource('Review', 'AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      Targets: FUNCTION_TARGET,
    });
    const alarm = resource('Alarm', 'AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: 'IncidentTopicParameter' }],
    });
    expect(
      providing('DPP-NP-4', 'Monthly schedule of the access review', [elsewhere, rule]),
    ).toEqual([]);
    expect(providing('DPP-NP-6', 'Alarms that notify a topic', [alarm])).toEqual([]);
  });
});

describe('SOC-C6 counts a rule by what it tells, not by its event source', () => {
  const rule = (properties: Properties) => [
    ...CONTEXT,
    resource('Rule', 'AWS::Events::Rule', properties),
  ];
  const detail = STACK_STATUS_PATTERN.detail;

  test.each([
    ['every CloudFormation event', { source: ['aws.cloudformation'] }],
    ['stack status events of every status', { ...STACK_STATUS_PATTERN, detail: {} }],
  ])('%s, to a topic, counts', (_name, pattern) => {
    expect(
      providing('SOC-C6', DEPLOYMENT_NOTICES, rule({ EventPattern: pattern, Targets: TARGET })),
    ).toEqual(['Rule']);
  });

  test('a rule on the topic of the app counts', () => {
    const targets = [{ Arn: { Ref: 'Topic' }, Id: 'Target0' }];
    expect(
      providing(
        'SOC-C6',
        DEPLOYMENT_NOTICES,
        rule({ EventPattern: STACK_STATUS_PATTERN, Targets: targets }),
      ),
    ).toEqual(['Rule']);
  });

  test.each([
    ['AWS Config changes', { EventPattern: { source: ['aws.config'] }, Targets: TARGET }],
    ['Systems Manager events', { EventPattern: { source: ['aws.ssm'] }, Targets: TARGET }],
    [
      'resource status events only',
      {
        EventPattern: {
          ...STACK_STATUS_PATTERN,
          'detail-type': ['CloudFormation Resource Status Change'],
        },
        Targets: TARGET,
      },
    ],
    [
      'failures only',
      {
        EventPattern: {
          ...STACK_STATUS_PATTERN,
          detail: { 'status-details': { status: ['UPDATE_FAILED'] } },
        },
        Targets: TARGET,
      },
    ],
    [
      'a status given as a prefix',
      {
        EventPattern: {
          ...STACK_STATUS_PATTERN,
          detail: { 'status-details': { status: [{ prefix: 'UPDATE_' }] } },
        },
        Targets: TARGET,
      },
    ],
    ['a function target', { EventPattern: STACK_STATUS_PATTERN, Targets: FUNCTION_TARGET }],
    ['a disabled rule', { EventPattern: STACK_STATUS_PATTERN, Targets: TARGET, State: 'DISABLED' }],
    ['no target', { EventPattern: { source: ['aws.cloudformation'], detail }, Targets: [] }],
  ])('%s does not count', (_name, properties) => {
    expect(providing('SOC-C6', DEPLOYMENT_NOTICES, rule(properties))).toEqual([]);
  });
});

describe('schedule expressions', () => {
  test.each([
    ['rate(1 day)', 1],
    ['rate(12 hours)', 0.5],
    ['rate(90 days)', 90],
    ['cron(0 8 1 * ? *)', 31],
    ['cron(0 8 ? * MON *)', 31],
    ['cron(0 8 L * ? *)', 31],
    ['cron(0 8 1,15 * ?)', 31],
    // only in months that have a 31st
    ['cron(0 8 31 * ? *)', undefined],
    ['cron(0 8 1 1/3 ? *)', undefined],
    ['cron(0 8 1 * ? 2027)', undefined],
    ['at(2027-01-01T00:00:00)', undefined],
    ['rate(0 days)', undefined],
    ['rate(1 week)', undefined],
    [{ Ref: 'Schedule' }, undefined],
  ])('%j runs at most every %s days', (expression, days) => {
    expect(scheduleIntervalDays(expression)).toBe(days);
  });
});

describe('the reference environment', () => {
  let missing: string[];
  beforeAll(() => {
    const app = environmentApp(false);
    const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
    app.synth({ validateOnSynthesis: false });
    const resources = stacksOf(environment).flatMap((stack) =>
      Object.entries(
        Template.fromStack(stack).toJSON().Resources as Record<string, Record<string, Properties>>,
      ).map(([logicalId, r]) => ({
        stack: stack.stackName,
        logicalId,
        type: String(r.Type),
        properties: r.Properties ?? {},
        metadata: r.Metadata,
      })),
    );
    missing = findMechanisms(resources).flatMap((e) =>
      e.missing.map((m) => `${e.clause}: ${m.name}`),
    );
  });

  test('provides every mechanism', () => {
    expect(missing).toEqual([]);
  });
});

describe('a mechanism every resource of its types must provide', () => {
  const owned = (id: string, owner?: string) =>
    resource(
      id,
      'AWS::DynamoDB::Table',
      owner === undefined ? {} : { Tags: [{ Key: 'dpp:owner', Value: owner }] },
    );
  const ownedStores = (resources: TemplateResource[]) => {
    const [evidence] = findMechanisms(resources).filter((e) => e.clause === 'DPP-DG-2');
    return {
      present: evidence.present
        .filter((p) => p.mechanism.name === 'Data stores tagged with an owner')
        .map((p) => p.resources.map((r) => r.logicalId)),
      missing: evidence.missing.map((m) => m.name).includes('Data stores tagged with an owner'),
    };
  };

  test('is present when every data store names its owner, with all of them as evidence', () => {
    expect(ownedStores([owned('Orders', 'orders-team'), owned('Returns', 'returns-team')])).toEqual(
      { present: [['Orders', 'Returns']], missing: false },
    );
  });

  test('is missing when one data store of several has no owner, or a blank one', () => {
    expect(ownedStores([owned('Orders', 'orders-team'), owned('Returns')])).toEqual({
      present: [],
      missing: true,
    });
    expect(ownedStores([owned('Orders', 'orders-team'), owned('Returns', ' ')]).missing).toBe(true);
  });

  test('is missing in an app without a data store: there is nothing to inventory', () => {
    expect(ownedStores([]).missing).toBe(true);
  });
});

describe('an app with only a bucket', () => {
  test('misses every mechanism of every supported clause but those of user pools, which it has none of', () => {
    const evidence = findMechanisms([resource('Bucket', 'AWS::S3::Bucket')]);
    expect(evidence.flatMap((e) => e.present)).toEqual([]);
    expect(evidence.map((e) => [e.clause, e.missing.map((m) => m.name)])).toEqual(
      SUPPORTED_CLAUSE_MECHANISMS.map((c) => [
        c.clause,
        c.mechanisms.filter((m) => m.requiredWhere === undefined).map((m) => m.name),
      ]),
    );
  });
});

describe('a mechanism required where the app has a user pool', () => {
  const POOLS = 'Cognito user pools with MFA required and threat protection enforced';
  const evidenceOf = (resources: TemplateResource[]) =>
    findMechanisms(resources).find((e) => e.clause === 'DPP-NP-6');
  const named = (mechanisms: readonly { name: string }[]) => mechanisms.map((m) => m.name);

  test('is neither present nor missing in an app without a pool', () => {
    const evidence = evidenceOf([resource('Fn', 'AWS::Lambda::Function')]);
    expect(named(evidence?.missing ?? [])).not.toContain(POOLS);
    expect(named((evidence?.present ?? []).map((p) => p.mechanism))).not.toContain(POOLS);
  });

  test('is missing when one pool of the app does not match, even beside one that does', () => {
    const evidence = evidenceOf([
      resource('Secure', 'AWS::Cognito::UserPool', PROTECTED_POOL),
      resource('Plain', 'AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL' }),
    ]);
    expect(named(evidence?.missing ?? [])).toContain(POOLS);
  });

  test('is present, with every pool, when all of them match', () => {
    const resources = [
      resource('One', 'AWS::Cognito::UserPool', PROTECTED_POOL),
      resource('Two', 'AWS::Cognito::UserPool', PROTECTED_POOL),
    ];
    expect(providing('DPP-NP-6', POOLS, resources)).toEqual(['One', 'Two']);
  });
});

describe('in the evidence report', () => {
  const assemblyResource = (
    logicalId: string,
    type: string,
    properties: Properties,
  ): AssemblyResource => ({
    stack: 'App',
    logicalId,
    type,
    path: `App/${logicalId}/Resource`,
    implements: [],
    optOuts: [],
    properties,
  });
  const contents: AssemblyContents = {
    directory: '/fixture',
    schemaVersion: '55.0.0',
    stacks: [
      {
        name: 'App',
        templateFile: 'App.template.json',
        sha256: 'cd'.repeat(32),
        resourceCount: 2,
        checks: [],
      },
    ],
    resources: [
      assemblyResource('Trail', 'AWS::CloudTrail::Trail', {
        IsLogging: true,
        EnableLogFileValidation: true,
      }),
      assemblyResource('KeyAge', 'AWS::Config::ConfigRule', {
        Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' },
      }),
    ],
    acknowledgements: [],
    plugins: [],
    findings: [],
  };
  const report = evaluateAssembly(contents, [], new Date('2026-12-01T00:00:00Z'));
  const clause = (id: string) => report.clauses.find((c) => c.id === id);

  test('a clause whose every mechanism is present is provided', () => {
    expect([clause('DPP-AU-2')?.status, clause('DPP-AU-2')?.statusReason]).toEqual([
      ClauseStatus.PROVIDED,
      'Provided by this app: CloudTrail trail with log file validation (what `AuditTrail` builds). The operator owes the duty.',
    ]);
  });

  test('a clause that misses one mechanism says which, and what to add', () => {
    expect([clause('DPP-25-CRED')?.status, clause('DPP-25-CRED')?.statusReason]).toEqual([
      ClauseStatus.MECHANISM_MISSING,
      'Missing 1 of 2 mechanisms: Secrets Manager rotation schedule. To add: Keep the SP-API ' +
        'client secret and refresh tokens in Secrets Manager with a rotation schedule of at ' +
        'most 90 days (`SpApiCredentials`).',
    ]);
  });
});

describe('a service the operator states adopted', () => {
  const reason = 'The delegated administrator enables Inspector for every member account.';
  const recording = (setting: string, why = reason) =>
    resource(
      'Route',
      'AWS::Events::Rule',
      {},
      {
        'cdk-dpp': { optOuts: [{ setting, clauses: ['DPP-25-VULN'], reason: why }] },
      },
    );
  const vulnerability = (resources: TemplateResource[]) => {
    const evidence = findMechanisms(resources).find((e) => e.clause === 'DPP-25-VULN');
    return {
      present: evidence?.present.map((p) => p.mechanism.name),
      adopted: evidence?.adopted.map((a) => [
        a.mechanism.name,
        a.resources.map((r) => r.logicalId),
        a.reasons,
      ]),
      missing: evidence?.missing.map((m) => m.name),
    };
  };

  test('stands in for its mechanism as a statement, listed apart from the evidence', () => {
    expect(vulnerability([recording('accountServices.inspector')])).toEqual({
      present: [],
      adopted: [['Amazon Inspector enabled', ['Route'], [reason]]],
      missing: [
        'Inspector findings routed to a target',
        'Daily count of overdue Inspector findings',
        'Alarm on critical findings open more than 7 days',
        'Alarm on high findings open more than 30 days',
      ],
    });
  });

  test('another setting, or a blank reason, adopts nothing', () => {
    for (const record of [
      recording('inspectorEnabled'),
      recording('accountServices.inspector', ' '),
    ]) {
      expect(vulnerability([record]).adopted).toEqual([]);
    }
  });

  test('a resource that provides the mechanism is the evidence, whatever is stated', () => {
    const enable = resource('Enable', 'Custom::AWS', {
      Create: '{"service":"Inspector2","action":"enable"}',
    });
    expect(vulnerability([enable, recording('accountServices.inspector')])).toMatchObject({
      present: ['Amazon Inspector enabled'],
      adopted: [],
    });
  });
});
