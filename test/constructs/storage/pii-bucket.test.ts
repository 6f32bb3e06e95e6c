import { CfnParameter, Duration, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BucketMalwareProtection } from '../../../constructs/monitoring/bucket-malware-protection';
import { IncidentTopic } from '../../../constructs/monitoring/incident-topic';
import { DataBucketProps, DataVpc, PiiBucket, PiiKey, ServerAccessLogsBucket } from '../../../lib';
import { allPacks, testStack, owned } from '../../helpers';
import { BLOCK_ALL_PUBLIC_ACCESS, sseKmsWithBucketKey } from '../fixtures';
import { constructFindings } from './composition';

const DATA = { purpose: 'Print shipping labels', piiFields: ['buyerName', 'shippingAddress'] };
const S3_VIA_SERVICE = { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] };
const REASON = 'Partner uploads through a presigned POST from outside the VPC';

function setup() {
  const stack = testStack();
  const vpc = new DataVpc(stack, 'Vpc');
  return { stack, vpc };
}

/** A PiiBucket `Orders` behind the S3 endpoint of a new DataVpc, with `props` over the defaults. */
function ordersBucket(props: Partial<DataBucketProps> = {}) {
  const { stack, vpc } = setup();
  const bucket = new PiiBucket(stack, 'Orders', {
    vpcEndpoint: vpc.s3Endpoint,
    data: DATA,
    ...props,
  });
  return { stack, vpc, bucket };
}

function bucketPolicy(template: Template): Record<string, unknown>[] {
  const policies = template.findResources('AWS::S3::BucketPolicy', {
    Properties: { Bucket: { Ref: Match.stringLikeRegexp('^Orders[0-9A-F]{8}$') } },
  });
  return Object.values(policies)[0].Properties.PolicyDocument.Statement;
}

describe('PiiBucket', () => {
  test('a named bucket is deleted by the rollback of its own creation, retained otherwise', () => {
    const { stack } = ordersBucket({ bucketName: 'dpp-order-documents' });
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ BucketName: 'dpp-order-documents' }),
    });
  });

  test('SSE-KMS with its PiiKey and a bucket key, BPA, no ACLs, versioned, retained, tagged pii', () => {
    const { stack } = ordersBucket();
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: sseKmsWithBucketKey({
          'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'],
        }),
        PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^OrdersAccessLogs') },
          LogFilePrefix: 'Orders/',
        },
        Tags: [{ Key: 'dpp:data-class', Value: 'pii' }],
      }),
    });
  });

  test('current versions expire after 30 days, noncurrent after 1', () => {
    const { stack } = ordersBucket();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'ExpireData',
            Status: 'Enabled',
            ExpirationInDays: 30,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
    });
  });

  test('the policy denies non-TLS, TLS < 1.2, access outside the endpoint and stale presigned URLs', () => {
    const { stack } = ordersBucket();
    const statements = bucketPolicy(Template.fromStack(stack));
    const bucketArn = { 'Fn::GetAtt': [expect.stringMatching(/^Orders[0-9A-F]{8}$/), 'Arn'] };
    const objects = { 'Fn::Join': ['', [bucketArn, '/*']] };
    expect(statements).toEqual([
      {
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: [bucketArn, objects],
      },
      {
        Action: 's3:*',
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: [bucketArn, objects],
      },
      {
        Sid: 'DenyDataAccessOutsideVpcEndpoint',
        Action: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:RestoreObject',
          's3:ListBucket*',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
          's3:ReplicateObject',
          's3:ReplicateDelete',
        ],
        Condition: {
          StringNotEquals: { 'aws:SourceVpce': { Ref: expect.stringMatching(/^VpcS3Endpoint/) } },
        },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: [bucketArn, objects],
      },
      {
        Sid: 'DenyStalePresignedUrls',
        Action: ['s3:GetObject*', 's3:PutObject*'],
        Condition: { NumericGreaterThan: { 's3:signatureAge': 300000 } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: objects,
      },
    ]);
  });

  test('administrative roles are the only exception of the endpoint deny', () => {
    const { stack, vpc } = setup();
    const breakGlass = new iam.Role(stack, 'BreakGlass', {
      assumedBy: new iam.AccountRootPrincipal(),
    });
    const backup = new iam.Role(stack, 'Backup', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    });
    const bucket = new PiiBucket(stack, 'Orders', {
      vpcEndpoint: vpc.s3Endpoint,
      data: DATA,
      administrativeRoles: [breakGlass],
    });
    bucket.allowAdministrativeAccess(backup);
    bucket.allowAdministrativeAccess(backup);
    const deny = bucketPolicy(Template.fromStack(stack)).find(
      (s) => s.Sid === 'DenyDataAccessOutsideVpcEndpoint',
    );
    expect(deny?.Condition).toEqual({
      StringNotEquals: { 'aws:SourceVpce': { Ref: expect.stringMatching(/^VpcS3Endpoint/) } },
      ArnNotEquals: {
        'aws:PrincipalArn': [
          { 'Fn::GetAtt': [expect.stringMatching(/^BreakGlass/), 'Arn'] },
          { 'Fn::GetAtt': [expect.stringMatching(/^Backup/), 'Arn'] },
        ],
      },
    });
  });

  test('malware protection adds the scan role to the fence, and every other caller outside the endpoint stays denied', () => {
    const { stack, bucket } = ordersBucket();
    const topic = new IncidentTopic(stack, 'Incidents', { incidentEmail: 'security@example.com' });
    const scan = new BucketMalwareProtection(stack, 'Scan', { bucket, incidentTopic: topic });
    const statements = bucketPolicy(Template.fromStack(stack));
    const deny = statements.find((s) => s.Sid === 'DenyDataAccessOutsideVpcEndpoint');
    // Everyone, for every data action, unless through the endpoint or in a session of the role.
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
    expect(deny?.Condition).toEqual({
      StringNotEquals: { 'aws:SourceVpce': { Ref: expect.stringMatching(/^VpcS3Endpoint/) } },
      ArnNotEquals: {
        'aws:PrincipalArn': [
          { 'Fn::GetAtt': [stack.getLogicalId(scan.role.node.defaultChild as never), 'Arn'] },
        ],
      },
    });
    // No statement of the bucket's policy allows anything: the role's own policy grants its reads.
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  test('declares its data in the template', () => {
    const { stack } = ordersBucket({ expiration: Duration.days(14) });
    const bucket = Object.values(
      Template.fromStack(stack).findResources('AWS::S3::Bucket', {
        Properties: { Tags: [{ Key: 'dpp:data-class', Value: 'pii' }] },
      }),
    )[0];
    expect(bucket.Metadata['cdk-dpp']).toEqual({
      construct: 'PiiBucket',
      implements: [
        'DPP-25-TLS',
        'DPP-DG-3',
        'DPP-DR-1',
        'DPP-DR-4',
        'DPP-ES-1',
        'DPP-ES-3',
        'DPP-LM-2',
        'DPP-NP-1',
        'DPP-NP-3',
        'DPP-NP-5',
        'DPP-NP-7',
      ],
      data: {
        dataClass: 'pii',
        purpose: 'Print shipping labels',
        piiFields: ['buyerName', 'shippingAddress'],
        collection: 'From the Selling Partner API, by the application role.',
        sharing: 'Not shared outside the application.',
        retentionDays: 14,
        disposal:
          'S3 lifecycle expires current versions after 14 days and noncurrent versions 1 day after they are replaced or deleted.',
        erasure:
          "Delete every version of the person's objects by key (DeleteObject with each versionId); objects are keyed by order so one person can be found.",
        readers: [],
        // the operator declared the purpose, the fields and the retention
        defaults: ['collection', 'sharing', 'disposal', 'erasure'],
      },
    });
  });

  test('grantRead grants objects and key decrypt together and records the reader', () => {
    const { stack, bucket } = ordersBucket();
    const reader = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    bucket.grantRead(reader);
    const template = Template.fromStack(stack);
    const bucketArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders[0-9A-F]{8}$'), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [
          {
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [bucketArn, '/*']] },
          },
          { Action: 's3:ListBucket', Effect: 'Allow', Resource: bucketArn },
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': S3_VIA_SERVICE } },
          },
        ],
      },
    });
    const key = Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) =>
      id.startsWith('OrdersKey'),
    )?.[1];
    expect(key?.Properties.KeyPolicy.Statement).toContainEqual({
      Action: 'kms:Decrypt',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::GetAtt': [expect.stringMatching(/^Reader/), 'Arn'] } },
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': S3_VIA_SERVICE } },
    });
    template.hasResource('AWS::S3::Bucket', {
      Metadata: {
        'cdk-dpp': Match.objectLike({ data: Match.objectLike({ readers: ['Test/Reader'] }) }),
      },
    });
  });

  test('grantReadWrite records the reader; grantWrite does not', () => {
    const { stack, bucket } = ordersBucket();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const writer = new iam.Role(stack, 'Writer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    bucket.grantReadWrite(app);
    bucket.grantWrite(writer);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Metadata: {
        'cdk-dpp': Match.objectLike({ data: Match.objectLike({ readers: ['Test/App'] }) }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Writer') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['s3:PutObject', 's3:AbortMultipartUpload'] }),
          Match.objectLike({
            Action: 'kms:GenerateDataKey',
            Condition: { StringEquals: { 'kms:ViaService': S3_VIA_SERVICE } },
          }),
        ],
      },
    });
  });

  test('grantWrite with allowedActionPatterns only narrows the write actions', () => {
    const { stack, bucket } = ordersBucket();
    const writer = new iam.Role(stack, 'Writer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    bucket.grantWrite(writer, 'labels/*', ['s3:PutObject', 's3:DeleteObject']);
    const bucketArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders[0-9A-F]{8}$'), 'Arn'] };
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Writer') }],
      PolicyDocument: {
        Statement: [
          {
            Action: 's3:PutObject',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [bucketArn, '/labels/*']] },
          },
          Match.objectLike({ Action: 'kms:GenerateDataKey' }),
        ],
      },
    });
  });

  test('grantReadData and grantWriteData grant what grantRead and grantWrite do', () => {
    const { stack, bucket } = ordersBucket();
    const app = new iam.Role(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    bucket.grantReadData(app);
    bucket.grantWriteData(app);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^App') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['s3:GetObject', 's3:GetObjectVersion'] }),
          Match.objectLike({ Action: 's3:ListBucket' }),
          Match.objectLike({ Action: 'kms:Decrypt' }),
          Match.objectLike({ Action: ['s3:PutObject', 's3:AbortMultipartUpload'] }),
          Match.objectLike({ Action: 'kms:GenerateDataKey' }),
        ],
      },
    });
    template.hasResource('AWS::S3::Bucket', {
      Metadata: {
        'cdk-dpp': Match.objectLike({ data: Match.objectLike({ readers: ['Test/App'] }) }),
      },
    });
  });

  test('grantPublicAccess throws, naming the call', () => {
    const { bucket } = ordersBucket();
    expect(() => bucket.grantPublicAccess()).toThrow(
      '`grantPublicAccess` is not allowed on a data bucket (DPP-NP-1, DPP-ES-3), got: a call ("*"); ',
    );
    expect(() => bucket.grantPublicAccess('public/', 's3:GetObject')).toThrow(
      'got: a call ("public/", s3:GetObject); grant named roles with `grantRead`',
    );
  });

  test('a shared key and access log bucket are used', () => {
    const { stack, vpc } = setup();
    const key = new PiiKey(stack, 'Shared');
    const logs = new ServerAccessLogsBucket(stack, 'AccessLogs');
    new PiiBucket(stack, 'Orders', {
      vpcEndpoint: vpc.s3Endpoint,
      data: DATA,
      encryptionKey: key,
      serverAccessLogsBucket: logs,
    });
    new PiiBucket(stack, 'Returns', {
      vpcEndpoint: vpc.s3Endpoint,
      data: DATA,
      encryptionKey: key,
      serverAccessLogsBucket: logs,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 2); // the shared key and the flow log key
    template.resourceCountIs('AWS::S3::Bucket', 3);
  });

  test('every role exempt from the endpoint policy is recorded once for the auditor', () => {
    const { stack, bucket } = ordersBucket();
    const roleOf = (id: string) =>
      new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('backup.amazonaws.com') });
    const breakGlass = roleOf('BreakGlass');
    bucket.allowAdministrativeAccess(breakGlass);
    bucket.allowAdministrativeAccess(breakGlass);
    const [bucketResource] = Object.values(
      Template.fromStack(stack).findResources('AWS::S3::Bucket', {
        Metadata: { 'cdk-dpp': { construct: 'PiiBucket' } },
      }),
    );
    expect(bucketResource.Metadata['cdk-dpp'].optOuts).toEqual([
      {
        setting: 'administrativeRoles',
        clauses: ['DPP-NP-3', 'DPP-NP-5'],
        reason:
          'The administrative role Test/BreakGlass may reach the data outside the VPC endpoint.',
        byLibrary: true,
      },
    ]);
  });

  test('a bucket without exempt roles records no opt-out', () => {
    const { stack } = ordersBucket();
    const buckets = Template.fromStack(stack).findResources('AWS::S3::Bucket', {
      Metadata: { 'cdk-dpp': { construct: 'PiiBucket' } },
    });
    const [bucket] = Object.values(buckets);
    expect(bucket.Metadata['cdk-dpp'].optOuts).toBeUndefined();
    expect(bucket.Metadata['cdk-dpp'].construct).toBe('PiiBucket');
  });

  test('opting out of the endpoint policy is recorded and drops the deny', () => {
    const stack = testStack();
    new PiiBucket(stack, 'Orders', { accessOutsideVpcEndpoint: { reason: REASON }, data: DATA });
    const template = Template.fromStack(stack);
    expect(bucketPolicy(template).map((s) => s.Sid)).not.toContain(
      'DenyDataAccessOutsideVpcEndpoint',
    );
    template.hasResource('AWS::S3::Bucket', {
      Metadata: {
        'cdk-dpp': Match.objectLike({
          optOuts: [
            {
              setting: 'accessOutsideVpcEndpoint',
              clauses: ['DPP-NP-3', 'DPP-NP-5'],
              reason: REASON,
            },
          ],
        }),
      },
    });
  });

  test.each<[string, Partial<DataBucketProps>, string]>([
    [
      'expiration of 31 days',
      { expiration: Duration.days(31) },
      '`expiration` must be at most 30 days (DPP-DR-1), got: 31 days',
    ],
    [
      'expiration of 60 days',
      { expiration: Duration.days(60) },
      '`expiration` must be at most 30 days (DPP-DR-1), got: 60 days',
    ],
    [
      'expiration of 0 days',
      { expiration: Duration.days(0) },
      '`expiration` must be a whole number of days, at least 1 (DPP-DR-1), got: 0 days',
    ],
    [
      'expiration of 36 hours',
      { expiration: Duration.hours(36) },
      '`expiration` must be a whole number of days, at least 1 (DPP-DR-1), got: 1.5 days',
    ],
    [
      'noncurrentVersionExpiration of 31 days',
      { noncurrentVersionExpiration: Duration.days(31) },
      '`noncurrentVersionExpiration` must be at most 30 days (DPP-DR-1), got: 31 days',
    ],
    [
      'noncurrentVersionExpiration of 0 days',
      { noncurrentVersionExpiration: Duration.days(0) },
      '`noncurrentVersionExpiration` must be a whole number of days, at least 1 (DPP-DR-1), got: 0 days',
    ],
    [
      'an endpoint and an opt-out together',
      { accessOutsideVpcEndpoint: { reason: REASON } },
      '`accessOutsideVpcEndpoint` must not be combined with `vpcEndpoint`; choose one (DPP-NP-3, DPP-NP-5)',
    ],
    [
      'a blank data purpose',
      { data: { purpose: ' ', piiFields: ['buyerName'] } },
      '`data.purpose` must say why the data is held (DPP-DG-3), got: " "',
    ],
    [
      'a data declaration without PII fields',
      { data: { purpose: 'Labels' } },
      '`data.piiFields` must name at least one PII field the store holds (DPP-DG-3), got: []',
    ],
    [
      'a data declaration with no PII fields',
      { data: { purpose: 'Labels', piiFields: [] } },
      '`data.piiFields` must name at least one PII field the store holds (DPP-DG-3), got: []',
    ],
  ])('%s throws', (_label, props, message) => {
    expect(() => ordersBucket(props)).toThrow(message);
  });

  test.each([1, 30])('expiration of %i days is accepted', (days) => {
    const { stack } = ordersBucket({ expiration: Duration.days(days) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: days })] },
    });
  });

  test('an unresolved expiration is not judged and reaches the template', () => {
    const { stack, vpc } = setup();
    const days = new CfnParameter(stack, 'RetentionDays', { type: 'Number' });
    new PiiBucket(stack, 'Orders', {
      vpcEndpoint: vpc.s3Endpoint,
      data: DATA,
      expiration: Duration.days(days.valueAsNumber),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: { Ref: 'RetentionDays' } })],
      },
    });
  });

  test('without an endpoint or an opt-out it throws', () => {
    const stack = testStack();
    expect(() => new PiiBucket(stack, 'Orders', { data: DATA })).toThrow(
      '`vpcEndpoint` must name the VPC endpoint every data request comes through (e.g. `dataVpc.s3Endpoint`), or opt out with `accessOutsideVpcEndpoint` and a reason (DPP-NP-3, DPP-NP-5), got: undefined',
    );
  });

  test.each(['', 'too short'])('an opt-out reason of %p throws', (reason) => {
    const stack = testStack();
    expect(
      () => new PiiBucket(stack, 'Orders', { accessOutsideVpcEndpoint: { reason }, data: DATA }),
    ).toThrow(
      `\`accessOutsideVpcEndpoint.reason\` must explain the opt-out in at least 20 characters; it is recorded for the auditor (DPP-NP-3, DPP-NP-5), got: ${JSON.stringify(reason)}`,
    );
  });

  test('every problem is reported in one error', () => {
    const stack = testStack();
    expect(
      () =>
        new PiiBucket(stack, 'Orders', {
          data: { purpose: 'Labels' },
          expiration: Duration.days(45),
        }),
    ).toThrow(
      /`expiration` must be at most 30 days.*; `vpcEndpoint` must name.*; `data.piiFields` must name/,
    );
  });

  test('default bucket has zero findings from every pack', () => {
    const { stack } = ordersBucket();
    expect(constructFindings(owned(stack), allPacks())).toEqual([]);
  });
});
