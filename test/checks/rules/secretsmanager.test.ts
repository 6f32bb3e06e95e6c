import {
  Duration,
  SecretValue,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { findings, testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

describe('SecretNoLiteralValue', () => {
  const ID = 'SecretNoLiteralValue';

  test('an L2 secret with a plaintext value is flagged', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret', {
      secretStringValue: SecretValue.unsafePlainText('amzn1.oa2-cs.v1.abc'),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecretString]`]);
  });

  test('an L1 secret with a value is flagged', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', { secretString: 'hunter2' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecretString]`]);
  });

  test('a generated secret complies', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a value from a parameter is still written into the template', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', { secretString: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralSecretString]`]);
  });
});

describe('SecretKmsEncrypted', () => {
  const ID = 'SecretKmsEncrypted';

  test('an L2 secret with the default key is flagged', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an L1 secret under aws/secretsmanager is flagged', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', { kmsKeyId: 'alias/aws/secretsmanager' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('a customer-managed key complies', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('SecretRotated', () => {
  const ID = 'SecretRotated';

  test('an L2 secret without rotation is a warning', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoRotation]`]);
  });

  test('an L1 secret without a schedule is flagged', () => {
    const stack = testStack();
    new secretsmanager.CfnSecret(stack, 'Secret', {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoRotation]`]);
  });

  test('a rotation schedule complies', () => {
    const stack = testStack();
    new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
      rotationLambda: new lambda.Function(stack, 'Rotator', {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
      }),
      automaticallyAfter: Duration.days(30),
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a schedule on the target attachment of a database secret rotates that secret only', () => {
    const stack = testStack();
    const attached = (id: string) => {
      const secret = new secretsmanager.CfnSecret(stack, id, { generateSecretString: {} });
      return new secretsmanager.CfnSecretTargetAttachment(stack, `${id}Attachment`, {
        secretId: secret.ref,
        targetId: 'db-1',
        targetType: 'AWS::RDS::DBInstance',
      });
    };
    const rotated = attached('Rotated');
    attached('Unrotated');
    new secretsmanager.CfnRotationSchedule(stack, 'Rotation', {
      secretId: rotated.ref,
      rotationRules: { automaticallyAfterDays: 30 },
    });
    expect(
      findings(stack)
        .filter((f) => f.rule.startsWith(`DPP-${ID}`))
        .map((f) => `${f.rule} ${f.path}`),
    ).toEqual([`DPP-${ID}[NoRotation] Test/Unrotated`]);
  });
});
