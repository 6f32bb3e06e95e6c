import * as path from 'path';
import {
  Duration,
  FileSystem,
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
} from '../../../constructs/monitoring/account-baseline';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { allPacks, findings, testStack } from '../../helpers';

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

  test('Inspector is left to the organization only with a recorded reason', () => {
    const reason =
      'The security account enables Inspector for every member as delegated administrator.';
    const off = baseline({ inspectorEnabledElsewhere: { reason } });
    expect(resources(off.stack, 'Custom::AWS')).toHaveLength(0);
    const [detector] = resources(off.stack, 'AWS::GuardDuty::Detector');
    expect(detector.Metadata['cdk-dpp'].optOuts).toEqual([
      { setting: 'inspectorEnabledElsewhere', clauses: ['DPP-25-VULN', 'SOC-R4'], reason },
    ]);
    expect(() => baseline({ inspectorEnabledElsewhere: { reason: 'org' } })).toThrow(
      '`inspectorEnabledElsewhere.reason` must explain the opt-out in at least 20 characters',
    );
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
    const [schedule] = resources(stack, 'AWS::Events::Rule').filter(
      (r) => r.Properties.ScheduleExpression,
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
    const [alarm] = resources(stack, 'AWS::CloudWatch::Alarm');
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
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
