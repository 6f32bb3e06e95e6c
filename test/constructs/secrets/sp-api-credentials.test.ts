import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  CfnResource,
  Duration,
  Stack,
  Validations,
  aws_iam as iam,
  aws_ssm as ssm,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ManagedPolicyRole } from '../../../constructs/common/managed-policy-role';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { DataVpc } from '../../../constructs/network/data-vpc';
import {
  KILL_SWITCH_TAG,
  SP_API_NOTIFICATIONS_ACCOUNT,
  SellingPartnerApiRegion,
  SpApiCredentials,
  SpApiCredentialsProps,
} from '../../../constructs/secrets/sp-api-credentials';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { owned, registerAllPacks, testApp, testStack } from '../../helpers';
import { deniedBy } from './secret-policy';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

interface Built {
  readonly credentials: SpApiCredentials;
  readonly role: ManagedPolicyRole;
  readonly key: PiiKey;
  readonly vpc: DataVpc;
}

/** A stack with everything the construct needs, and the construct with `overrides`. */
function build(stack: Stack, overrides: Partial<SpApiCredentialsProps> = {}): Built {
  const key = new PiiKey(stack, 'Key');
  const vpc = new DataVpc(stack, 'Vpc', { encryptionKey: key });
  const role = new ManagedPolicyRole(stack, 'App', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  const killSwitch = new ssm.StringParameter(stack, 'Switch', { stringValue: 'running' });
  const incidentTopic = new IncidentTopic(stack, 'Incidents', {
    incidentEmail: 'security@example.com',
    encryptionKey: key,
  });
  const credentials = new SpApiCredentials(stack, 'SpApi', {
    encryptionKey: key,
    vpc,
    applicationRole: role,
    killSwitch,
    incidentTopic,
    ...overrides,
  });
  return { credentials, role, key, vpc };
}

/** The logical ID of a construct's CloudFormation resource. */
function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const resource = construct.node.defaultChild as CfnResource;
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Credentials', {
  env: { account: ACCOUNT, region: REGION },
});
const built = build(stack);
const template = Template.fromStack(stack);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template is untyped JSON
type Json = any;
const resources = template.toJSON().Resources as Record<string, Record<string, Json>>;
const ids = {
  key: logicalId(built.key),
  clientCredentials: logicalId(built.credentials.clientCredentials),
  refreshTokens: logicalId(built.credentials.refreshTokens),
  queue: logicalId(built.credentials.newSecretQueue),
  upkeep: logicalId(built.credentials.upkeepFunction),
  upkeepRole: logicalId(built.credentials.upkeepFunction.role as iam.Role),
  app: logicalId(built.role),
  switch: logicalId(stack.node.findChild('Switch') as ssm.StringParameter),
  topic: logicalId(stack.node.findChild('Incidents') as IncidentTopic),
};
const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('the secrets', () => {
  test('are two, encrypted with the PII key and retained', () => {
    expect(
      byType('AWS::SecretsManager::Secret').map(([id, s]) => [
        id,
        s.Properties.KmsKeyId,
        s.DeletionPolicy,
        s.UpdateReplacePolicy,
      ]),
    ).toEqual(
      [ids.clientCredentials, ids.refreshTokens].map((id) => [
        id,
        { 'Fn::GetAtt': [ids.key, 'Arn'] },
        'Retain',
        'Retain',
      ]),
    );
  });

  test('hold no value in the template: the client credentials start as a placeholder', () => {
    expect(resources[ids.clientCredentials].Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({ clientId: 'put the LWA client ID here' }),
      GenerateStringKey: 'clientSecret',
    });
    expect(
      byType('AWS::SecretsManager::Secret').filter(([, s]) => s.Properties.SecretString),
    ).toEqual([]);
  });

  test('rotate the client credentials every 90 days with the upkeep function, never at deployment', () => {
    const schedules = byType('AWS::SecretsManager::RotationSchedule');
    expect(schedules.map(([, s]) => s.Properties)).toEqual([
      {
        SecretId: { Ref: ids.clientCredentials },
        RotationLambdaARN: { 'Fn::GetAtt': [ids.upkeep, 'Arn'] },
        RotationRules: { ScheduleExpression: 'rate(90 days)' },
        RotateImmediatelyOnUpdate: false,
      },
    ]);
    const [permission] = byType('AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'secretsmanager.amazonaws.com',
    );
    expect(permission[1].Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ids.upkeep, 'Arn'] },
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: ACCOUNT,
      SourceArn: { Ref: ids.clientCredentials },
    });
    expect(schedules[0][1].DependsOn).toEqual(expect.arrayContaining([permission[0]]));
  });

  test('a shorter rotation interval is kept; the region picks the API endpoint', () => {
    const other = new Stack(testApp(), 'Other');
    const { credentials } = build(other, {
      rotationInterval: Duration.days(30),
      region: SellingPartnerApiRegion.EUROPE,
    });
    const t = Template.fromStack(other);
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SELLING_PARTNER_API_ENDPOINT: 'https://sellingpartnerapi-eu.amazon.com',
        }),
      },
    });
    expect(credentials.rotationSchedule.rotationRules).toEqual({
      scheduleExpression: 'rate(30 days)',
    });
  });

  test.each([
    [
      { rotationInterval: Duration.days(180) },
      '`rotationInterval` must be between 1 and 90 (DPP-25-CRED), got: 180',
    ],
    [
      { refreshTokenAlarmAge: Duration.days(365) },
      '`refreshTokenAlarmAge` must be between 1 and 364 (DPP-25-CRED), got: 365',
    ],
  ])('refuses %j', (overrides, message) => {
    expect(() => build(testStack(), overrides)).toThrow(message);
  });
});

describe('the resource policy of each secret', () => {
  const policies = byType('AWS::SecretsManager::ResourcePolicy');
  const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  const APP = `arn:aws:iam::${ACCOUNT}:role/app`;
  const UPKEEP = `arn:aws:iam::${ACCOUNT}:role/upkeep`;
  const ADMIN = `arn:aws:iam::${ACCOUNT}:role/Admin`;
  const ENDPOINT = 'vpce-secrets';
  /** The statements with the roles' and the endpoint's references replaced by literals. */
  const statements = policies.map(([, p]) =>
    JSON.parse(
      JSON.stringify(p.Properties.ResourcePolicy.Statement)
        .split(JSON.stringify(arn(ids.app)))
        .join(JSON.stringify(APP))
        .split(JSON.stringify(arn(ids.upkeepRole)))
        .join(JSON.stringify(UPKEEP))
        .replace(/\{"Ref":"VpcSecretsManagerEndpoint[^"]*"\}/g, JSON.stringify(ENDPOINT)),
    ),
  );
  const read = (principalArn: string, more: object = {}) => ({
    action: 'secretsmanager:GetSecretValue',
    principalArn,
    ...more,
  });
  const running = { [KILL_SWITCH_TAG]: 'running' };

  test('is on both secrets, blocks public policies, and grants nothing', () => {
    expect(
      policies.map(([, p]) => [p.Properties.SecretId, p.Properties.BlockPublicPolicy]),
    ).toEqual([
      [{ Ref: ids.clientCredentials }, true],
      [{ Ref: ids.refreshTokens }, true],
    ]);
    expect(statements.flat().filter((s: { Effect: string }) => s.Effect !== 'Deny')).toEqual([]);
    expect(statements[0]).toEqual(statements[1]);
  });

  test.each([
    [
      'the application through the endpoint while the switch runs',
      read(APP, { sourceVpce: ENDPOINT, tags: running }),
      [],
    ],
    ['the upkeep function, from outside the VPC', read(UPKEEP, { tags: running }), []],
    [
      'the application from outside the VPC',
      read(APP, { tags: running }),
      ['ApplicationOnlyThroughVpcEndpoint'],
    ],
    [
      'the application through another endpoint',
      read(APP, { sourceVpce: 'vpce-other', tags: running }),
      ['ApplicationOnlyThroughVpcEndpoint'],
    ],
    [
      'the application when the switch is stopped',
      read(APP, { sourceVpce: ENDPOINT, tags: { [KILL_SWITCH_TAG]: 'stopped' } }),
      ['ApplicationOnlyWhileKillSwitchRuns'],
    ],
    [
      'the application before the switch was copied',
      read(APP, { sourceVpce: ENDPOINT }),
      ['ApplicationOnlyWhileKillSwitchRuns'],
    ],
    [
      'an administrator through the endpoint',
      read(ADMIN, { sourceVpce: ENDPOINT, tags: running }),
      ['OnlyApplicationAndUpkeepRead'],
    ],
  ])('judges a read by %s', (_, request, denied) => {
    expect(deniedBy(statements[0], request)).toEqual(denied);
  });

  test.each([
    [
      'the upkeep function setting the switch',
      'secretsmanager:TagResource',
      UPKEEP,
      [KILL_SWITCH_TAG],
      [],
    ],
    [
      'an administrator setting the switch',
      'secretsmanager:TagResource',
      ADMIN,
      [KILL_SWITCH_TAG, 'team'],
      ['OnlyUpkeepSetsKillSwitch'],
    ],
    [
      'an administrator removing the switch',
      'secretsmanager:UntagResource',
      ADMIN,
      [KILL_SWITCH_TAG],
      ['OnlyUpkeepSetsKillSwitch'],
    ],
    [
      'the application setting the switch',
      'secretsmanager:TagResource',
      APP,
      [KILL_SWITCH_TAG],
      ['OnlyUpkeepSetsKillSwitch'],
    ],
    ['an administrator setting another tag', 'secretsmanager:TagResource', ADMIN, ['team'], []],
  ])('judges %s', (_, action, principalArn, tagKeys, denied) => {
    expect(deniedBy(statements[0], { action, principalArn, tagKeys })).toEqual(denied);
  });
});

describe('the roles', () => {
  /** The statements of the managed policies attached to a role. */
  const grantsOf = (roleId: string) =>
    byType('AWS::IAM::ManagedPolicy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  const secrets = [{ Ref: ids.clientCredentials }, { Ref: ids.refreshTokens }];

  test('the application role reads the two secrets, and decrypts them only through Secrets Manager', () => {
    expect(grantsOf(ids.app)).toEqual([
      {
        Sid: 'ReadSpApiCredentials',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secrets,
      },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
      },
    ]);
  });

  test('the upkeep role is granted exactly what the function calls', () => {
    expect(
      grantsOf(ids.upkeepRole).map((s: { Sid?: string; Action: unknown }) => [s.Sid, s.Action]),
    ).toEqual([
      ['WriteLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
      [
        'RotateClientCredentials',
        ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      ],
      [
        'ReadSecretsAndTheirAge',
        ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      ],
      ['ApplyKillSwitchTag', 'secretsmanager:TagResource'],
      ['ReceiveNewClientSecret', ['sqs:ReceiveMessage', 'sqs:DeleteMessage']],
      ['ReadKillSwitch', 'ssm:GetParameter'],
      [undefined, ['kms:Decrypt', 'kms:GenerateDataKey']],
      [undefined, 'kms:Decrypt'],
    ]);
    expect(grantsOf(ids.upkeepRole)[3].Condition).toEqual({
      'ForAllValues:StringEquals': { 'aws:TagKeys': [KILL_SWITCH_TAG] },
    });
  });

  test('the upkeep function runs outside the VPC, one at a time', () => {
    expect(resources[ids.upkeep].Properties).toEqual(
      expect.objectContaining({
        ReservedConcurrentExecutions: 1,
        Timeout: 900,
        Handler: 'index.handler',
      }),
    );
    expect(resources[ids.upkeep].Properties.VpcConfig).toBeUndefined();
  });
});

describe('the new-secret queue', () => {
  test('admits the Selling Partner API notifications account only, and is encrypted with the PII key', () => {
    const [[, policy]] = byType('AWS::SQS::QueuePolicy').filter(
      ([, p]) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: ids.queue }]),
    );
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      {
        Sid: 'SellingPartnerApiNotifications',
        Effect: 'Allow',
        Principal: {
          AWS: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, `:iam::${SP_API_NOTIFICATIONS_ACCOUNT}:root`],
            ],
          },
        },
        Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
        Resource: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
      },
    ]);
    expect(resources[ids.queue].Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [ids.key, 'Arn'],
    });
    expect(resources[ids.queue].DeletionPolicy).toBe('Retain');
  });

  test('the PII key lets that account encrypt and decrypt through SQS only', () => {
    const statements = resources[ids.key].Properties.KeyPolicy.Statement as { Sid?: string }[];
    expect(statements.find((s) => s.Sid === 'SellingPartnerApiNotificationsUse')).toEqual({
      Sid: 'SellingPartnerApiNotificationsUse',
      Effect: 'Allow',
      Principal: {
        AWS: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, `:iam::${SP_API_NOTIFICATIONS_ACCOUNT}:root`],
          ],
        },
      },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `sqs.${REGION}.amazonaws.com` } },
    });
  });
});

describe('the events and alarms', () => {
  test('the kill switch change and an hourly schedule invoke the upkeep function', () => {
    const rules = byType('AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules.map((r) => [r.EventPattern ?? r.ScheduleExpression, r.Targets[0].Arn])).toEqual([
      [
        {
          source: ['aws.ssm'],
          'detail-type': ['Parameter Store Change'],
          detail: { name: [{ Ref: ids.switch }] },
        },
        { 'Fn::GetAtt': [ids.upkeep, 'Arn'] },
      ],
      ['rate(1 hour)', { 'Fn::GetAtt': [ids.upkeep, 'Arn'] }],
    ]);
  });

  test('four alarms notify the incident topic; a missing age counts as overdue', () => {
    const alarms = byType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(
      alarms.map((a) => [
        a.MetricName,
        a.Dimensions?.[0]?.Value ?? '',
        a.Threshold,
        a.TreatMissingData,
        a.AlarmActions,
      ]),
    ).toEqual([
      ['DaysSinceRotation', 'ClientCredentials', 90, 'breaching', [{ Ref: ids.topic }]],
      ['DaysSinceRotation', 'RefreshTokens', 335, 'breaching', [{ Ref: ids.topic }]],
      ['Errors', { Ref: ids.upkeep }, 1, 'notBreaching', [{ Ref: ids.topic }]],
      [
        'ApproximateNumberOfMessagesVisible',
        expect.anything(),
        1,
        'notBreaching',
        [{ Ref: ids.topic }],
      ],
    ]);
    expect(alarms[0].Namespace).toBe('cdk-dpp/SpApiCredentials');
  });
});

describe('under every checker', () => {
  test('synthesizes with no open finding', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-api-credentials-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    registerAllPacks(app);
    Validations.of(app).addPlugins(new ControlTowerChecks());
    const checked = owned(
      new Stack(app, 'Credentials', { env: { account: ACCOUNT, region: REGION } }),
    );
    build(checked);
    // aws-cdk-lib's function that strips the VPC's default security group, not this construct's.
    Validations.of(
      checked.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider'),
    ).acknowledge({
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason: 'aws-cdk-lib strips the default security group with a control-plane call',
    });
    let failure = '';
    try {
      app.synth();
    } catch (error) {
      failure = String(error);
    }
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
    ) as {
      pluginReports: {
        pluginName: string;
        violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
      }[];
    };
    const open = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`),
      ),
    );
    expect(open).toEqual([]);
    expect(failure).toBe('');
  });
});
