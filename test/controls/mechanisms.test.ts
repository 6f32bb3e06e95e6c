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
    // No construct keeps SP-API secrets or routes change events to customers.
    expect(withoutConstruct).toEqual([
      'DPP-25-CRED: Secrets Manager rotation schedule',
      'SOC-C6: Change events routed to a target',
    ]);
  });
});

/** A topic and a function the references of the cases point to. */
const CONTEXT = [
  resource('Topic', 'AWS::SNS::Topic'),
  resource('Fn', 'AWS::Lambda::Function'),
  resource('Alarm', 'AWS::CloudWatch::Alarm'),
];
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:incidents';
const TARGET = [{ Arn: TOPIC_ARN, Id: 'Target0' }];
const FUNCTION_TARGET = [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Id: 'Target0' }];
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
    'Change events routed to a target',
    'AWS::Events::Rule',
    {
      EventPattern: {
        source: ['aws.cloudformation'],
        'detail-type': ['CloudFormation Stack Status Change'],
      },
      Targets: TARGET,
    },
    { EventPattern: { source: ['aws.s3'] }, Targets: TARGET },
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
      if (mechanismsOf(clause).find((m) => m.name === mechanism)?.everyResource) {
        // One resource that does not provide it makes the mechanism missing for the whole app.
        expect(providing(clause, mechanism, [...CONTEXT, goodOne])).toEqual(['Good']);
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

  test('provides every mechanism but two', () => {
    expect(missing).toEqual([
      // The sample order service holds no SP-API credentials, so no secret is rotated: the
      // operator keeps the LWA client secret and refresh tokens in Secrets Manager and rotates
      // them (the Config rule on access key age is there).
      'DPP-25-CRED: Secrets Manager rotation schedule',
      // Security changes reach the incident topic through alarms, but nothing routes deployment
      // or patch events to a topic customers can be told from.
      'SOC-C6: Change events routed to a target',
    ]);
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
  test('misses every mechanism of every supported clause', () => {
    const evidence = findMechanisms([resource('Bucket', 'AWS::S3::Bucket')]);
    expect(evidence.flatMap((e) => e.present)).toEqual([]);
    expect(evidence.map((e) => [e.clause, e.missing.map((m) => m.name)])).toEqual(
      SUPPORTED_CLAUSE_MECHANISMS.map((c) => [c.clause, c.mechanisms.map((m) => m.name)]),
    );
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
      'Provided by this app: CloudTrail trail with log file validation. The operator owes the duty.',
    ]);
  });

  test('a clause that misses one mechanism says which, and what to add', () => {
    expect([clause('DPP-25-CRED')?.status, clause('DPP-25-CRED')?.statusReason]).toEqual([
      ClauseStatus.MECHANISM_MISSING,
      'Missing 1 of 2 mechanisms: Secrets Manager rotation schedule. To add: Keep the SP-API ' +
        'client secret and refresh tokens in Secrets Manager with a rotation schedule of at ' +
        'most 90 days (`secret.addRotationSchedule`).',
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
      missing: ['Inspector findings routed to a target'],
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
