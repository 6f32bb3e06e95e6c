import { Duration, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  AUDIT_LOG_DELETE_ACTIONS,
  AUDIT_LOG_PROTECTION_ACTIONS,
  AUDIT_LOG_READ_ACTIONS,
  AuditLogBucket,
  AuditLogBucketProps,
} from '../../../constructs/logging/audit-log-bucket';
import { allPacks, findings, testStack, owned } from '../../helpers';
import { BLOCK_ALL_PUBLIC_ACCESS, sseKmsWithBucketKey } from '../fixtures';

function auditBucket(props: AuditLogBucketProps = {}, stack = testStack()) {
  const bucket = new AuditLogBucket(stack, 'Audit', props);
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, bucket, template, bucketId: id(bucket) };
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

function bucketStatements(template: Template, bucketId: string): Statement[] {
  const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
    (p) => p.Properties.Bucket.Ref === bucketId,
  );
  return policy?.Properties.PolicyDocument.Statement ?? [];
}

describe('AuditLogBucket', () => {
  test('locks every object version in COMPLIANCE mode for 90 days', () => {
    const { template, bucketId } = auditBucket();
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 90 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(template.toJSON().Resources[bucketId].DeletionPolicy).toBe('Retain');
  });

  test('moves objects to Glacier after the lock and expires them after 400 days, never earlier', () => {
    const { template, bucketId } = auditBucket();
    expect(template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules).toEqual([
      {
        Id: 'ArchiveAfterLockThenExpire',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: 400,
        NoncurrentVersionExpiration: { NoncurrentDays: 400 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
    ]);
  });

  test('longer windows move the transition and expiry', () => {
    const { template, bucketId } = auditBucket({
      immutableFor: Duration.days(365),
      expireAfter: Duration.days(2555),
    });
    const properties = template.toJSON().Resources[bucketId].Properties;
    expect(properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'COMPLIANCE',
      Days: 365,
    });
    expect(properties.LifecycleConfiguration.Rules[0].Transitions).toEqual([
      { StorageClass: 'GLACIER', TransitionInDays: 365 },
    ]);
    expect(properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(2555);
  });

  test('SSE-KMS with its own key and a bucket key, Block Public Access, no ACLs', () => {
    const { stack, bucket, template } = auditBucket();
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: sseKmsWithBucketKey({
        'Fn::GetAtt': [stack.getLogicalId(bucket.key.node.defaultChild as never), 'Arn'],
      }),
      PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      Tags: [{ Key: 'dpp:data-class', Value: 'audit-log' }],
    });
  });

  test('its server access logs go to a separate SSE-S3 bucket without Object Lock', () => {
    const { template, bucketId } = auditBucket();
    const resources = template.toJSON().Resources;
    const logging = resources[bucketId].Properties.LoggingConfiguration;
    expect(logging.LogFilePrefix).toBe('audit-log-bucket/');
    const target = resources[logging.DestinationBucketName.Ref].Properties;
    expect(target.ObjectLockEnabled).toBeUndefined();
    expect(target.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
    });
  });

  test('denies deletes to everyone, without exception', () => {
    const { template, bucketId } = auditBucket();
    const deny = bucketStatements(template, bucketId).find(
      (s) => s.Sid === 'DenyDeletingAuditRecords',
    );
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: [...AUDIT_LOG_DELETE_ACTIONS],
    });
    expect(deny?.Condition).toBeUndefined();
  });

  test('denies policy, lock, lifecycle and versioning changes to all but the deployment role', () => {
    const { template, bucketId } = auditBucket();
    const deny = bucketStatements(template, bucketId).find(
      (s) => s.Sid === 'DenyWeakeningAuditProtection',
    );
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: [...AUDIT_LOG_PROTECTION_ACTIONS],
      Condition: {
        ArnNotEquals: {
          'aws:PrincipalArn': {
            'Fn::Sub':
              'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}',
          },
        },
      },
    });
    expect(AUDIT_LOG_PROTECTION_ACTIONS).toEqual(
      expect.arrayContaining([
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:PutBucketObjectLockConfiguration',
        's3:PutLifecycleConfiguration',
      ]),
    );
  });

  test('a given deployment role replaces the default exemption', () => {
    const arn = 'arn:aws:iam::111122223333:role/deployer';
    const { template, bucketId } = auditBucket({ deploymentRoleArn: arn });
    const deny = bucketStatements(template, bucketId).find(
      (s) => s.Sid === 'DenyWeakeningAuditProtection',
    );
    expect(deny?.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': arn } });
  });

  test('only the auditor role reads objects: granted read-only actions, others denied', () => {
    const { stack, bucket, template, bucketId } = auditBucket();
    const auditorId = stack.getLogicalId(bucket.auditor.node.defaultChild as never);
    const deny = bucketStatements(template, bucketId).find(
      (s) => s.Sid === 'DenyReadingToAllButAuditors',
    );
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [auditorId, 'Arn'] }] } },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
    });
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.Roles).toEqual([{ Ref: auditorId }]);
    expect(policy.Properties.PolicyDocument.Statement[0].Action).toEqual([
      ...AUDIT_LOG_READ_ACTIONS,
    ]);
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Principal: { AWS: { 'Fn::GetAtt': [auditorId, 'Arn'] } },
      }),
    );
  });

  test('grantRead adds the reader to the allowed readers; a non-role principal throws', () => {
    const { stack, bucket } = (() => {
      const s = testStack();
      return { stack: s, bucket: new AuditLogBucket(s, 'Audit') };
    })();
    const reader = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('athena.amazonaws.com'),
    });
    bucket.grantRead(reader);
    const template = Template.fromStack(stack);
    const deny = bucketStatements(
      template,
      stack.getLogicalId(bucket.node.defaultChild as never),
    ).find((s) => s.Sid === 'DenyReadingToAllButAuditors');
    expect(deny?.Condition?.ArnNotEquals['aws:PrincipalArn']).toHaveLength(2);
    expect(() => bucket.grantRead(new iam.AccountRootPrincipal())).toThrow(
      '`grantRead` needs an IAM role',
    );
  });

  test('declares its data: audit-log, 400 days, no PII fields', () => {
    const { template, bucketId } = auditBucket();
    const metadata = template.toJSON().Resources[bucketId].Metadata['cdk-dpp'];
    expect(metadata.construct).toBe('AuditLogBucket');
    expect(metadata.implements).toEqual([
      'DPP-25-LOG',
      'DPP-AU-1',
      'DPP-ES-1',
      'DPP-LM-3',
      'DPP-LM-5',
      'DPP-NP-1',
    ]);
    expect(metadata.data).toMatchObject({
      dataClass: 'audit-log',
      piiFields: [],
      retentionDays: 400,
      readers: ['Test/Audit/AuditorRole'],
    });
    // the bucket declares itself and keeps the default 400 days: none of it is the operator's
    expect(metadata.data.defaults).toEqual([
      'purpose',
      'piiFields',
      'collection',
      'sharing',
      'retentionDays',
      'disposal',
      'erasure',
    ]);
  });

  test('a given auditor role is the reader, and no role is created', () => {
    const stack = testStack();
    const auditor = iam.Role.fromRoleArn(
      stack,
      'Auditor',
      'arn:aws:iam::111122223333:role/auditor',
    );
    const bucket = new AuditLogBucket(stack, 'Audit', { auditor });
    expect(bucket.auditor).toBe(auditor);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 0);
  });

  test.each([
    [
      'GOVERNANCE mode',
      { objectLockMode: s3.ObjectLockMode.GOVERNANCE },
      '`objectLockMode` must be COMPLIANCE',
    ],
    [
      'immutableFor 89 days',
      { immutableFor: Duration.days(89) },
      '`immutableFor` must be at least 90 days (DPP-LM-5), got: 89 days',
    ],
    [
      'immutableFor 1 days',
      { immutableFor: Duration.days(1) },
      '`immutableFor` must be at least 90 days (DPP-LM-5), got: 1 days',
    ],
    [
      'expireAfter 399 days',
      { expireAfter: Duration.days(399) },
      '`expireAfter` must be at least 400 days (DPP-AU-1, DPP-25-LOG), got: 399 days',
    ],
    [
      'expireAfter 30 days',
      { expireAfter: Duration.days(30) },
      '`expireAfter` must be at least 400 days (DPP-AU-1, DPP-25-LOG), got: 30 days',
    ],
    [
      'expiry not after the lock',
      { immutableFor: Duration.days(400), expireAfter: Duration.days(400) },
      '`expireAfter` must be later than `immutableFor` (400 days) (DPP-LM-5), got: 400 days',
    ],
  ])('rejects %s', (_label, props, message) => {
    expect(() => auditBucket(props)).toThrow(message);
  });

  test.each([
    [
      '90-day lock, 400-day expiry',
      { immutableFor: Duration.days(90), expireAfter: Duration.days(400) },
    ],
    [
      '399-day lock, 400-day expiry',
      { immutableFor: Duration.days(399), expireAfter: Duration.days(400) },
    ],
  ])('accepts the boundary %s', (_label, props) => {
    expect(() => auditBucket(props)).not.toThrow();
  });

  test('GOVERNANCE mode names the clause and the value', () => {
    expect(() => auditBucket({ objectLockMode: s3.ObjectLockMode.GOVERNANCE })).toThrow(
      '(DPP-LM-3), got: GOVERNANCE',
    );
  });

  test('has no findings from any pack', () => {
    const { stack } = auditBucket({}, owned(testStack()));
    expect(findings(stack, allPacks())).toEqual([]);
  });
});
