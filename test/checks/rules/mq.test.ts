import { aws_amazonmq as mq, aws_kms as kms, aws_secretsmanager as sm, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/** An ActiveMQ broker with the given settings. */
function broker(stack: Stack, props: Partial<mq.CfnBrokerProps> = {}): mq.CfnBroker {
  return new mq.CfnBroker(stack, 'Broker', {
    brokerName: 'orders',
    deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ',
    engineType: 'ACTIVEMQ',
    engineVersion: '5.18',
    hostInstanceType: 'mq.m5.large',
    publiclyAccessible: false,
    users: [],
    ...props,
  });
}

describe('MqBrokerKmsEncrypted', () => {
  const ID = 'MqBrokerKmsEncrypted';

  test('a broker without encryption options (an AWS-owned key) is flagged', () => {
    const stack = testStack();
    broker(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKey]`]);
  });

  test('a broker that gives up the AWS-owned key without naming one is flagged', () => {
    const stack = testStack();
    broker(stack, { encryptionOptions: { useAwsOwnedKey: false } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key complies; a no-amazon-data broker is not judged', () => {
    const stack = testStack();
    broker(stack, {
      encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: new kms.Key(stack, 'Key').keyArn },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(broker(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved key choice is reported', () => {
    const stack = testStack();
    broker(stack, { encryptionOptions: { useAwsOwnedKey: unresolvedString(stack) as never } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::UseAwsOwnedKey]`]);
  });
});

describe('MqBrokerNotPublic', () => {
  const ID = 'MqBrokerNotPublic';

  test('a public broker is flagged, a private one complies', () => {
    const stack = testStack();
    broker(stack, { publiclyAccessible: true });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
    const other = testStack('Other');
    broker(other);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    broker(stack, { publiclyAccessible: unresolvedString(stack) as never });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PubliclyAccessible]`]);
  });
});

describe('MqBrokerNoLiteralPassword', () => {
  const ID = 'MqBrokerNoLiteralPassword';

  test('a literal user password is flagged', () => {
    const stack = testStack();
    broker(stack, { users: [{ username: 'app', password: 'correct-horse-battery' }] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::app]`]);
  });

  test('a password parameter is flagged too: the stack keeps its value', () => {
    const stack = testStack();
    broker(stack, { users: [{ username: 'app', password: unresolvedString(stack) }] });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::app]`]);
  });

  test('a Secrets Manager reference complies', () => {
    const stack = testStack();
    const secret = new sm.Secret(stack, 'Secret', {
      generateSecretString: {
        secretStringTemplate: '{"username":"app"}',
        generateStringKey: 'password',
      },
    });
    broker(stack, {
      users: [{ username: 'app', password: secret.secretValueFromJson('password').unsafeUnwrap() }],
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});
