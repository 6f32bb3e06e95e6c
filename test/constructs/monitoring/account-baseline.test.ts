import * as path from 'path';
import {
  App,
  Duration,
  FileSystem,
  Stack,
  aws_dynamodb as dynamodb,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_ASSETS_DIR } from '../../../constructs/common/function-asset';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import {
  AccountBaseline,
  AccountBaselineProps,
  GUARDDUTY_ALERT_SEVERITY,
  INSPECTOR_ALERT_SEVERITIES,
  SINGLETON_ACCOUNT_SERVICES,
} from '../../../constructs/monitoring/account-baseline';
import { AccountService, AccountServices } from '../../../constructs/monitoring/account-service';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { allPacks, findings, testStack, owned } from '../../helpers';

function baseline(props: Partial<AccountBaselineProps> = {}) {
  const stack = testStack();
  const auditBucket = new AuditLogBucket(stack, 'Audit');
  const incidentTopic = new IncidentTopic(stack, 'Incidents', {
    incidentEmail: 'security@example.com',
  });
  const construct = new AccountBaseline(stack, 'Baseline', {
    auditBucket,
    incidentTopic,
    ...props,
  });
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, auditBucket, incidentTopic, construct, id };
}

function resources(stack: ReturnType<typeof testStack>, type: string) {
  return Object.values(Template.fromStack(stack).findResources(type));
}

describe('AccountBaseline', () => {
  test.each([
    ['enabled here', {}],
    [
      'adopted',
      {
        inspector: AccountService.adopt({
          reason: 'The delegated administrator enables Inspector; a member lists its own findings.',
        }),
      },
    ],
  ])(
    'alarms on Inspector findings past their deadline to the incident topic, Inspector %s',
    (_, accountServices: AccountServices) => {
      const { stack, construct, incidentTopic } = baseline({ accountServices });
      const topic = { Ref: stack.getLogicalId(incidentTopic.node.defaultChild as never) };
      const alarms = resources(stack, 'AWS::CloudWatch::Alarm').filter(
        (a) => a.Properties.Namespace === 'cdk-dpp/Vulnerabilities',
      );
      expect(
        alarms.map((a) => [a.Properties.Dimensions[0].Value, a.Properties.AlarmActions]),
      ).toEqual([
        ['CRITICAL', [topic]],
        ['HIGH', [topic]],
      ]);
      expect(construct.vulnerabilityDeadlines.countFunction).toBeDefined();
    },
  );

  test('GuardDuty is enabled with S3 protection and malware protection', () => {
    const { stack } = baseline();
    const [detector] = resources(stack, 'AWS::GuardDuty::Detector');
    expect(detector.Properties.Enable).toBe(true);
    expect(detector.Properties.Features).toEqual([
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
      { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
      { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
    ]);
  });

  test('AWS Config records every resource type and delivers to the audit bucket, encrypted', () => {
    const { stack, auditBucket, id } = baseline();
    const [recorder] = resources(stack, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties.RecordingGroup).toEqual({
      AllSupported: true,
      IncludeGlobalResourceTypes: true,
    });
    const [channel] = resources(stack, 'AWS::Config::DeliveryChannel');
    expect(channel.Properties).toEqual({
      S3BucketName: { Ref: id(auditBucket) },
      S3KmsKeyArn: { 'Fn::GetAtt': [id(auditBucket.key), 'Arn'] },
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
  });

  test('managed Config rules for unused credentials, key rotation and the root user', () => {
    const { stack } = baseline({ maxAccessKeyAge: Duration.days(60) });
    const rules = resources(stack, 'AWS::Config::ConfigRule').map((r) => [
      r.Properties.Source.SourceIdentifier,
      r.Properties.InputParameters,
    ]);
    expect(rules).toEqual([
      ['IAM_USER_UNUSED_CREDENTIALS_CHECK', { maxCredentialUsageAge: 45 }],
      ['ACCESS_KEYS_ROTATED', { maxAccessKeyAge: 60 }],
      ['ROOT_ACCOUNT_MFA_ENABLED', undefined],
      ['IAM_ROOT_ACCESS_KEY_CHECK', undefined],
    ]);
    for (const rule of Object.values(
      Template.fromStack(stack).findResources('AWS::Config::ConfigRule'),
    )) {
      expect(rule.DependsOn).toEqual(
        expect.arrayContaining([expect.stringMatching(/^BaselineConfigRecorder/)]),
      );
    }
  });

  test('IAM Access Analyzer for external access and for unused access', () => {
    const { stack } = baseline({ unusedAccessAge: Duration.days(30) });
    const analyzers = resources(stack, 'AWS::AccessAnalyzer::Analyzer').map((a) => a.Properties);
    expect(analyzers).toEqual([
      { Type: 'ACCOUNT' },
      {
        Type: 'ACCOUNT_UNUSED_ACCESS',
        AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 30 } },
      },
    ]);
  });

  test('Inspector and GuardDuty findings of high severity go to the incident topic', () => {
    const { stack, incidentTopic, id } = baseline();
    const rules = resources(stack, 'AWS::Events::Rule').filter((r) => r.Properties.EventPattern);
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual([
      {
        source: ['aws.inspector2'],
        'detail-type': ['Inspector2 Finding'],
        detail: { severity: [...INSPECTOR_ALERT_SEVERITIES], status: ['ACTIVE'] },
      },
      {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', GUARDDUTY_ALERT_SEVERITY] }] },
      },
    ]);
    expect(INSPECTOR_ALERT_SEVERITIES).toEqual(['CRITICAL', 'HIGH']);
    for (const rule of rules) {
      expect(rule.Properties.Targets.map((t: { Arn: unknown }) => t.Arn)).toEqual([
        { Ref: id(incidentTopic) },
      ]);
    }
  });

  test('Inspector is enabled for EC2, ECR and Lambda through an AWS API call by default', () => {
    const { stack } = baseline();
    const [enable] = resources(stack, 'Custom::AWS');
    const call = JSON.parse(enable.Properties.Create);
    expect(call).toMatchObject({
      service: 'Inspector2',
      action: 'enable',
      parameters: { resourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] },
    });
  });

  test.each([
    ['maxAccessKeyAge', 0, 'DPP-25-CRED'],
    ['maxAccessKeyAge', 91, 'DPP-25-CRED'],
    ['maxCredentialUnusedAge', 0, 'DPP-NP-4'],
    ['maxCredentialUnusedAge', 91, 'DPP-NP-4'],
  ])('%s of %d days throws with %s', (prop, days, clause) => {
    expect(() => baseline({ [prop]: Duration.days(days) })).toThrow(
      `\`${prop}\` must be between 1 and 90 (${clause}), got: ${days}`,
    );
  });

  test.each([
    ['maxAccessKeyAge', 1],
    ['maxAccessKeyAge', 90],
    ['maxCredentialUnusedAge', 1],
    ['maxCredentialUnusedAge', 90],
  ])('%s of %d days is accepted', (prop, days) => {
    expect(() => baseline({ [prop]: Duration.days(days) })).not.toThrow();
  });

  test('the access review runs monthly on a current Node.js runtime and reports to the topic', () => {
    const { stack, construct, incidentTopic, id } = baseline();
    const fn = Template.fromStack(stack).toJSON().Resources[id(construct.accessReviewFunction)];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: { REVIEW_TOPIC_ARN: { Ref: id(incidentTopic) } } },
    });
    const [schedule] = resources(stack, 'AWS::Events::Rule').filter((r) =>
      String(r.Properties.Description).includes('access review'),
    );
    expect(schedule.Properties.ScheduleExpression).toBe('cron(0 8 1 * ? *)');
    expect(schedule.Properties.Targets[0].Arn).toEqual({
      'Fn::GetAtt': [id(construct.accessReviewFunction), 'Arn'],
    });
  });

  test('the access review is the bundled asset of the package, zipped as it is at synth', () => {
    const { stack, construct, id } = baseline();
    const fn = Template.fromStack(stack).toJSON().Resources[id(construct.accessReviewFunction)];
    const bundle = path.join(__dirname, '..', '..', '..', FUNCTION_ASSETS_DIR, 'access-review');
    expect(fn.Properties.Code).toEqual({
      S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
      S3Key: `${FileSystem.fingerprint(bundle)}.zip`,
    });
    expect(fn.Properties.Architectures).toEqual(['arm64']);
  });

  test('the review lists every PII store added, and may only read IAM and the analyzers', () => {
    const { stack, construct, id } = baseline();
    const bucket = new s3.Bucket(stack, 'Orders');
    const table = new dynamodb.Table(stack, 'Buyers', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });
    construct.addPiiBucket(bucket);
    construct.addPiiBucket(bucket);
    construct.addPiiTable(table);
    const fn = Template.fromStack(stack).toJSON().Resources[id(construct.accessReviewFunction)];
    const resolved = JSON.stringify(fn.Properties.Environment.Variables.PII_RESOURCES);
    expect(resolved).toContain(id(bucket));
    expect(resolved).toContain(id(table));
    expect(resolved).toContain('\\"kind\\":\\"s3\\"');
    expect(resolved).toContain('\\"kind\\":\\"dynamodb\\"');
    expect(resolved.split('\\"kind\\":\\"s3\\"')).toHaveLength(2);

    const actions = resources(stack, 'AWS::IAM::ManagedPolicy')
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('AccessReviewRole'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .flatMap((s: { Action: string | string[] }) => s.Action);
    expect(actions.sort()).toEqual(
      [
        'access-analyzer:ListFindings',
        'iam:ListRoles',
        'iam:ListUsers',
        'iam:SimulatePrincipalPolicy',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sns:Publish',
      ].sort(),
    );
  });

  test('a failed review raises an alarm on the incident topic', () => {
    const { stack, incidentTopic, id } = baseline();
    const [alarm] = resources(stack, 'AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties.Namespace === 'AWS/Lambda',
    );
    expect(alarm.Properties).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
      AlarmActions: [{ Ref: id(incidentTopic) }],
    });
  });

  test('a separate review topic receives the review', () => {
    const stack = testStack();
    const reviewTopic = new sns.Topic(stack, 'Reviews', { enforceSSL: true });
    const construct = new AccountBaseline(stack, 'Baseline', {
      auditBucket: new AuditLogBucket(stack, 'Audit'),
      incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'a@example.com' }),
      reviewTopic,
    });
    const fn =
      Template.fromStack(stack).toJSON().Resources[
        stack.getLogicalId(construct.accessReviewFunction.node.defaultChild as never)
      ];
    expect(fn.Properties.Environment.Variables.REVIEW_TOPIC_ARN).toEqual({
      Ref: stack.getLogicalId(reviewTopic.node.defaultChild as never),
    });
  });

  test.each([0, 366])('rejects an unused-access age of %d days', (days) => {
    expect(() => baseline({ unusedAccessAge: Duration.days(days) })).toThrow(
      `\`unusedAccessAge\` must be between 1 and 365 (DPP-NP-4), got: ${days}`,
    );
  });

  test.each([1, 365])('accepts an unused-access age of %d days', (days) => {
    expect(() => baseline({ unusedAccessAge: Duration.days(days) })).not.toThrow();
  });

  test('has no findings from any pack', () => {
    const { stack } = baseline();
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });

  // With a known region the partition is a literal (`@aws-cdk/core:enablePartitionLiterals`, on
  // in cdk.json), with a known account the account too: the wildcard ARNs the acknowledgements name must follow.
  test.each([
    ['a known region', { region: 'eu-west-1' }],
    ['a known account and region', { account: '111111111111', region: 'eu-west-1' }],
  ])('has no findings from any pack in a stack with %s', (_, env) => {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:enablePartitionLiterals': true },
    });
    const stack = new Stack(app, 'Known', { env });
    new AccountBaseline(stack, 'Baseline', {
      auditBucket: new AuditLogBucket(stack, 'Audit'),
      incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'a@example.com' }),
    });
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });

  describe('account services: created here or adopted', () => {
    const reason = 'The Control Tower audit account manages it for every member account.';
    const adoptAll: AccountServices = {
      guardDuty: AccountService.adopt({ reason }),
      config: AccountService.adopt({ reason }),
      externalAccessAnalyzer: AccountService.adopt({ reason }),
      unusedAccessAnalyzer: AccountService.adopt({ reason }),
      inspector: AccountService.adopt({ reason }),
    };
    const metadataOf = (stack: Stack, logicalId: string) =>
      Template.fromStack(stack).toJSON().Resources[logicalId].Metadata['cdk-dpp'];
    const routeId = (stack: Stack, source: string) =>
      Object.entries(Template.fromStack(stack).findResources('AWS::Events::Rule')).find(
        ([, r]) => JSON.stringify(r.Properties.EventPattern?.source) === JSON.stringify([source]),
      )?.[0] as string;

    test('by default every service is created, and nothing records an adoption', () => {
      const { stack } = baseline();
      for (const type of [
        'AWS::GuardDuty::Detector',
        'AWS::Config::ConfigurationRecorder',
        'AWS::Config::DeliveryChannel',
        'Custom::AWS',
      ]) {
        expect(resources(stack, type)).toHaveLength(1);
      }
      expect(resources(stack, 'AWS::AccessAnalyzer::Analyzer')).toHaveLength(2);
      const recorded = Object.values(Template.fromStack(stack).toJSON().Resources).flatMap(
        (r) =>
          (r as { Metadata?: { 'cdk-dpp'?: { optOuts?: unknown[] } } }).Metadata?.['cdk-dpp']
            ?.optOuts ?? [],
      );
      expect(recorded).toEqual([]);
    });

    test('an adopted GuardDuty creates no detector; its finding route stays and records the reason', () => {
      const { stack, construct } = baseline({
        accountServices: { guardDuty: AccountService.adopt({ reason }) },
      });
      expect(construct.detector).toBeUndefined();
      expect(resources(stack, 'AWS::GuardDuty::Detector')).toHaveLength(0);
      expect(metadataOf(stack, routeId(stack, 'aws.guardduty')).optOuts).toEqual([
        {
          setting: 'accountServices.guardDuty',
          clauses: ['DPP-LM-1', 'DPP-NP-6', 'DPP-25-MAL', 'SOC-R2', 'SOC-R3'],
          reason,
        },
      ]);
    });

    test('an adopted Config creates no recorder, channel or role; its rules stay, on the adopted recorder', () => {
      const { stack, construct, auditBucket, id } = baseline({
        accountServices: { config: AccountService.adopt({ reason }) },
      });
      expect(construct.recorder).toBeUndefined();
      expect(resources(stack, 'AWS::Config::ConfigurationRecorder')).toHaveLength(0);
      expect(resources(stack, 'AWS::Config::DeliveryChannel')).toHaveLength(0);
      expect(
        resources(stack, 'AWS::IAM::Role').filter((r) =>
          JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('config.amazonaws.com'),
        ),
      ).toHaveLength(0);
      const bucketPolicy =
        Template.fromStack(stack).toJSON().Resources[
          id({ node: { defaultChild: auditBucket.policy?.node.defaultChild } })
        ];
      expect(JSON.stringify(bucketPolicy ?? {})).not.toContain('config.amazonaws.com');
      const rules = Template.fromStack(stack).findResources('AWS::Config::ConfigRule');
      expect(Object.keys(rules)).toHaveLength(4);
      for (const rule of Object.values(rules)) expect(rule.DependsOn).toBeUndefined();
      const [first] = Object.keys(rules);
      expect(metadataOf(stack, first)).toEqual({
        construct: 'AccountBaseline',
        implements: [],
        optOuts: [{ setting: 'accountServices.config', clauses: ['DPP-DG-2', 'SOC-R8'], reason }],
      });
    });

    test('an adopted analyzer with its ARN is read by the access review; one without is not', () => {
      const arn = 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/existing-external';
      const { stack, construct, id } = baseline({
        accountServices: {
          externalAccessAnalyzer: AccountService.adoptAnalyzer(arn, { reason }),
          unusedAccessAnalyzer: AccountService.adopt({ reason }),
        },
      });
      expect(construct.externalAccessAnalyzer).toBeUndefined();
      expect(construct.unusedAccessAnalyzer).toBeUndefined();
      expect(resources(stack, 'AWS::AccessAnalyzer::Analyzer')).toHaveLength(0);
      const fn = Template.fromStack(stack).toJSON().Resources[id(construct.accessReviewFunction)];
      expect(fn.Properties.Environment.Variables.ANALYZER_ARNS).toBe(JSON.stringify([arn]));
      const listFindings = resources(stack, 'AWS::IAM::ManagedPolicy')
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((st: { Action: unknown }) => st.Action === 'access-analyzer:ListFindings');
      expect(listFindings.map((st: { Resource: unknown }) => st.Resource)).toEqual([arn]);
      expect(fn.Metadata['cdk-dpp'].optOuts.map((o: { setting: string }) => o.setting)).toEqual([
        'accountServices.externalAccessAnalyzer',
        'accountServices.unusedAccessAnalyzer',
      ]);
    });

    test('both analyzers adopted without an ARN: the review lists principals and may read no findings', () => {
      const { stack, construct, id } = baseline({
        accountServices: {
          externalAccessAnalyzer: AccountService.adopt({ reason }),
          unusedAccessAnalyzer: AccountService.adopt({ reason }),
        },
      });
      const fn = Template.fromStack(stack).toJSON().Resources[id(construct.accessReviewFunction)];
      expect(fn.Properties.Environment.Variables.ANALYZER_ARNS).toBe('[]');
      expect(JSON.stringify(resources(stack, 'AWS::IAM::ManagedPolicy'))).not.toContain(
        'access-analyzer:ListFindings',
      );
    });

    test('an adopted Inspector is not enabled here; its finding route stays and records the reason', () => {
      const { stack } = baseline({
        accountServices: { inspector: AccountService.adopt({ reason }) },
      });
      expect(resources(stack, 'Custom::AWS')).toHaveLength(0);
      expect(metadataOf(stack, routeId(stack, 'aws.inspector2')).optOuts).toEqual([
        { setting: 'accountServices.inspector', clauses: ['DPP-25-VULN', 'SOC-R4'], reason },
      ]);
    });

    test('with every service adopted, no singleton is created and no pack finds anything', () => {
      const { stack } = baseline({ accountServices: adoptAll });
      owned(stack);
      for (const type of [
        'AWS::GuardDuty::Detector',
        'AWS::Config::ConfigurationRecorder',
        'AWS::Config::DeliveryChannel',
        'AWS::AccessAnalyzer::Analyzer',
        'Custom::AWS',
      ]) {
        expect(resources(stack, type)).toHaveLength(0);
      }
      // the two finding routes, the access review's schedule and the deadline count's
      expect(resources(stack, 'AWS::Events::Rule')).toHaveLength(4);
      expect(resources(stack, 'AWS::Config::ConfigRule')).toHaveLength(4);
      expect(findings(stack, allPacks())).toEqual([]);
    });

    test('an adoption needs a real reason, and only an analyzer takes an ARN, a well-formed one', () => {
      expect(() =>
        baseline({ accountServices: { guardDuty: AccountService.adopt({ reason: 'org' }) } }),
      ).toThrow(
        '`accountServices.guardDuty.reason` must explain the opt-out in at least 20 characters',
      );
      expect(() =>
        baseline({
          accountServices: {
            guardDuty: AccountService.adoptAnalyzer(
              'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/a',
              { reason },
            ),
          },
        }),
      ).toThrow('`accountServices.guardDuty` names an analyzer ARN, which only the analyzers take');
      expect(() =>
        baseline({
          accountServices: {
            unusedAccessAnalyzer: AccountService.adoptAnalyzer('analyzer/a', { reason }),
          },
        }),
      ).toThrow(
        '`accountServices.unusedAccessAnalyzer.analyzerArn` must be the ARN of an IAM Access Analyzer analyzer (DPP-NP-4), got: "analyzer/a"',
      );
    });

    // GuardDuty quotas: 1 detector per account per Region, no increase; AWS Config: one customer
    // managed recorder per account per Region (PutConfigurationRecorder); IAM Access Analyzer
    // quotas: 1 account-level analyzer per analyzer type per account per Region.
    test('a second baseline creating a singleton in the same account and Region fails at synth', () => {
      expect(SINGLETON_ACCOUNT_SERVICES).toEqual([
        'guardDuty',
        'config',
        'externalAccessAnalyzer',
        'unusedAccessAnalyzer',
      ]);
      const app = new App();
      const env = { account: '123456789012', region: 'eu-west-1' };
      const add = (id: string, props: Partial<AccountBaselineProps> = {}, region = env.region) => {
        const stack = new Stack(app, id, { env: { ...env, region } });
        return new AccountBaseline(stack, 'Baseline', {
          auditBucket: new AuditLogBucket(stack, 'Audit'),
          incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'a@example.com' }),
          ...props,
        });
      };
      add('First');
      expect(() => add('OtherRegion', {}, 'eu-central-1')).not.toThrow();
      expect(() => add('Second', { accountServices: { guardDuty: adoptAll.guardDuty } })).toThrow(
        '`accountServices.config` must adopt what `First/Baseline` creates in 123456789012 eu-west-1 already',
      );
      expect(() => add('Third', { accountServices: adoptAll })).not.toThrow();
    });
  });

  describe('features a Region does not offer', () => {
    const reason = 'RDS Protection is not offered in the Region this stack deploys to.';

    test('a GuardDuty protection plan is left out of the detector only with a recorded reason', () => {
      const { stack } = baseline({
        guardDutyFeatureOptOuts: [{ feature: 'RDS_LOGIN_EVENTS', reason }],
      });
      const [detector] = resources(stack, 'AWS::GuardDuty::Detector');
      expect(detector.Properties.Features.map((f: { Name: string }) => f.Name)).toEqual([
        'S3_DATA_EVENTS',
        'EBS_MALWARE_PROTECTION',
        'LAMBDA_NETWORK_LOGS',
      ]);
      expect(detector.Metadata['cdk-dpp'].optOuts).toEqual([
        {
          setting: 'guardDutyFeatureOptOuts[RDS_LOGIN_EVENTS]',
          clauses: ['DPP-NP-6', 'SOC-R2'],
          reason,
        },
      ]);
    });

    // Inspector API reference, common errors: AccessDeniedException "For Enable, you receive this
    // error if you attempt to use a feature in an unsupported AWS Region."
    test('Lambda code scanning is left out of the Enable call only with a recorded reason', () => {
      const lambdaCode = 'Lambda code scanning is not offered in this Region.';
      const { stack } = baseline({
        inspectorResourceTypeOptOuts: [{ feature: 'LAMBDA_CODE', reason: lambdaCode }],
      });
      const [enable] = resources(stack, 'Custom::AWS');
      const call = JSON.parse(enable.Properties.Create);
      expect(call.parameters.resourceTypes).toEqual(['EC2', 'ECR', 'LAMBDA']);
      expect(call.physicalResourceId.id).toBe('inspector2-EC2-ECR-LAMBDA');
      expect(enable.Metadata['cdk-dpp'].optOuts).toEqual([
        {
          setting: 'inspectorResourceTypeOptOuts[LAMBDA_CODE]',
          clauses: ['DPP-25-VULN', 'SOC-R4'],
          reason: lambdaCode,
        },
      ]);
    });

    test('a feature opt-out names a known feature, keeps one, and only for a service created here', () => {
      expect(() =>
        baseline({ guardDutyFeatureOptOuts: [{ feature: 'RDS_PROTECTION', reason }] }),
      ).toThrow('`guardDutyFeatureOptOuts` must name features of S3_DATA_EVENTS');
      expect(() =>
        baseline({
          inspectorResourceTypeOptOuts: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'].map((feature) => ({
            feature,
            reason,
          })),
        }),
      ).toThrow('`inspectorResourceTypeOptOuts` must keep at least one feature');
      expect(() =>
        baseline({
          accountServices: { guardDuty: AccountService.adopt({ reason }) },
          guardDutyFeatureOptOuts: [{ feature: 'RDS_LOGIN_EVENTS', reason }],
        }),
      ).toThrow('`guardDutyFeatureOptOuts` applies only to a service the baseline creates');
      expect(() =>
        baseline({ guardDutyFeatureOptOuts: [{ feature: 'RDS_LOGIN_EVENTS', reason: 'no' }] }),
      ).toThrow('`guardDutyFeatureOptOuts[RDS_LOGIN_EVENTS].reason` must explain the opt-out');
    });
  });

  // GuardDuty creates AWSServiceRoleForAmazonGuardDuty (and, for Malware Protection for EC2,
  // AWSServiceRoleForAmazonGuardDutyMalwareProtection) itself when the detector is enabled; the
  // Enable call of Inspector creates AWSServiceRoleForAmazonInspector2 with the caller's rights.
  test('the Inspector call may create Inspector’s service-linked role and no other', () => {
    const { stack } = baseline();
    const statements = resources(stack, 'AWS::IAM::ManagedPolicy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st: { Action: unknown }) => st.Action === 'iam:CreateServiceLinkedRole');
    expect(statements).toEqual([
      {
        Action: 'iam:CreateServiceLinkedRole',
        Effect: 'Allow',
        Condition: { StringEquals: { 'iam:AWSServiceName': 'inspector2.amazonaws.com' } },
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::',
              { Ref: 'AWS::AccountId' },
              ':role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2',
            ],
          ],
        },
      },
    ]);
  });

  describe('the AWS Config recorder', () => {
    test('records global IAM types unless told not to, for the other Regions of the account', () => {
      const { stack } = baseline({ recordGlobalResourceTypes: false });
      const [recorder] = resources(stack, 'AWS::Config::ConfigurationRecorder');
      expect(recorder.Properties.RecordingGroup).toEqual({
        AllSupported: true,
        IncludeGlobalResourceTypes: false,
      });
    });

    test('assumes its own role scoped to the audit bucket, not the service-linked role', () => {
      const { stack } = baseline();
      const [recorder] = resources(stack, 'AWS::Config::ConfigurationRecorder');
      expect(recorder.Properties.RoleARN).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^BaselineConfigRole/), 'Arn'],
      });
      expect(resources(stack, 'AWS::IAM::ServiceLinkedRole')).toHaveLength(0);
    });
  });
});
