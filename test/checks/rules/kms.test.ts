import {
  Duration,
  RemovalPolicy,
  aws_iam as iam,
  aws_kms as kms,
  aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { PiiKey } from '../../../constructs/encryption/pii-key';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('KmsKeyRotation', () => {
  const ID = 'KmsKeyRotation';

  test('an L2 key without rotation is flagged', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoRotation]`]);
  });

  test('an L1 key without rotation is flagged; an asymmetric signing key is not judged', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', { keyPolicy: {} });
    new kms.CfnKey(stack, 'Signing', {
      keyPolicy: {},
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoRotation]`]);
  });

  test('rotation less often than yearly is flagged', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key', { enableKeyRotation: true, rotationPeriod: Duration.days(730) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[RotationTooRare]`]);
  });

  test('rotation complies', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key', { enableKeyRotation: true });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {},
      enableKeyRotation: unresolvedString(stack) as unknown as boolean,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::EnableKeyRotation]`]);
  });
});

describe('KmsKeyPolicyNoPublic', () => {
  const ID = 'KmsKeyPolicyNoPublic';

  test('an L2 key that allows everyone is flagged', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key').addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': '111122223333' } },
      }),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('an L1 key policy with Principal * is flagged', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[EveryonePrincipal]`]);
  });

  test('a PiiKey complies', () => {
    const stack = testStack();
    new PiiKey(stack, 'Key');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key policy is reported', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', { keyPolicy: { 'Fn::ImportValue': unresolvedString(stack) } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyPolicy]`]);
  });
});

describe('KmsKeyUseNamedPrincipals', () => {
  const ID = 'KmsKeyUseNamedPrincipals';

  test('the default L2 key policy (kms:* to the account) is flagged', () => {
    const stack = testStack();
    new kms.Key(stack, 'Key');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AccountWideUse]`]);
  });

  test('an L1 key that lets an account id decrypt is flagged', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '111122223333' },
            Action: 'kms:Decrypt*',
            Resource: '*',
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AccountWideUse]`]);
  });

  test('use by the account limited to one service with kms:ViaService complies', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument() });
    // aws-cdk-lib grants the account use of a secret's key through Secrets Manager only.
    new secretsmanager.Secret(stack, 'Secret', { encryptionKey: key });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a kms:ViaService condition does not excuse a statement it is not on', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
          },
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } },
          },
        ],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AccountWideUse]`]);
  });

  test('a PiiKey granting use to a named role complies', () => {
    const stack = testStack();
    const key = new PiiKey(stack, 'Key');
    key.grantEncryptDecrypt(
      new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }),
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key policy is reported', () => {
    const stack = testStack();
    new kms.CfnKey(stack, 'Key', { keyPolicy: { 'Fn::ImportValue': unresolvedString(stack) } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KeyPolicy]`]);
  });
});

describe('KmsKeyRetainedWithData', () => {
  const ID = 'KmsKeyRetainedWithData';

  test('a key destroyed with the stack while the bucket it encrypts is retained is flagged', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', {
      encryptionKey: new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY }),
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[DeletionPolicy]`,
      `DPP-${ID}[UpdateReplacePolicy]`,
    ]);
  });

  test('a key deleted only by the rollback of its own creation, with a bucket kept the same way, complies', () => {
    const stack = testStack();
    const kept = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
    new s3.Bucket(stack, 'Bucket', {
      bucketName: 'orders-documents',
      encryptionKey: new kms.Key(stack, 'Key', { removalPolicy: kept }),
      removalPolicy: kept,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a retained key, or a key whose data goes with the stack too, complies', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Kept', { encryptionKey: new kms.Key(stack, 'KeptKey') });
    new s3.Bucket(stack, 'Scratch', {
      encryptionKey: new kms.Key(stack, 'ScratchKey', { removalPolicy: RemovalPolicy.DESTROY }),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
