import { Duration, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ServerAccessLogsBucket, deliverServerAccessLogs, secureBucketProps } from '../../../lib';
import { allPacks, findings, testStack, owned } from '../../helpers';
import { BLOCK_ALL_PUBLIC_ACCESS } from '../fixtures';

describe('ServerAccessLogsBucket', () => {
  test('SSE-S3, Block Public Access, no ACLs, versioned, retained, kept 400 days', () => {
    const stack = testStack();
    new ServerAccessLogsBucket(stack, 'Logs');
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'ExpireServerAccessLogs',
              Status: 'Enabled',
              ExpirationInDays: 400,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
        Tags: [{ Key: 'dpp:data-class', Value: 'no-amazon-data' }],
      },
      Metadata: {
        'cdk-dpp': Match.objectLike({
          construct: 'ServerAccessLogsBucket',
          data: Match.objectLike({
            dataClass: 'no-amazon-data',
            retentionDays: 400,
            piiFields: [],
            // the bucket declares itself: every word is the library's, the default expiration too
            defaults: [
              'purpose',
              'piiFields',
              'collection',
              'sharing',
              'retentionDays',
              'disposal',
              'erasure',
            ],
          }),
        }),
      },
    });
  });

  test('TLS 1.2+ only', () => {
    const stack = testStack();
    new ServerAccessLogsBucket(stack, 'Logs');
    const statements = Object.values(
      Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'),
    )[0].Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      }),
    );
  });

  test.each([1, 364])('expiration of %i days throws with DPP-LM-5', (days) => {
    const stack = testStack();
    expect(
      () => new ServerAccessLogsBucket(stack, 'Logs', { expiration: Duration.days(days) }),
    ).toThrow(`\`expiration\` must be at least 365 days (DPP-LM-5, DPP-25-LOG), got: ${days} days`);
  });

  test('expiration of 365 days is accepted', () => {
    const stack = testStack();
    new ServerAccessLogsBucket(stack, 'Logs', { expiration: Duration.days(365) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] },
    });
  });

  test('deliverServerAccessLogs points the source at the target and lets only S3 logging write', () => {
    const stack = testStack();
    const logs = new ServerAccessLogsBucket(stack, 'Logs');
    const source = new s3.Bucket(stack, 'Source', secureBucketProps({}));
    deliverServerAccessLogs(source, logs, 'source/');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^Logs') },
        LogFilePrefix: 'source/',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Logs') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] }, '/source/*'],
              ],
            },
            Condition: {
              ArnLike: {
                'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Source'), 'Arn'] },
              },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
  });

  test('default bucket has zero findings from every pack', () => {
    const stack = testStack();
    new ServerAccessLogsBucket(stack, 'Logs');
    expect(findings(owned(stack), allPacks())).toEqual([]);
  });
});
