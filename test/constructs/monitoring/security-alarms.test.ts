import {
  aws_dynamodb as dynamodb,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import { AuditTrail } from '../../../constructs/logging/audit-trail';
import {
  SecurityAlarms,
  SecurityAlarmsProps,
} from '../../../constructs/monitoring/security-alarms';
import {
  SECURITY_EVENT_FILTERS,
  eventNamePattern,
} from '../../../constructs/monitoring/security-event-filters';
import { allPacks, findings, testStack, owned } from '../../helpers';

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function securityAlarms(
  props: Partial<SecurityAlarmsProps> = { incidentEmail: 'security@example.com' },
) {
  const stack = testStack();
  const trail = new AuditTrail(stack, 'Trail');
  const alarms = new SecurityAlarms(stack, 'Alarms', { trailLogGroup: trail.logGroup, ...props });
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, trail, alarms, id };
}

function resourcesOf(template: Template, type: string): Resource[] {
  return Object.values(template.findResources(type)) as Resource[];
}

describe('SecurityAlarms', () => {
  test('one metric filter per security event, on the trail log group, with the exact pattern', () => {
    const { stack, trail, id } = securityAlarms();
    const filters = resourcesOf(Template.fromStack(stack), 'AWS::Logs::MetricFilter');
    expect(filters.map((f) => f.Properties.FilterPattern)).toEqual(
      SECURITY_EVENT_FILTERS.map((f) => f.pattern),
    );
    for (const filter of filters) {
      expect(filter.Properties.LogGroupName).toEqual({ Ref: id(trail.logGroup) });
      expect(filter.Properties.MetricTransformations[0]).toMatchObject({
        MetricNamespace: 'CdkDpp/Security',
        MetricValue: '1',
      });
    }
  });

  test.each([
    [
      'UnauthorizedApiCalls',
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
      5,
    ],
    [
      'ConsoleSignInFailures',
      '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
      3,
    ],
    [
      'RootAccountUse',
      '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
      1,
    ],
    [
      'KmsKeyDeletion',
      '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey") || ($.eventName = "ScheduleKeyDeletion")) }',
      1,
    ],
  ])('%s: pattern and threshold', (metricName, pattern, threshold) => {
    const { stack } = securityAlarms();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: pattern,
      MetricTransformations: [{ MetricName: metricName, MetricNamespace: 'CdkDpp/Security' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Namespace: 'CdkDpp/Security',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test.each([
    [
      'IamChanges',
      ['PutRolePolicy', 'AttachRolePolicy', 'CreateAccessKey', 'UpdateAssumeRolePolicy'],
    ],
    ['SecurityGroupChanges', ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupEgress']],
    ['NetworkAclChanges', ['CreateNetworkAclEntry', 'ReplaceNetworkAclAssociation']],
    ['RouteChanges', ['CreateRoute', 'ReplaceRouteTableAssociation', 'AttachInternetGateway']],
    ['CloudTrailChanges', ['StopLogging', 'DeleteTrail', 'UpdateTrail']],
    ['ConfigChanges', ['StopConfigurationRecorder', 'DeleteDeliveryChannel']],
    ['GuardDutyDisabled', ['DeleteDetector', 'UpdateDetector', 'DisassociateMembers']],
  ])('%s watches %j', (id, eventNames) => {
    const filter = SECURITY_EVENT_FILTERS.find((f) => f.id === id);
    for (const name of eventNames) expect(filter?.pattern).toContain(`($.eventName = "${name}")`);
    expect(filter?.threshold).toBe(1);
  });

  test('eventNamePattern joins names with || and scopes them to a source', () => {
    expect(eventNamePattern(['A', 'B'])).toBe('{ ($.eventName = "A") || ($.eventName = "B") }');
    expect(eventNamePattern(['A'], 'x.amazonaws.com')).toBe(
      '{ ($.eventSource = "x.amazonaws.com") && (($.eventName = "A")) }',
    );
  });

  test('every alarm notifies the incident topic, and only it', () => {
    const { stack, alarms, id } = securityAlarms();
    alarms.addPiiBucket(new s3.Bucket(stack, 'Orders'));
    alarms.addPiiTable(
      new dynamodb.Table(stack, 'Buyers', {
        partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      }),
    );
    const all = resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::Alarm');
    expect(all).toHaveLength(SECURITY_EVENT_FILTERS.length + 4);
    expect(alarms.alarms).toHaveLength(all.length);
    for (const alarm of all) {
      expect(alarm.Properties.AlarmActions).toEqual([
        { Ref: id(alarms.incidentTopic as sns.Topic) },
      ]);
    }
  });

  test('the incident topic is KMS-encrypted, TLS-only, and the contact is subscribed', () => {
    const { stack, alarms, id } = securityAlarms();
    const template = Template.fromStack(stack);
    const topic = template.toJSON().Resources[id(alarms.incidentTopic as sns.Topic)];
    const topicKey = (alarms.incidentTopic as sns.Topic).masterKey;
    expect(topicKey).toBeInstanceOf(PiiKey);
    expect(topic.Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [id(topicKey as PiiKey), 'Arn'],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'security@example.com',
    });
    const [policy] = resourcesOf(template, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const [key] = resourcesOf(template, 'AWS::KMS::Key').filter(
      (k) => k.Properties.Description === 'Encrypts security notifications (cdk-dpp)',
    );
    const services = key.Properties.KeyPolicy.Statement.filter(
      (s: { Principal: { Service?: string } }) => s.Principal.Service,
    ).map((s: { Principal: { Service: string } }) => s.Principal.Service);
    expect(services).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
  });

  test('a PII bucket gets anomaly alarms on its requests and bytes read, per bucket name', () => {
    const { stack, alarms, id } = securityAlarms();
    const bucket = new s3.Bucket(stack, 'Orders');
    alarms.addPiiBucket(bucket);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.eventSource = "s3.amazonaws.com") && ($.eventCategory = "Data") }',
      MetricTransformations: [
        {
          MetricName: 'S3DataRequests',
          Dimensions: [{ Key: 'BucketName', Value: '$.requestParameters.bucketName' }],
        },
      ],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [
        {
          MetricName: 'S3BytesRead',
          MetricValue: '$.additionalEventData.bytesTransferredOut',
        },
      ],
    });
    const anomaly = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties.ThresholdMetricId,
    );
    expect(anomaly).toHaveLength(2);
    for (const alarm of anomaly) {
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'GreaterThanUpperThreshold',
        EvaluationPeriods: 2,
        ThresholdMetricId: 'expr_1',
      });
      const band = alarm.Properties.Metrics.find((m: { Id: string }) => m.Id === 'expr_1');
      expect(band.Expression).toBe('ANOMALY_DETECTION_BAND(m0, 3)');
      const metric = alarm.Properties.Metrics.find((m: { Id: string }) => m.Id === 'm0');
      expect(metric.MetricStat.Metric.Dimensions).toEqual([
        { Name: 'BucketName', Value: { Ref: id(bucket) } },
      ]);
    }
  });

  test('a PII table gets anomaly alarms on its requests and consumed read capacity', () => {
    const { stack, alarms, id } = securityAlarms();
    const table = new dynamodb.Table(stack, 'Buyers', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });
    alarms.addPiiTable(table);
    const anomaly = resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties.ThresholdMetricId,
    );
    const metrics = anomaly.map(
      (a) => a.Properties.Metrics.find((m: { Id: string }) => m.Id === 'm0').MetricStat.Metric,
    );
    expect(metrics).toEqual([
      {
        Namespace: 'CdkDpp/Security',
        MetricName: 'DynamoDbDataRequests',
        Dimensions: [{ Name: 'TableName', Value: { Ref: id(table) } }],
      },
      {
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ConsumedReadCapacityUnits',
        Dimensions: [{ Name: 'TableName', Value: { Ref: id(table) } }],
      },
    ]);
  });

  test('adding a store twice adds its alarms once', () => {
    const { stack, alarms } = securityAlarms();
    const bucket = new s3.Bucket(stack, 'Orders');
    alarms.addPiiBucket(bucket);
    alarms.addPiiBucket(bucket);
    expect(alarms.alarms).toHaveLength(SECURITY_EVENT_FILTERS.length + 2);
  });

  test('the dashboard shows every alarm', () => {
    const { stack, alarms } = securityAlarms();
    alarms.addPiiBucket(new s3.Bucket(stack, 'Orders'));
    const [dashboard] = resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody));
    expect(alarms.alarms).toHaveLength(SECURITY_EVENT_FILTERS.length + 2);
    for (const alarm of alarms.alarms) {
      expect(body).toContain(stack.getLogicalId(alarm.node.defaultChild as never));
    }
  });

  test('an existing topic replaces the new one', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Existing', { masterKey: new PiiKey(stack, 'Key') });
    const alarms = new SecurityAlarms(stack, 'Alarms', {
      trailLogGroup: new logs.LogGroup(stack, 'Logs'),
      incidentTopic: topic,
    });
    expect(alarms.incidentTopic).toBe(topic);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 1);
  });

  test.each([
    ['no contact', {}, '`incidentEmail` or `incidentTopic` must be given, exactly one of them'],
    [
      'not an e-mail address',
      { incidentEmail: 'security team' },
      '`incidentEmail` must be the e-mail address',
    ],
    ['no domain', { incidentEmail: 'security@' }, '(DPP-25-IMPOC), got: "security@"'],
  ])('rejects %s', (_label, props, message) => {
    expect(() => securityAlarms(props)).toThrow(message);
  });

  test('rejects both a contact and a topic', () => {
    const stack = testStack();
    expect(
      () =>
        new SecurityAlarms(stack, 'Alarms', {
          trailLogGroup: new logs.LogGroup(stack, 'Logs'),
          incidentEmail: 'security@example.com',
          incidentTopic: new sns.Topic(stack, 'Topic'),
        }),
    ).toThrow('(DPP-25-IMPOC, DPP-LM-7), got: both');
  });

  test('has no findings from any pack, with PII stores watched', () => {
    const { stack, alarms } = securityAlarms();
    alarms.addPiiBucket(s3.Bucket.fromBucketName(stack, 'Imported', 'orders-bucket'));
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });
});
