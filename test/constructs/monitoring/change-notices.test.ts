import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ChangeNotices } from '../../../constructs/monitoring/change-notices';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { allPacks, findings, registerAllPacks, testApp } from '../../helpers';

type Json = Record<string, unknown>;

/** A stage of three stacks, the third in another region, all told of by one `ChangeNotices`. */
function stage(app: App = testApp()) {
  const data = new Stack(app, 'Data');
  const application = new Stack(app, 'Application');
  const copy = new Stack(app, 'Copy', { env: { region: 'us-west-2' } });
  const notices = new ChangeNotices(data, 'Notices', {
    contacts: ['changes@customer.example', 'https://hooks.customer.example/changes'],
    version: '2.4.1',
  });
  notices.notifyChangesOf(data);
  notices.notifyChangesOf(application);
  notices.notifyChangesOf(copy, { noticeRegion: 'eu-west-1' });
  return { app, data, application, copy, notices };
}

/** The rule ARN a rule name has on the default bus of the environment-agnostic data stack. */
const ruleArn = (name: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':events:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:rule/${name}`,
    ],
  ],
});

/** The notice rules of a template, by the stack named in their input. */
function noticeRules(template: Template): Record<string, Json> {
  const rules = Object.values(template.findResources('AWS::Events::Rule')) as Json[];
  return Object.fromEntries(
    rules.map((r) => {
      const props = r.Properties as Json;
      const [target] = props.Targets as Json[];
      const input = target.InputTransformer as { InputTemplate: string };
      return [JSON.parse(input.InputTemplate.replace(/<[^>]+>/g, '0')).stack, props];
    }),
  );
}

/** The `stack-id` prefix of a stack's events, in its region (a literal or `AWS::Region`). */
function stackIdPrefix(region: unknown, name: string): Json {
  const inRegion =
    typeof region === 'string' ? [`:cloudformation:${region}:`] : [':cloudformation:', region, ':'];
  const parts = ['arn:', { Ref: 'AWS::Partition' }, ...inRegion, { Ref: 'AWS::AccountId' }];
  return { prefix: { 'Fn::Join': ['', [...parts, `:stack/${name}/`]] } };
}

describe('ChangeNotices', () => {
  const { data, copy } = stage();
  const template = Template.fromStack(data);
  const rules = noticeRules(template);
  const names = ['Data', 'Application', 'Copy'].map((s) => rules[s].Name as string);

  test('one notice rule per stack on its completed stack status events, all three in the data stack', () => {
    expect(Object.keys(rules).sort()).toEqual(['Application', 'Copy', 'Data']);
    for (const [stack, region] of [
      ['Data', { Ref: 'AWS::Region' }],
      ['Application', { Ref: 'AWS::Region' }],
      ['Copy', 'us-west-2'],
    ] as const) {
      expect(rules[stack].EventPattern).toEqual({
        source: ['aws.cloudformation'],
        'detail-type': ['CloudFormation Stack Status Change'],
        detail: {
          'stack-id': [stackIdPrefix(region, stack)],
          'status-details': {
            status: [
              'CREATE_COMPLETE',
              'UPDATE_COMPLETE',
              'IMPORT_COMPLETE',
              'UPDATE_ROLLBACK_COMPLETE',
              'UPDATE_ROLLBACK_FAILED',
              'IMPORT_ROLLBACK_COMPLETE',
              'DELETE_COMPLETE',
            ],
          },
        },
      });
      expect(rules[stack].State).toBe('ENABLED');
      expect((rules[stack].Name as string).length).toBeLessThanOrEqual(64);
    }
  });

  test('the notice names the stack, the status, the time, the region and the version, and no status reason', () => {
    const [target] = rules.Application.Targets as Json[];
    expect(target.Arn).toEqual({ Ref: expect.stringMatching(/^NoticesTopic/) });
    expect(target.InputTransformer).toEqual({
      InputPathsMap: {
        'detail-status-details-status': '$.detail.status-details.status',
        time: '$.time',
        region: '$.region',
      },
      InputTemplate:
        '{"notice":"A change to the production environment has ended","stack":"Application",' +
        '"status":<detail-status-details-status>,"time":<time>,"region":<region>,"version":"2.4.1"}',
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('status-reason');
  });

  test('the topic is encrypted with its own key, publish over TLS only, and the contacts subscribe', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NoticesKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'changes@customer.example',
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: 'https://hooks.customer.example/changes',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
  });

  test('only EventBridge, for these rules, may publish: the topic denies every other publisher', () => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as Json[];
    const statements = (policy.Properties as { PolicyDocument: { Statement: Json[] } })
      .PolicyDocument.Statement;
    const arns = names.map(ruleArn);
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      expect.objectContaining({
        Sid: 'PublishFromChangeNoticeRules',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          ArnEquals: { 'aws:SourceArn': expect.arrayContaining(arns) },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      }),
      expect.objectContaining({
        Sid: 'DenyOtherPublishers',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sns:Publish',
        Condition: { ArnNotEquals: { 'aws:SourceArn': arns } },
      }),
    ]);
  });

  test('the key lets EventBridge encrypt for these rules only', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key')) as Json[];
    const statements = (key.Properties as { KeyPolicy: { Statement: Json[] } }).KeyPolicy.Statement;
    const services = statements.filter(
      (s) => JSON.stringify(s.Principal).includes('Service') && s.Effect === 'Allow',
    );
    expect(services).toEqual([
      {
        Sid: 'ChangeNoticesFromEventBridge',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: {
          ArnEquals: { 'aws:SourceArn': names.map(ruleArn) },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      },
    ]);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('the stack of another region forwards its status events to the default bus of the notices', () => {
    const forwarding = Template.fromStack(copy);
    forwarding.resourceCountIs('AWS::Events::Rule', 1);
    const bus = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:eu-west-1:',
          { Ref: 'AWS::AccountId' },
          ':event-bus/default',
        ],
      ],
    };
    forwarding.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: rules.Copy.EventPattern,
      Targets: [{ Arn: bus, Id: 'Target0', RoleArn: Match.anyValue() }],
    });
    forwarding.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })],
      },
    });
    forwarding.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: bus }],
      },
    });
    forwarding.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('has no open finding of any pack nor of the Control Tower rules', () => {
    const app = testApp();
    registerAllPacks(app);
    Validations.of(app).addPlugins(new ControlTowerChecks());
    const { data: d, application, copy: c } = stage(app);
    expect([d, application, c].flatMap((s) => findings(s, allPacks()))).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('ChangeNotices refuses what would leave customers untold', () => {
  const props = { contacts: ['changes@customer.example'], version: '1.0.0' };

  test.each([
    [
      { ...props, contacts: [] },
      '`contacts` must name at least one customer contact (an e-mail address or an HTTPS endpoint) (SOC-C6), got: []',
    ],
    [
      { ...props, contacts: ['http://hooks.customer.example'] },
      '`contacts` must reach HTTP endpoints over TLS only: use `https://` (SOC-C6, DPP-25-TLS), got: "http://hooks.customer.example"',
    ],
    [
      { ...props, contacts: ['changes'] },
      '`contacts` must hold e-mail addresses or HTTPS endpoints (`https://...`) (SOC-C6), got: "changes"',
    ],
    [
      { ...props, version: ' ' },
      '`version` must name the release being deployed, so every notice says what changed (SOC-C6), got: " "',
    ],
  ])('%j', (given, message) => {
    const stack = new Stack(testApp(), 'Data');
    expect(() => new ChangeNotices(stack, 'Notices', given)).toThrow(`Data/Notices: ${message}`);
  });

  test('unresolved contacts and versions (stack parameters) are accepted unchecked', () => {
    const stack = new Stack(testApp(), 'Data');
    const contact = new CfnParameter(stack, 'Contact').valueAsString;
    const version = new CfnParameter(stack, 'Version').valueAsString;
    const notices = new ChangeNotices(stack, 'Notices', { contacts: [contact], version });
    notices.notifyChangesOf(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: { Ref: 'Contact' },
    });
  });

  test('a stack told of twice, or of another region without a known notice region, throws', () => {
    const app = testApp();
    const data = new Stack(app, 'Data');
    const copy = new Stack(app, 'Copy', { env: { region: 'us-west-2' } });
    const agnosticOther = new Stack(app, 'Other', { env: { account: '111122223333' } });
    const notices = new ChangeNotices(data, 'Notices', props);
    notices.notifyChangesOf(data);
    expect(() => notices.notifyChangesOf(data)).toThrow('`stack` must be told of once (SOC-C6)');
    expect(() => notices.notifyChangesOf(copy)).toThrow(
      '`noticeRegion` must name the region of the notices for a stack of another region',
    );
    const known = new Stack(app, 'Known', {
      env: { account: '444455556666', region: 'eu-west-1' },
    });
    const elsewhere = new ChangeNotices(known, 'Notices', props);
    expect(() => elsewhere.notifyChangesOf(agnosticOther)).toThrow(
      '`stack` must share the region of the notices or have a known region (`env.region`) (SOC-C6)',
    );
    const otherAccount = new Stack(app, 'OtherAccount', {
      env: { account: '777788889999', region: 'eu-west-1' },
    });
    expect(() => elsewhere.notifyChangesOf(otherAccount)).toThrow(
      '`stack` must be in the account of the notices (444455556666) (SOC-C6), got: 777788889999',
    );
  });

  test('notices that tell of no stack fail the synth', () => {
    const app = testApp();
    new ChangeNotices(new Stack(app, 'Data'), 'Notices', props);
    expect(() => app.synth()).toThrow('call `notifyChangesOf` for each production stack (SOC-C6)');
  });
});
