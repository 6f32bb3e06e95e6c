import {
  Duration,
  Stack,
  Validations,
  aws_iam as iam,
  aws_kms as kms,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { ruleNames, testApp, testStack } from '../../helpers';
import { classify, findingsOf, unresolvedNumber, unresolvedString } from '../rule-helpers';

const TLS_ONLY = 'DPP-S3BucketTlsOnly';

describe('S3BucketTlsOnly', () => {
  test('an L2 bucket without enforceSSL is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([
      `${TLS_ONLY}[SecureTransport]`,
    ]);
  });

  test('enforceSSL alone complies: S3 endpoints refuse TLS older than 1.2 themselves', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([]);
  });

  test('a TLS-version deny without the SecureTransport deny does not count', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      }),
    );
    expect(findingsOf(stack, 'S3BucketTlsOnly')).toEqual([`${TLS_ONLY}[SecureTransport]`]);
  });

  test('enforceSSL with minimumTLSVersion 1.2 complies', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([]);
  });

  test('a raw L1 bucket with an L1 policy that denies insecure transport complies', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.ref,
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          },
        ],
      },
    });
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([]);
  });

  test('a policy attached by literal bucket name counts', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', { bucketName: 'orders-bucket' });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: 'orders-bucket',
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: {
              Bool: { 'aws:SecureTransport': 'false' },
            },
          },
        ],
      },
    });
    expect(findingsOf(stack, 'S3BucketTlsOnly')).toEqual([]);
  });

  test('a policy in another stack of the app counts, through the export it imports', () => {
    const app = testApp();
    const bucket = new s3.Bucket(new Stack(app, 'Data'), 'Bucket');
    const policies = new Stack(app, 'Policies');
    const policy = new s3.BucketPolicy(policies, 'Policy', { bucket });
    policy.document.addStatements(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(findingsOf(bucket.stack, 'S3BucketTlsOnly')).toEqual([]);
  });

  test('a policy that allows instead of denying does not count', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
    );
    expect(findingsOf(stack, 'S3BucketTlsOnly')).toEqual([`${TLS_ONLY}[SecureTransport]`]);
  });

  test('a policy document the rule cannot resolve is reported, not passed', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.ref,
      policyDocument: { 'Fn::ImportValue': 'SharedPolicy' },
    });
    expect(findingsOf(stack, 'S3BucketTlsOnly')).toEqual([
      `${TLS_ONLY}[Unresolved::PolicyDocument]`,
    ]);
  });

  test('cannot be waived: acknowledging the finding is a finding in its place', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    Validations.of(bucket).acknowledge({
      id: `${TLS_ONLY}[SecureTransport]`,
      reason: 'Public website assets served over HTTP by a legacy partner until its next release.',
    });
    expect(
      ruleNames(stack).filter(
        (r) => r.startsWith(TLS_ONLY) || r.startsWith('DPP-AcknowledgementForbidden'),
      ),
    ).toEqual(['DPP-AcknowledgementForbidden']);
  });
});

describe('S3BucketPublicAccessBlocked', () => {
  const ID = 'S3BucketPublicAccessBlocked';

  test('an L2 bucket without Block Public Access is flagged once, not once per setting', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[BlockPublicAccessOff]`]);
  });

  test('an L1 bucket with a public ACL and website hosting is flagged', () => {
    const stack = testStack();
    classify(
      new s3.CfnBucket(stack, 'Bucket', {
        accessControl: 'PublicRead',
        websiteConfiguration: { indexDocument: 'index.html' },
        publicAccessBlockConfiguration: {
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicAcl]`, `DPP-${ID}[WebsiteHosting]`]);
  });

  test('BLOCK_ALL complies', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved setting is reported', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: unresolvedString(stack) as unknown as boolean,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RestrictPublicBuckets]`]);
  });
});

describe('S3BucketKmsEncrypted', () => {
  const ID = 'S3BucketKmsEncrypted';

  test.each([
    ['S3-managed', s3.BucketEncryption.S3_MANAGED, 'NotKms'],
    ['the AWS managed key', s3.BucketEncryption.KMS_MANAGED, 'NoCustomerManagedKey'],
  ])('an L2 bucket encrypted with %s is flagged', (_, encryption, finding) => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { encryption });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[${finding}]`]);
  });

  test('an L1 bucket naming the aws/s3 alias is flagged', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: 'alias/aws/s3',
            },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a bucket declared no-amazon-data is not judged', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'AccessLogs'), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: unresolvedString(stack),
            },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KMSMasterKeyID]`]);
  });
});

describe('S3BucketVersioned', () => {
  const ID = 'S3BucketVersioned';

  test('an L2 bucket without versioning is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotVersioned]`]);
  });

  test('an L1 bucket with suspended versioning is flagged', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', { versioningConfiguration: { status: 'Suspended' } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotVersioned]`]);
  });

  test('a versioned bucket complies', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { versioned: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved status is reported', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket', {
      versioningConfiguration: { status: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::VersioningConfiguration]`]);
  });
});

describe('S3BucketExpiryByClass', () => {
  const ID = 'S3BucketExpiryByClass';

  test.each([
    [DataClass.PII, 30, []],
    [DataClass.PII, 31, ['Expiration', 'NoncurrentExpiration']],
    [DataClass.AMAZON_DATA, 545, []],
    [DataClass.AMAZON_DATA, 546, ['Expiration', 'NoncurrentExpiration']],
  ])('a %s bucket expiring after %i days', (dataClass, days, expected) => {
    const stack = testStack();
    classify(
      new s3.Bucket(stack, 'Bucket', {
        lifecycleRules: [
          { expiration: Duration.days(days), noncurrentVersionExpiration: Duration.days(days) },
        ],
      }),
      dataClass,
    );
    expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
  });

  test('a pii bucket that never expires is flagged', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.PII);
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Expiration]`,
      `DPP-${ID}[NoncurrentExpiration]`,
    ]);
  });

  test('an L1 pii bucket whose rule covers one prefix only is flagged', () => {
    const stack = testStack();
    classify(
      new s3.CfnBucket(stack, 'Bucket', {
        lifecycleConfiguration: {
          rules: [
            {
              status: 'Enabled',
              prefix: 'orders/',
              expirationInDays: 7,
              noncurrentVersionExpiration: { noncurrentDays: 7 },
            },
          ],
        },
      }),
      DataClass.PII,
    );
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[Expiration]`,
      `DPP-${ID}[NoncurrentExpiration]`,
    ]);
  });

  test('an audit-log bucket has no upper limit', () => {
    const stack = testStack();
    classify(new s3.Bucket(stack, 'Bucket'), DataClass.AUDIT_LOG);
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

function lockedBucket(
  dataClass: DataClass,
  mode: s3.ObjectLockMode,
  days: number,
  props: s3.BucketProps = {},
) {
  const stack = testStack();
  classify(
    new s3.Bucket(stack, 'Bucket', {
      ...props,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        mode === s3.ObjectLockMode.COMPLIANCE
          ? s3.ObjectLockRetention.compliance(Duration.days(days))
          : s3.ObjectLockRetention.governance(Duration.days(days)),
    }),
    dataClass,
  );
  return stack;
}

describe('S3AuditLogBucketLocked', () => {
  const ID = 'S3AuditLogBucketLocked';

  test.each([
    [s3.ObjectLockMode.COMPLIANCE, 90, 365, []],
    [s3.ObjectLockMode.COMPLIANCE, 89, 365, ['ObjectLockDays']],
    [s3.ObjectLockMode.GOVERNANCE, 90, 365, ['ObjectLockCompliance']],
    [s3.ObjectLockMode.COMPLIANCE, 90, 364, ['EarlyExpiration']],
  ])(
    'an audit-log bucket locked in %s for %i days, expiring at %i',
    (mode, days, expiry, expected) => {
      const stack = lockedBucket(DataClass.AUDIT_LOG, mode, days, {
        lifecycleRules: [{ expiration: Duration.days(expiry) }],
      });
      expect(findingsOf(stack, ID)).toEqual(expected.map((f) => `DPP-${ID}[${f}]`));
    },
  );

  test('an L1 audit-log bucket without Object Lock is flagged', () => {
    const stack = testStack();
    classify(new s3.CfnBucket(stack, 'Bucket'), DataClass.AUDIT_LOG);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoObjectLock]`]);
  });
});

describe('S3TaxArchiveCold', () => {
  const ID = 'S3TaxArchiveCold';

  test('a locked bucket moving every object, small ones too, to Deep Archive on day 0 complies', () => {
    const stack = lockedBucket(DataClass.TAX_ARCHIVE, s3.ObjectLockMode.COMPLIANCE, 365 * 7, {
      transitionDefaultMinimumObjectSize:
        s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
          ],
        },
      ],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a locked bucket whose policy denies uploads in other classes complies', () => {
    const stack = lockedBucket(DataClass.TAX_ARCHIVE, s3.ObjectLockMode.COMPLIANCE, 365);
    const bucket = stack.node.findChild('Bucket') as s3.Bucket;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-storage-class': 'DEEP_ARCHIVE' } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a warm tax archive locked for less than a year is flagged', () => {
    const stack = lockedBucket(DataClass.TAX_ARCHIVE, s3.ObjectLockMode.COMPLIANCE, 364);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`, `DPP-${ID}[ObjectLockDays]`]);
  });

  test('an L1 tax archive in Glacier Instant Retrieval is not cold', () => {
    const stack = testStack();
    classify(
      new s3.CfnBucket(stack, 'Bucket', {
        lifecycleConfiguration: {
          rules: [
            {
              status: 'Enabled',
              transitions: [{ storageClass: 'GLACIER_IR', transitionInDays: 0 }],
            },
          ],
        },
      }),
      DataClass.TAX_ARCHIVE,
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[ColdStorage]`, `DPP-${ID}[NoObjectLock]`]);
  });
});

test('an unresolved lifecycle day count does not pass', () => {
  const stack = testStack();
  classify(
    new s3.CfnBucket(stack, 'Bucket', {
      lifecycleConfiguration: {
        rules: [{ status: 'Enabled', expirationInDays: unresolvedNumber(stack) }],
      },
    }),
    DataClass.PII,
  );
  expect(findingsOf(stack, 'S3BucketExpiryByClass')).toEqual([
    'DPP-S3BucketExpiryByClass[NoncurrentExpiration]',
    'DPP-S3BucketExpiryByClass[Unresolved::ExpirationInDays]',
  ]);
});
