import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AmazonDataBucket, DataVpc } from '../../../lib';
import { allPacks, testStack, owned } from '../../helpers';
import { constructFindings } from './composition';

const DATA = { purpose: 'Settlement reports for reconciliation' };

function setup() {
  const stack = testStack();
  const vpc = new DataVpc(stack, 'Vpc');
  return { stack, vpc };
}

describe('AmazonDataBucket', () => {
  test('expires after 545 days, tagged amazon-data, retained, KMS-encrypted, endpoint-only', () => {
    const { stack, vpc } = setup();
    new AmazonDataBucket(stack, 'Reports', { vpcEndpoint: vpc.s3Endpoint, data: DATA });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'ExpireData',
              Status: 'Enabled',
              ExpirationInDays: 545,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReportsKey'), 'Arn'] },
              },
            }),
          ],
        },
        Tags: [{ Key: 'dpp:data-class', Value: 'amazon-data' }],
      }),
      Metadata: {
        'cdk-dpp': Match.objectLike({
          construct: 'AmazonDataBucket',
          implements: Match.arrayWith(['DPP-25-NONPII']),
          data: Match.objectLike({ dataClass: 'amazon-data', piiFields: [], retentionDays: 545 }),
        }),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyDataAccessOutsideVpcEndpoint',
            Condition: {
              StringNotEquals: {
                'aws:SourceVpce': { Ref: Match.stringLikeRegexp('^VpcS3Endpoint') },
              },
            },
          }),
        ]),
      },
    });
  });

  test.each([
    [546, '`expiration` must be at most 545 days (DPP-25-NONPII), got: 546 days'],
    [730, '`expiration` must be at most 545 days (DPP-25-NONPII), got: 730 days'],
    [0, '`expiration` must be a whole number of days, at least 1 (DPP-25-NONPII), got: 0 days'],
  ])('expiration of %i days throws', (days, message) => {
    const { stack, vpc } = setup();
    expect(
      () =>
        new AmazonDataBucket(stack, 'Reports', {
          vpcEndpoint: vpc.s3Endpoint,
          data: DATA,
          expiration: Duration.days(days),
        }),
    ).toThrow(message);
  });

  test('expiration of 545 days and noncurrent 545 days are accepted', () => {
    const { stack, vpc } = setup();
    new AmazonDataBucket(stack, 'Reports', {
      vpcEndpoint: vpc.s3Endpoint,
      data: DATA,
      expiration: Duration.days(545),
      noncurrentVersionExpiration: Duration.days(545),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            ExpirationInDays: 545,
            NoncurrentVersionExpiration: { NoncurrentDays: 545 },
          }),
        ],
      },
    });
  });

  test('needs no PII fields but a purpose', () => {
    const { stack, vpc } = setup();
    expect(
      () =>
        new AmazonDataBucket(stack, 'Reports', {
          vpcEndpoint: vpc.s3Endpoint,
          data: { purpose: '' },
        }),
    ).toThrow('`data.purpose` must say why the data is held (DPP-DG-3), got: ""');
  });

  test('refuses PII fields: a store that holds them is a PII store', () => {
    const { stack, vpc } = setup();
    expect(
      () =>
        new AmazonDataBucket(stack, 'Reports', {
          vpcEndpoint: vpc.s3Endpoint,
          data: { purpose: 'Reports', piiFields: ['buyerName'] },
        }),
    ).toThrow(
      '`data.piiFields` must be empty for a store of class amazon-data: a store that holds PII fields is a PII store (use PiiBucket or PiiTable) (DPP-DG-3, DPP-DR-1), got: ["buyerName"]',
    );
  });

  test('default bucket has zero findings from every pack', () => {
    const { stack, vpc } = setup();
    new AmazonDataBucket(stack, 'Reports', { vpcEndpoint: vpc.s3Endpoint, data: DATA });
    expect(constructFindings(owned(stack), allPacks())).toEqual([]);
  });
});
