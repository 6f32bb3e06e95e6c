import { Token, aws_dynamodb as dynamodb, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationTrail } from '../../../constructs/organization/organization-trail';
import { findMechanisms } from '../../../lib/controls/find-mechanisms';
import { TemplateResource } from '../../../lib/controls/mechanism';
import { testApp, testStack } from '../../helpers';
import { ORG, accountStack, organizationStacks } from './organization-fixtures';

const TRAIL_PROPS = {
  trailName: ORG.trailName,
  logArchiveBucketName: ORG.bucketName,
  logArchiveKeyArn: ORG.keyArn,
};

describe('OrganizationTrail', () => {
  let built: ReturnType<typeof organizationStacks>;
  let template: Template;
  beforeAll(() => {
    built = organizationStacks();
    template = Template.fromStack(built.managementStack);
  });

  test('is an organization trail of every region and the global services, validated, to the log archive', () => {
    const id = (construct: { node: { defaultChild?: unknown } }) =>
      built.managementStack.getLogicalId(construct.node.defaultChild as never);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: ORG.trailName,
      IsOrganizationTrail: true,
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      S3BucketName: ORG.bucketName,
      KMSKeyId: ORG.keyArn,
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [id(built.trail.logGroup), 'Arn'] },
      InsightSelectors: [
        { InsightType: 'ApiCallRateInsight' },
        { InsightType: 'ApiErrorRateInsight' },
      ],
      AdvancedEventSelectors: [
        {
          Name: 'Management events',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
        },
      ],
    });
  });

  test('delivers to a log group of the management account, under its own key, kept 13 months', () => {
    const id = built.managementStack.getLogicalId(
      built.trail.logGroupKey.node.defaultChild as never,
    );
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 400,
      KmsKeyId: { 'Fn::GetAtt': [id, 'Arn'] },
    });
  });

  test('adds no policy to any bucket or key of the log-archive account', () => {
    expect(template.findResources('AWS::S3::BucketPolicy')).toEqual({});
    expect(template.findResources('AWS::S3::Bucket')).toEqual({});
  });

  test('names the same trail ARN as the log archive', () => {
    const resolve = (arn: string, stack = built.managementStack) => stack.resolve(arn);
    expect(resolve(built.trail.trailArn)).toEqual(
      resolve(built.logArchive.trailArn, built.logArchiveStack),
    );
  });

  test('counts as the trail mechanism of DPP-AU-1, DPP-AU-2 and SOC-R8 in the evidence report', () => {
    const resources: TemplateResource[] = Object.entries(template.toJSON().Resources).map(
      ([logicalId, r]) => {
        const resource = r as {
          Type: string;
          Properties?: Record<string, unknown>;
          Metadata?: Record<string, unknown>;
        };
        return {
          stack: 'Management',
          logicalId,
          type: resource.Type,
          properties: resource.Properties ?? {},
          metadata: resource.Metadata,
        };
      },
    );
    const trailId = built.managementStack.getLogicalId(built.trail.trail);
    const providers = (clause: string, mechanism: string) =>
      findMechanisms(resources)
        .find((e) => e.clause === clause)
        ?.present.find((p) => p.mechanism.name === mechanism)
        ?.resources.map((r) => r.logicalId);
    expect(providers('SOC-R8', 'Multi-region CloudTrail trail')).toEqual([trailId]);
    expect(providers('DPP-AU-1', 'Multi-region CloudTrail trail')).toEqual([trailId]);
    expect(providers('DPP-AU-2', 'CloudTrail trail with log file validation')).toEqual([trailId]);
  });

  test('records the data events of PII stores of member accounts', () => {
    const stack = accountStack(testApp(), 'Management', ORG.managementAccountId);
    const trail = new OrganizationTrail(stack, 'Trail', TRAIL_PROPS);
    trail.addPiiBucket(s3.Bucket.fromBucketName(stack, 'Labels', 'member-labels'));
    trail.addPiiTable(
      dynamodb.Table.fromTableArn(
        stack,
        'Orders',
        'arn:aws:dynamodb:eu-west-1:444444444444:table/orders',
      ),
    );
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [
        { Name: 'Management events' },
        {
          Name: 'PII bucket objects',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            {
              Field: 'resources.ARN',
              StartsWith: [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::member-labels/']] },
              ],
            },
          ],
        },
        {
          Name: 'PII table items',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
            {
              Field: 'resources.ARN',
              Equals: ['arn:aws:dynamodb:eu-west-1:444444444444:table/orders'],
            },
          ],
        },
      ],
    });
  });

  test.each([
    [
      'a token for the bucket, which cannot resolve in another account',
      { logArchiveBucketName: Token.asString({ 'Fn::ImportValue': 'ArchiveBucket' }) },
      '`logArchiveBucketName` must be a literal',
    ],
    [
      'a key alias instead of the key ARN',
      { logArchiveKeyArn: 'alias/audit' },
      '`logArchiveKeyArn` must be the ARN of a KMS key',
    ],
    [
      'an invalid bucket name',
      { logArchiveBucketName: 'Audit_Records' },
      '`logArchiveBucketName` must be an S3 bucket name',
    ],
    [
      'a trail name starting with a dash',
      { trailName: '-trail' },
      '`trailName` must be a trail name',
    ],
    [
      'a trail name with adjacent dashes',
      { trailName: 'org--trail' },
      '`trailName` must be a trail name',
    ],
    [
      'a trail name that is an IP address',
      { trailName: '192.168.5.4' },
      '`trailName` must be a trail name',
    ],
    [
      'a log retention under a year',
      { logRetention: logs.RetentionDays.SIX_MONTHS },
      '`logRetention` must be at least 365 days (DPP-LM-5, DPP-25-LOG), got: 180 days',
    ],
  ])('refuses %s', (_, override, message) => {
    expect(
      () => new OrganizationTrail(testStack(), 'Trail', { ...TRAIL_PROPS, ...override }),
    ).toThrow(message);
  });

  test('names every missing required prop with its clause', () => {
    expect(() => new OrganizationTrail(testStack(), 'Trail', undefined as never)).toThrow(
      /^Test\/Trail: `trailName` is required: .*\(DPP-LM-1, DPP-LM-3\).*`logArchiveBucketName` is required: .*`logArchiveKeyArn` is required: .*\(DPP-ES-1\)/,
    );
  });
});
