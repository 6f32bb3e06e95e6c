import { aws_glue as glue, aws_kms as kms, aws_secretsmanager as sm, Stack } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const ROLE = 'arn:aws:iam::111122223333:role/glue';

/** A security configuration that encrypts everything with `key`, with `overrides` applied. */
function securityConfiguration(
  stack: Stack,
  overrides: Partial<glue.CfnSecurityConfiguration.EncryptionConfigurationProperty> = {},
): glue.CfnSecurityConfiguration {
  const kmsKeyArn = new kms.Key(stack, 'Key').keyArn;
  return new glue.CfnSecurityConfiguration(stack, 'Security', {
    name: 'etl',
    encryptionConfiguration: {
      s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn }],
      cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn },
      ...overrides,
    },
  });
}

/** A JDBC connection with the given connection properties. */
function jdbc(stack: Stack, properties: Record<string, string>): glue.CfnConnection {
  return new glue.CfnConnection(stack, 'Connection', {
    catalogId: '111122223333',
    connectionInput: {
      connectionType: 'JDBC',
      connectionProperties: {
        JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/orders',
        ...properties,
      },
    },
  });
}

describe('GlueSecurityConfigurationEncrypted', () => {
  const ID = 'GlueSecurityConfigurationEncrypted';

  test('a configuration that encrypts all three places with a customer key complies', () => {
    const stack = testStack();
    securityConfiguration(stack);
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an empty configuration is flagged for every place', () => {
    const stack = testStack();
    new glue.CfnSecurityConfiguration(stack, 'Security', {
      name: 'etl',
      encryptionConfiguration: {},
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[BookmarksNotKms]`,
      `DPP-${ID}[LogsNotKms]`,
      `DPP-${ID}[S3NotKms]`,
    ]);
  });

  test('S3 encryption DISABLED or SSE-S3 is flagged', () => {
    for (const mode of ['DISABLED', 'SSE-S3']) {
      const stack = testStack(mode);
      securityConfiguration(stack, { s3Encryptions: [{ s3EncryptionMode: mode }] });
      expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[S3NotKms]`]);
    }
  });

  test('SSE-KMS without a key, and an unresolved mode, are reported', () => {
    const stack = testStack();
    securityConfiguration(stack, {
      cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS' },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: unresolvedString(stack) },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[NoCustomerManagedKey]`,
      `DPP-${ID}[Unresolved::JobBookmarksEncryptionMode]`,
    ]);
  });
});

describe('GlueDataCatalogEncrypted', () => {
  const ID = 'GlueDataCatalogEncrypted';

  test('a disabled catalog encryption with plain passwords is flagged', () => {
    const stack = testStack();
    new glue.CfnDataCatalogEncryptionSettings(stack, 'Catalog', {
      catalogId: '111122223333',
      dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: 'DISABLED' },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([
      `DPP-${ID}[CatalogNotEncrypted]`,
      `DPP-${ID}[PasswordsNotEncrypted]`,
    ]);
  });

  test('SSE-KMS without a key (the aws/glue key) is flagged', () => {
    const stack = testStack();
    const kmsKeyId = new kms.Key(stack, 'Key').keyArn;
    new glue.CfnDataCatalogEncryptionSettings(stack, 'Catalog', {
      catalogId: '111122223333',
      dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS' },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('customer keys for the catalog and the passwords comply', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key').keyArn;
    new glue.CfnDataCatalogEncryptionSettings(stack, 'Catalog', {
      catalogId: '111122223333',
      dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS', sseAwsKmsKeyId: key },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId: key },
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('GlueJobSecurityConfiguration', () => {
  const ID = 'GlueJobSecurityConfiguration';

  test('a job and a crawler without a security configuration are flagged', () => {
    const stack = testStack();
    new glue.CfnJob(stack, 'Job', { role: ROLE, command: { name: 'glueetl' } });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoSecurityConfiguration]`]);
    const other = testStack('Other');
    new glue.CfnCrawler(other, 'Crawler', {
      role: ROLE,
      targets: { s3Targets: [{ path: 's3://x' }] },
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NoSecurityConfiguration]`]);
  });

  test('a job under a security configuration complies; a no-amazon-data job is not judged', () => {
    const stack = testStack();
    const security = securityConfiguration(stack);
    new glue.CfnJob(stack, 'Job', {
      role: ROLE,
      command: { name: 'glueetl' },
      securityConfiguration: security.ref,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    classify(
      new glue.CfnJob(other, 'Job', { role: ROLE, command: { name: 'glueetl' } }),
      DataClass.NO_AMAZON_DATA,
    );
    expect(findingsOf(other, ID)).toEqual([]);
  });

  test('an unresolved security configuration is reported', () => {
    const stack = testStack();
    new glue.CfnJob(stack, 'Job', {
      role: ROLE,
      command: { name: 'glueetl' },
      securityConfiguration: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SecurityConfiguration]`]);
  });
});

describe('GlueConnectionTls', () => {
  const ID = 'GlueConnectionTls';

  test('a JDBC connection without JDBC_ENFORCE_SSL (false by default) is flagged', () => {
    const stack = testStack();
    jdbc(stack, {});
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEnforceSsl]`]);
  });

  test('JDBC_ENFORCE_SSL true complies; a Kafka connection with SSL off is flagged', () => {
    const stack = testStack();
    jdbc(stack, { JDBC_ENFORCE_SSL: 'true' });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    new glue.CfnConnection(other, 'Connection', {
      catalogId: '111122223333',
      connectionInput: {
        connectionType: 'KAFKA',
        connectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1:9092', KAFKA_SSL_ENABLED: 'false' },
      },
    });
    expect(findingsOf(other, ID)).toEqual([`DPP-${ID}[NoEnforceSsl]`]);
  });

  test('an unresolved setting is reported', () => {
    const stack = testStack();
    jdbc(stack, { JDBC_ENFORCE_SSL: unresolvedString(stack) });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::JDBC_ENFORCE_SSL]`]);
  });
});

describe('GlueConnectionNoLiteralPassword', () => {
  const ID = 'GlueConnectionNoLiteralPassword';

  test('a literal password is flagged', () => {
    const stack = testStack();
    jdbc(stack, { USERNAME: 'etl', PASSWORD: 'hunter2' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[LiteralPassword::PASSWORD]`]);
  });

  test('a secret named by SECRET_ID, or a Secrets Manager reference, complies', () => {
    const stack = testStack();
    const secret = new sm.Secret(stack, 'Secret');
    jdbc(stack, { SECRET_ID: secret.secretName });
    expect(findingsOf(stack, ID)).toEqual([]);
    const other = testStack('Other');
    const otherSecret = new sm.Secret(other, 'Secret');
    jdbc(other, { USERNAME: 'etl', PASSWORD: otherSecret.secretValue.unsafeUnwrap() });
    expect(findingsOf(other, ID)).toEqual([]);
  });
});
