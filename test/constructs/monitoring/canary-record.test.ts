import {
  Stack,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AuditTrail } from '../../../constructs/logging/audit-trail';
import {
  CANARY_BUYER,
  CanaryRecord,
  CanaryRecordProps,
  S3_OBJECT_READ_EVENTS,
} from '../../../constructs/monitoring/canary-record';
import { SecurityAlarms } from '../../../constructs/monitoring/security-alarms';
import { allPacks, findings, testStack, owned } from '../../helpers';
import { piiStoresBehindImportedEndpoint } from '../fixtures';

function setUp() {
  const stack = testStack();
  const trail = new AuditTrail(stack, 'Trail');
  const alarms = new SecurityAlarms(stack, 'Alarms', {
    trailLogGroup: trail.logGroup,
    incidentEmail: 'security@example.com',
  });
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, trail, topic: alarms.incidentTopic as sns.Topic, id };
}

/** A canary record `Canary` in a plain bucket `Orders`, with `props` over the defaults. */
function bucketCanary(context: ReturnType<typeof setUp>, props: Partial<CanaryRecordProps> = {}) {
  const bucket = new s3.Bucket(context.stack, 'Orders');
  const record = new CanaryRecord(context.stack, 'Canary', {
    incidentTopic: context.topic,
    trail: context.trail,
    bucket,
    ...props,
  });
  return { bucket, record };
}

function resource(stack: Stack, type: string) {
  const [found] = Object.values(Template.fromStack(stack).findResources(type));
  return found;
}

describe('CanaryRecord in a bucket', () => {
  test('plants a synthetic object with an AWS API call at create and update', () => {
    const context = setUp();
    const { record } = bucketCanary(context, {
      objectKey: 'orders/2025/113-0000000-0000000.json',
    });
    const plant = resource(context.stack, 'Custom::AWS');
    const create = JSON.parse(
      JSON.stringify(plant.Properties.Create['Fn::Join'][1]).replace(
        /\{"Ref":"\w+"\}/g,
        '"BUCKET"',
      ),
    ).join('');
    expect(JSON.parse(create)).toMatchObject({
      service: 'S3',
      action: 'putObject',
      parameters: {
        Bucket: 'BUCKET',
        Key: 'orders/2025/113-0000000-0000000.json',
        ContentType: 'application/json',
      },
    });
    const body = JSON.parse(JSON.parse(create).parameters.Body);
    expect(body).toEqual({ orderId: record.recordKey, ...CANARY_BUYER });
    expect(plant.Properties.Update).toEqual(plant.Properties.Create);
  });

  test('the decoy holds synthetic data only', () => {
    expect(CANARY_BUYER.buyerEmail).toMatch(/@example\.invalid$/);
    expect(CANARY_BUYER.buyerPhone).toMatch(/^\+1-202-555-01\d\d$/);
  });

  test('the EventBridge rule matches a read of the canary key in this bucket and notifies the incident topic', () => {
    const context = setUp();
    const { bucket, record } = bucketCanary(context);
    expect(record.recordKey).toMatch(/^orders\/[0-9a-f]{8}\.json$/);
    const rule = resource(context.stack, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['s3.amazonaws.com'],
        eventName: [...S3_OBJECT_READ_EVENTS],
        requestParameters: {
          bucketName: [{ Ref: context.id(bucket) }],
          key: [record.recordKey],
        },
      },
    });
    expect(S3_OBJECT_READ_EVENTS).toEqual(expect.arrayContaining(['GetObject', 'HeadObject']));
    expect(rule.Properties.EventPattern.detail.eventName).not.toContain('PutObject');
    expect(rule.Properties.Targets).toHaveLength(1);
    expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: context.id(context.topic) });
    expect(rule.Properties.Targets[0].InputTransformer.InputPathsMap).toMatchObject({
      'detail-userIdentity-arn': '$.detail.userIdentity.arn',
    });
  });

  test('reads in sessions of expected readers do not alarm; every other caller does', () => {
    const context = setUp();
    const backupRole = iam.Role.fromRoleArn(
      context.stack,
      'BackupRole',
      'arn:aws:iam::111122223333:role/backup',
    );
    const { bucket } = bucketCanary(context, { expectedReaders: [backupRole] });
    const detail = resource(context.stack, 'AWS::Events::Rule').Properties.EventPattern.detail;
    expect(detail.userIdentity).toEqual({
      $or: [
        { type: [{ 'anything-but': ['AssumedRole'] }] },
        {
          sessionContext: {
            sessionIssuer: { arn: [{ 'anything-but': ['arn:aws:iam::111122223333:role/backup'] }] },
          },
        },
      ],
    });
    expect(detail.requestParameters.bucketName).toEqual([{ Ref: context.id(bucket) }]);
  });

  test('the trail records the bucket data events the rule needs', () => {
    const { stack, trail, id } = setUp();
    const bucket = new s3.Bucket(stack, 'Orders');
    new CanaryRecord(stack, 'Canary', { incidentTopic: new sns.Topic(stack, 'T'), trail, bucket });
    const selectors = resource(stack, 'AWS::CloudTrail::Trail').Properties.AdvancedEventSelectors;
    expect(JSON.stringify(selectors)).toContain(
      JSON.stringify({ 'Fn::GetAtt': [id(bucket), 'Arn'] }),
    );
  });

  test('a schedule plants the object again every 7 days with the same call', () => {
    const context = setUp();
    const { record } = bucketCanary(context);
    const schedule = resource(context.stack, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(7 days)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:s3:putObject'],
          ],
        },
      },
    });
    const input = JSON.stringify(schedule.Properties.Target.Input);
    const body = JSON.stringify(JSON.stringify({ orderId: record.recordKey, ...CANARY_BUYER }));
    expect(input).toContain(JSON.stringify(`"Body":${body}`).slice(1, -1));
  });

  test('the planting roles may put the canary object only', () => {
    const context = setUp();
    const { bucket, record } = bucketCanary(context);
    const policies = Object.values(
      Template.fromStack(context.stack).findResources('AWS::IAM::ManagedPolicy'),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const puts = policies.filter((s: { Action: string }) => s.Action === 's3:PutObject');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      expect(put.Resource).toEqual({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [context.id(bucket), 'Arn'] }, `/${record.recordKey}`]],
      });
    }
  });
});

describe('CanaryRecord in a table', () => {
  test('plants a synthetic item keyed by the table partition key', () => {
    const context = setUp();
    const table = new dynamodb.Table(context.stack, 'Buyers', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'line', type: dynamodb.AttributeType.STRING },
    });
    const record = new CanaryRecord(context.stack, 'Canary', {
      incidentTopic: context.topic,
      trail: context.trail,
      table,
      partitionKeyValue: 'ORDER#113-0000000-0000000',
    });
    const create = resource(context.stack, 'Custom::AWS').Properties.Create;
    const text = JSON.stringify(create);
    expect(text).toContain('\\"action\\":\\"putItem\\"');
    expect(text).toContain('\\"orderId\\":{\\"S\\":\\"ORDER#113-0000000-0000000\\"}');
    expect(text).toContain('\\"line\\":{\\"S\\":\\"CANARY\\"}');
    expect(text).toContain('\\"buyerName\\":{\\"S\\":\\"Casey Canary\\"}');
    expect(record.recordKey).toBe('ORDER#113-0000000-0000000');
    const planter = Object.values(
      Template.fromStack(context.stack).findResources('AWS::IAM::ManagedPolicy'),
    )
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .find((s: { Action: string }) => s.Action === 'dynamodb:PutItem');
    expect(planter.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ORDER#113-0000000-0000000'] },
    });
  });

  test('the rule matches GetItem of the canary key and any Scan of the table', () => {
    const context = setUp();
    const table = new dynamodb.Table(context.stack, 'Buyers', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });
    const record = new CanaryRecord(context.stack, 'Canary', {
      incidentTopic: context.topic,
      trail: context.trail,
      table,
    });
    expect(record.recordKey).toMatch(/^ORDER#[0-9a-f]{8}$/);
    expect(resource(context.stack, 'AWS::Events::Rule').Properties.EventPattern).toEqual({
      source: ['aws.dynamodb'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['dynamodb.amazonaws.com'],
        requestParameters: { tableName: [{ Ref: context.id(table) }] },
        $or: [
          { eventName: ['GetItem'], requestParameters: { key: { orderId: [record.recordKey] } } },
          { eventName: ['Scan'] },
        ],
      },
    });
  });

  test('an imported table needs the partition key name', () => {
    const context = setUp();
    const table = dynamodb.Table.fromTableName(context.stack, 'Imported', 'buyers');
    expect(
      () =>
        new CanaryRecord(context.stack, 'Canary', {
          incidentTopic: context.topic,
          trail: context.trail,
          table,
        }),
    ).toThrow(
      '`partitionKeyName` must name the partition key of an imported table (DPP-LM-6), got: undefined',
    );
    expect(
      () =>
        new CanaryRecord(context.stack, 'Canary2', {
          incidentTopic: context.topic,
          trail: context.trail,
          table,
          partitionKeyName: 'pk',
        }),
    ).not.toThrow();
  });
});

describe('CanaryRecord validation', () => {
  test.each([
    ['neither store', false, false, 'got: neither'],
    ['both stores', true, true, 'got: both'],
  ])('rejects %s', (_label, withBucket, withTable, message) => {
    const context = setUp();
    const bucket = withBucket ? new s3.Bucket(context.stack, 'Orders') : undefined;
    const table = withTable
      ? new dynamodb.Table(context.stack, 'Buyers', {
          partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
        })
      : undefined;
    expect(
      () =>
        new CanaryRecord(context.stack, 'Canary', {
          incidentTopic: context.topic,
          trail: context.trail,
          bucket,
          table,
        }),
    ).toThrow(
      `\`bucket\` or \`table\` must be given, exactly one of them: a canary record lives in one PII store (DPP-LM-6), ${message}`,
    );
  });
});

/** A canary record in each of the library's PII stores, a bucket and a table. */
function canariesInPiiStores(context: ReturnType<typeof setUp>) {
  const { bucket, table } = piiStoresBehindImportedEndpoint(context.stack);
  const { topic: incidentTopic, trail } = context;
  new CanaryRecord(context.stack, 'BucketCanary', { incidentTopic, trail, bucket });
  new CanaryRecord(context.stack, 'TableCanary', { incidentTopic, trail, table });
  return { bucket, table };
}

describe('CanaryRecord in the library PII stores', () => {
  test('the planting roles become the stores only exceptions to the VPC-endpoint rule', () => {
    const context = setUp();
    const { bucket } = canariesInPiiStores(context);
    const template = Template.fromStack(context.stack);
    const bucketPolicy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === context.id(bucket),
    );
    const deny = bucketPolicy?.Properties.PolicyDocument.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'DenyDataAccessOutsideVpcEndpoint',
    );
    expect(deny.Condition.ArnNotEquals['aws:PrincipalArn']).toHaveLength(2);
  });

  test('default props with PII stores: no findings in the canary, the trail or the alarms', () => {
    const context = setUp();
    canariesInPiiStores(context);
    const mine = findings(owned(context.stack), allPacks()).filter(
      (f) => !f.path.startsWith('Test/Orders') && !f.path.startsWith('Test/Buyers'),
    );
    expect(mine).toEqual([]);
  });

  test('has no findings from any pack with plain stores', () => {
    const context = setUp();
    new CanaryRecord(context.stack, 'Canary', {
      incidentTopic: context.topic,
      trail: context.trail,
      bucket: s3.Bucket.fromBucketName(context.stack, 'Imported', 'orders'),
    });
    expect(findings(owned(context.stack), allPacks())).toEqual([]);
  });
});
