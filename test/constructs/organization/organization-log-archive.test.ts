import { Token, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AuditLogBucket } from '../../../constructs/logging/audit-log-bucket';
import { OrganizationLogArchive } from '../../../constructs/organization/organization-log-archive';
import { testApp, testStack } from '../../helpers';
import { ORG, accountStack, organizationStacks } from './organization-fixtures';

type Statement = Record<string, unknown>;

/** The trail ARN as the log-archive template renders it. */
const TRAIL_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:cloudtrail:${ORG.region}:${ORG.managementAccountId}:trail/${ORG.trailName}`,
    ],
  ],
};
const CLOUDTRAIL = { Service: 'cloudtrail.amazonaws.com' };

/** The statements of the one resource of `type` whose logical ID starts with `prefix`. */
function statementsOf(template: Template, type: string, prefix: string): Statement[] {
  const [id, resource] = Object.entries(template.findResources(type)).find(([logicalId]) =>
    logicalId.startsWith(prefix),
  ) as [string, { Properties: Record<string, { Statement: Statement[] }> }];
  expect(id).toBeDefined();
  const document = resource.Properties.PolicyDocument ?? resource.Properties.KeyPolicy;
  return document.Statement;
}

const toCloudTrail = (statements: Statement[]) =>
  statements.filter((s) => JSON.stringify(s.Principal) === JSON.stringify(CLOUDTRAIL));

describe('OrganizationLogArchive', () => {
  let template: Template;
  let bucketId: string;
  beforeAll(() => {
    const { logArchiveStack, logArchive } = organizationStacks();
    template = Template.fromStack(logArchiveStack);
    bucketId = logArchiveStack.getLogicalId(logArchive.bucket.node.defaultChild as s3.CfnBucket);
  });

  test('the bucket policy lets CloudTrail check the ACL and write under the two prefixes, only for the trail', () => {
    const statements = statementsOf(template, 'AWS::S3::BucketPolicy', 'ArchiveBucketPolicy');
    expect(toCloudTrail(statements)).toEqual([
      {
        Sid: 'OrganizationTrailAclCheck',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: 's3:GetBucketAcl',
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: 'OrganizationTrailWrite',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: 's3:PutObject',
        Resource: [`/AWSLogs/${ORG.managementAccountId}/*`, `/AWSLogs/${ORG.organizationId}/*`].map(
          (suffix) => ({
            'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, suffix]],
          }),
        ),
        Condition: {
          StringEquals: {
            'aws:SourceArn': TRAIL_ARN,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      },
    ]);
  });

  test('the bucket keeps TLS only, the delete denial and the reader denial; nothing else is allowed', () => {
    const statements = statementsOf(template, 'AWS::S3::BucketPolicy', 'ArchiveBucketPolicy');
    expect(statements.filter((s) => s.Effect === 'Allow').map((s) => s.Sid)).toEqual([
      'OrganizationTrailAclCheck',
      'OrganizationTrailWrite',
    ]);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({ Sid: 'DenyDeletingAuditRecords', Effect: 'Deny' }),
        expect.objectContaining({ Sid: 'DenyReadingToAllButAuditors', Effect: 'Deny' }),
      ]),
    );
  });

  test('the key lets CloudTrail encrypt, decrypt with the bucket key and describe, only for the trail', () => {
    const statements = statementsOf(template, 'AWS::KMS::Key', 'ArchiveBucketKey');
    const fromTheTrail = { StringEquals: { 'aws:SourceArn': TRAIL_ARN } };
    expect(toCloudTrail(statements)).toEqual([
      {
        Sid: 'OrganizationTrailEncryptLogs',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          ...fromTheTrail,
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  `:cloudtrail:*:${ORG.managementAccountId}:trail/${ORG.trailName}`,
                ],
              ],
            },
          },
        },
      },
      {
        Sid: 'OrganizationTrailDecryptBucketKey',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: fromTheTrail,
      },
      {
        Sid: 'OrganizationTrailDescribeKey',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: fromTheTrail,
      },
    ]);
  });

  test('the records stay write-once in COMPLIANCE mode and their events reach EventBridge', () => {
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: { ObjectLockEnabled: true },
    });
    expect(Object.values(buckets).map((b) => b.Properties.ObjectLockConfiguration)).toEqual([
      {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Days: 90, Mode: 'COMPLIANCE' } },
      },
    ]);
    expect(
      Object.values(template.findResources('AWS::S3::Bucket')).map(
        (b) => b.Properties.NotificationConfiguration,
      ),
    ).toEqual([
      { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    ]);
  });

  test('records its clauses on the bucket policy; the bucket stays the AuditLogBucket', () => {
    const recorded = (type: string, logicalId: string) =>
      (template.findResources(type)[logicalId].Metadata as Record<string, unknown>)['cdk-dpp'];
    const policyId = Object.keys(template.findResources('AWS::S3::BucketPolicy')).find((id) =>
      id.startsWith('ArchiveBucketPolicy'),
    ) as string;
    expect(recorded('AWS::S3::BucketPolicy', policyId)).toEqual({
      construct: 'OrganizationLogArchive',
      implements: ['DPP-AU-1', 'DPP-ES-1', 'DPP-LM-1', 'DPP-LM-3'],
    });
    expect(recorded('AWS::S3::Bucket', bucketId)).toMatchObject({ construct: 'AuditLogBucket' });
  });

  test('the trail ARN names the trail Region given, else the stack Region', () => {
    const stack = accountStack(testApp(), 'Other', ORG.logArchiveAccountId);
    const archive = new OrganizationLogArchive(stack, 'Archive', {
      organizationId: ORG.organizationId,
      managementAccountId: ORG.managementAccountId,
      trailName: ORG.trailName,
      trailRegion: 'us-east-1',
    });
    expect(stack.resolve(archive.trailArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          `:cloudtrail:us-east-1:${ORG.managementAccountId}:trail/${ORG.trailName}`,
        ],
      ],
    });
  });

  test('accepts an AuditLogBucket of its own and adds the statements to it', () => {
    const stack = testStack();
    const bucket = new AuditLogBucket(stack, 'Records');
    const archive = new OrganizationLogArchive(stack, 'Archive', {
      organizationId: ORG.organizationId,
      managementAccountId: ORG.managementAccountId,
      trailName: ORG.trailName,
      bucket,
    });
    expect(archive.bucket).toBe(bucket);
    expect(archive.key).toBe(bucket.key);
    const sids = statementsOf(
      Template.fromStack(stack),
      'AWS::S3::BucketPolicy',
      'RecordsPolicy',
    ).map((s) => s.Sid);
    expect(sids).toEqual(
      expect.arrayContaining(['OrganizationTrailAclCheck', 'OrganizationTrailWrite']),
    );
  });

  test.each([
    [
      'a token for the organization',
      { organizationId: Token.asString({ Ref: 'OrgId' }) },
      '`organizationId` must be a literal',
    ],
    [
      'a malformed organization ID',
      { organizationId: 'org-1' },
      '`organizationId` must be an organization ID',
    ],
    [
      'a short account ID',
      { managementAccountId: '1111' },
      '`managementAccountId` must be a 12-digit AWS account ID',
    ],
    ['a trail name with a space', { trailName: 'my trail' }, '`trailName` must be a trail name'],
    ['a malformed Region', { trailRegion: 'Europe' }, '`trailRegion` must be a Region name'],
  ])('refuses %s', (_, override, message) => {
    const props = {
      organizationId: ORG.organizationId,
      managementAccountId: ORG.managementAccountId,
      trailName: ORG.trailName,
      ...override,
    };
    expect(() => new OrganizationLogArchive(testStack(), 'Archive', props)).toThrow(message);
  });

  test('names every missing required prop with its clause', () => {
    expect(() => new OrganizationLogArchive(testStack(), 'Archive', undefined as never)).toThrow(
      /^Test\/Archive: `organizationId` is required: .*\(DPP-LM-1.*`managementAccountId` is required: .*`trailName` is required: /,
    );
  });
});
