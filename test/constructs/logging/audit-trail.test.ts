import { aws_dynamodb as dynamodb, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import { AuditTrail, AuditTrailProps } from '../../../constructs/logging/audit-trail';
import { allPacks, findings, testStack, owned } from '../../helpers';

function auditTrail(props: AuditTrailProps = {}) {
  const stack = testStack();
  const trail = new AuditTrail(stack, 'Audit', props);
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, trail, id };
}

function trailProperties(trail: AuditTrail) {
  const template = Template.fromStack(trail.trail.stack);
  const [resource] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
  return resource.Properties;
}

describe('AuditTrail', () => {
  test('multi-region, global services, validated, KMS-encrypted, to the audit bucket and logs', () => {
    const { trail, id } = auditTrail();
    const properties = trailProperties(trail);
    expect(properties).toMatchObject({
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      S3BucketName: { Ref: id(trail.bucket) },
      KMSKeyId: { 'Fn::GetAtt': [id(trail.bucket.key), 'Arn'] },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [id(trail.logGroup), 'Arn'] },
      InsightSelectors: [
        { InsightType: 'ApiCallRateInsight' },
        { InsightType: 'ApiErrorRateInsight' },
      ],
    });
    expect(properties.EventSelectors).toBeUndefined();
  });

  test('without PII stores it records management events only', () => {
    const { trail } = auditTrail();
    expect(trailProperties(trail).AdvancedEventSelectors).toEqual([
      {
        Name: 'Management events',
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
      },
    ]);
  });

  test('records reads and writes of every PII bucket object and table item added', () => {
    const { stack, trail, id } = auditTrail();
    const orders = new s3.Bucket(stack, 'Orders');
    const labels = new s3.Bucket(stack, 'Labels');
    const table = new dynamodb.Table(stack, 'Buyers', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });
    trail.addPiiBucket(orders);
    trail.addPiiBucket(labels);
    trail.addPiiBucket(orders);
    trail.addPiiTable(table);
    const selectors = trailProperties(trail).AdvancedEventSelectors;
    expect(selectors).toHaveLength(3);
    expect(selectors[1]).toEqual({
      Name: 'PII bucket objects',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        {
          Field: 'resources.ARN',
          StartsWith: [
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(orders), 'Arn'] }, '/']] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(labels), 'Arn'] }, '/']] },
          ],
        },
      ],
    });
    expect(selectors[2]).toEqual({
      Name: 'PII table items',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
        { Field: 'resources.ARN', Equals: [{ 'Fn::GetAtt': [id(table), 'Arn'] }] },
      ],
    });
    // no selector names a read-only or write-only type: reads and writes are both recorded
    expect(JSON.stringify(selectors)).not.toContain('readOnly');
  });

  test('its log group keeps events 13 months, encrypted, with the PII data protection policy', () => {
    const { stack, trail, id } = auditTrail();
    const template = Template.fromStack(stack);
    const group = template.toJSON().Resources[id(trail.logGroup)];
    expect(group.Properties.RetentionInDays).toBe(400);
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [id(trail.bucket.key), 'Arn'] });
    expect(group.Properties.DataProtectionPolicy.Name).toBe('cdk-dpp-mask-pii');
    expect(group.DeletionPolicy).toBe('Retain');
  });

  test('CloudTrail may use the key only for trails of this account, from this region', () => {
    const { stack, trail, id } = auditTrail();
    const key = Template.fromStack(stack).toJSON().Resources[id(trail.bucket.key)];
    const statement = key.Properties.KeyPolicy.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'CloudTrailEncryptLogs',
    );
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
    });
    expect(Object.keys(statement.Condition)).toEqual(['StringLike', 'ArnLike']);
  });

  test('the bucket lets CloudTrail write only under AWSLogs/<account>, from trails of this account', () => {
    const { stack, trail, id } = auditTrail();
    const policy = Object.values(
      Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'),
    ).find((p) => p.Properties.Bucket.Ref === id(trail.bucket));
    const write = policy?.Properties.PolicyDocument.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'CloudTrailWrite',
    );
    expect(write).toMatchObject({
      Action: 's3:PutObject',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    });
    expect(write.Resource['Fn::Join'][1]).toContain('/AWSLogs/');
    expect(write.Condition.ArnLike).toEqual({
      'aws:SourceArn': {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':cloudtrail:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':trail/*',
          ],
        ],
      },
    });
  });

  test('a given audit bucket is used instead of a new one', () => {
    const stack = testStack();
    const bucket = new AuditLogBucket(stack, 'Shared');
    const trail = new AuditTrail(stack, 'Audit', { bucket });
    expect(trail.bucket).toBe(bucket);
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 2);
  });

  test.each([
    ['isMultiRegionTrail', 'DPP-LM-1'],
    ['enableFileValidation', 'DPP-LM-3'],
    ['includeGlobalServiceEvents', 'DPP-LM-1'],
  ])('%s: false throws (%s)', (prop, clause) => {
    expect(() => auditTrail({ [prop]: false })).toThrow(
      `\`${prop}\` must be true (${clause}), got: false`,
    );
  });

  test.each([logs.RetentionDays.SIX_MONTHS, logs.RetentionDays.ONE_DAY])(
    'log retention of %d days, under a year, throws',
    (retention) => {
      expect(() => auditTrail({ logRetention: retention })).toThrow(
        `\`logRetention\` must be at least 365 days (DPP-LM-5, DPP-25-LOG), got: ${retention} days`,
      );
    },
  );

  test('log retention of a year is accepted', () => {
    const { stack, trail, id } = auditTrail({ logRetention: logs.RetentionDays.ONE_YEAR });
    const group = Template.fromStack(stack).toJSON().Resources[id(trail.logGroup)];
    expect(group.Properties.RetentionInDays).toBe(365);
  });

  test('has no findings from any pack, with PII stores added', () => {
    const { stack, trail } = auditTrail();
    trail.addPiiBucket(s3.Bucket.fromBucketName(stack, 'Imported', 'orders-bucket'));
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });
});
