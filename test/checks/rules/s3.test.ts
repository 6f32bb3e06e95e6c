import { Validations, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { ruleNames, testStack } from '../../helpers';

const TLS_ONLY = 'DPP-S3BucketTlsOnly';

describe('S3BucketTlsOnly', () => {
  test('an L2 bucket without enforceSSL is flagged for both conditions', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([
      `${TLS_ONLY}[SecureTransport]`,
      `${TLS_ONLY}[TlsVersion]`,
    ]);
  });

  test('enforceSSL alone still accepts TLS 1.0 and 1.1', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([
      `${TLS_ONLY}[TlsVersion]`,
    ]);
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
    expect(ruleNames(stack)).toContain(`${TLS_ONLY}[SecureTransport]`);
  });

  test('a policy document the rule cannot resolve is reported, not passed', () => {
    const stack = testStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.ref,
      policyDocument: { 'Fn::ImportValue': 'SharedPolicy' },
    });
    expect(ruleNames(stack)).toContain(`${TLS_ONLY}[Unresolved::PolicyDocument]`);
  });

  test('an acknowledged finding is not reported', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    Validations.of(bucket).acknowledge({
      id: `${TLS_ONLY}[TlsVersion]`,
      reason: 'Legacy partner client pinned to TLS 1.1 until its upgrade in the next release.',
    });
    expect(ruleNames(stack).filter((r) => r.startsWith(TLS_ONLY))).toEqual([]);
  });
});
