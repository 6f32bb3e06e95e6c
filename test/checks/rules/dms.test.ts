import { aws_dms as dms, aws_kms as kms, aws_secretsmanager as sm, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

/** A replication instance with the given settings. */
function instance(
  stack: Stack,
  props: Partial<dms.CfnReplicationInstanceProps> = {},
): dms.CfnReplicationInstance {
  return new dms.CfnReplicationInstance(stack, 'Replication', {
    replicationInstanceClass: 'dms.t3.medium',
    ...props,
  });
}

/** A source endpoint of `engineName` with the given settings. */
function endpoint(
  stack: Stack,
  engineName: string,
  props: Partial<dms.CfnEndpointProps> = {},
): dms.CfnEndpoint {
  return new dms.CfnEndpoint(stack, 'Endpoint', {
    endpointType: 'source',
    engineName,
    serverName: 'db.example.internal',
    port: 5432,
    databaseName: 'orders',
    username: 'replicator',
    ...props,
  });
}

describe('DmsReplicationInstanceNotPublic', () => {
  const ID = 'DmsReplicationInstanceNotPublic';

  test('an instance with the default (public) and an explicit true are flagged', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
    const other = testStack('Other');
    instance(other, { publiclyAccessible: true });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[PubliclyAccessible]`]);
  });

  test('a private instance complies; a no-amazon-data instance is not judged', () => {
    const stack = testStack();
    instance(stack, { publiclyAccessible: false });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(instance(other), DataClass.NO_AMAZON_DATA);
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    instance(stack, { publiclyAccessible: unresolvedString(stack) as never });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::PubliclyAccessible]`]);
  });
});

describe('DmsReplicationInstanceKmsEncrypted', () => {
  const ID = 'DmsReplicationInstanceKmsEncrypted';

  test('an instance without a key (the AWS managed key) is flagged', () => {
    const stack = testStack();
    instance(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('a customer-managed key complies; the aws/dms alias is flagged', () => {
    const stack = testStack();
    instance(stack, { kmsKeyId: new kms.Key(stack, 'Key').keyArn });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    instance(other, { kmsKeyId: 'alias/aws/dms' });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    instance(stack, { kmsKeyId: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});

describe('DmsEndpointTls', () => {
  const ID = 'DmsEndpointTls';

  test('a database endpoint with the default (none) and an explicit none are flagged', () => {
    const stack = testStack();
    endpoint(stack, 'postgres');
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTls]`]);
    const other = testStack('Other');
    endpoint(other, 'mysql', { sslMode: 'none' });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NoTls]`]);
  });

  test('verify-full complies; an S3 endpoint (HTTPS) is not judged', () => {
    const stack = testStack();
    endpoint(stack, 'postgres', { sslMode: 'verify-full' });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    new dms.CfnEndpoint(other, 'Endpoint', {
      endpointType: 'target',
      engineName: 's3',
      s3Settings: { bucketName: 'landing', serviceAccessRoleArn: 'arn:aws:iam::1:role/dms' },
    });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a Kafka endpoint without a security protocol is plaintext; sasl-ssl complies', () => {
    const kafka = (securityProtocol?: string) => {
      const stack = testStack();
      new dms.CfnEndpoint(stack, 'Endpoint', {
        endpointType: 'target',
        engineName: 'kafka',
        kafkaSettings: { broker: 'b-1.orders:9096', topic: 'orders', securityProtocol },
      });
      return findingsOf(stack, ID);
    };
    expect(kafka()).toEqual([`DPP-${ID}[NoTls]`]);
    expect(kafka('sasl-ssl')).toEqual([]);
  });

  test('an unresolved mode is reported', () => {
    const stack = testStack();
    endpoint(stack, 'oracle', { sslMode: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SslMode]`]);
  });
});

describe('DmsEndpointNoLiteralPassword', () => {
  const ID = 'DmsEndpointNoLiteralPassword';

  test('a literal password is flagged; a Secrets Manager reference complies', () => {
    const stack = testStack();
    endpoint(stack, 'postgres', { password: 'hunter22', sslMode: 'require' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::Password]`]);
    const other = testStack('Other');
    const secret = new sm.Secret(other, 'Secret');
    endpoint(other, 'postgres', { password: secret.secretValue.unsafeUnwrap() });
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('a password parameter is flagged: the stack keeps its value', () => {
    const stack = testStack();
    endpoint(stack, 'postgres', { password: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::Password]`]);
  });
});
