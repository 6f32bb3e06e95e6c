import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { glueConnectionNoLiteralPassword } from './glue-connection-no-literal-password';
import { glueConnectionTls } from './glue-connection-tls';
import { glueDataCatalogEncrypted } from './glue-data-catalog-encrypted';
import { glueJobSecurityConfiguration } from './glue-job-security-configuration';
import { glueSecurityConfigurationEncrypted } from './glue-security-configuration-encrypted';

const { ERROR } = NagMessageLevel;

/** The AWS Glue rules. */
export const GLUE_RULES: readonly DppRule[] = [
  {
    id: 'GlueSecurityConfigurationEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Glue::SecurityConfiguration'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The Glue security configuration does not encrypt everything jobs write with a customer-managed KMS key',
    causes: {
      S3NotKms: 'Job output to S3 is not encrypted with `SSE-KMS`',
      LogsNotKms: 'Job logs in CloudWatch are not encrypted with `SSE-KMS`',
      BookmarksNotKms: 'Job bookmarks are not encrypted with `CSE-KMS`',
      NoCustomerManagedKey: 'A KMS encryption mode names no `KmsKeyArn`',
      AwsManagedKey: 'A KMS encryption mode uses an AWS managed key',
    },
    explanation:
      'Amazon data at rest, what ETL jobs write included, is encrypted under keys only the developer controls.',
    fix: "set `s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn }]`, `cloudWatchEncryption` `SSE-KMS` and `jobBookmarksEncryption` `CSE-KMS`.",
    check: glueSecurityConfigurationEncrypted,
  },
  {
    id: 'GlueDataCatalogEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Glue::DataCatalogEncryptionSettings'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The Glue Data Catalog or its connection passwords are not encrypted with a customer-managed KMS key',
    causes: {
      CatalogNotEncrypted:
        'The Data Catalog metadata is not encrypted (`CatalogEncryptionMode` `DISABLED`)',
      PasswordsNotEncrypted:
        'Connection passwords are returned unencrypted (`ReturnConnectionPasswordEncrypted` not true)',
      NoCustomerManagedKey: 'An encryption setting names no key, so Glue uses the AWS managed key',
      AwsManagedKey: 'An encryption setting uses an AWS managed key',
    },
    explanation:
      'Catalog metadata describes Amazon data and connection passwords open it; both are encrypted under keys the developer controls.',
    fix: "set `catalogEncryptionMode: 'SSE-KMS'` with `sseAwsKmsKeyId`, and `returnConnectionPasswordEncrypted: true` with `kmsKeyId`.",
    check: glueDataCatalogEncrypted,
  },
  {
    id: 'GlueJobSecurityConfiguration',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Glue::Job', 'AWS::Glue::Crawler'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The Glue job or crawler may process Amazon data but runs without a security configuration, so its output, logs and bookmarks are not encrypted with a customer-managed key',
    causes: {
      NoSecurityConfiguration:
        'The job or crawler names no security configuration, so what it writes is not encrypted under a customer-managed key',
    },
    explanation:
      'Amazon data at rest, what ETL jobs write included, is encrypted under keys only the developer controls.',
    fix: 'set `securityConfiguration` (crawlers: `crawlerSecurityConfiguration`) to a KMS security configuration.',
    check: glueJobSecurityConfiguration,
  },
  {
    id: 'GlueConnectionTls',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Glue::Connection'],
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6'],
    summary: 'The Glue connection may reach its data store without TLS',
    causes: {
      NoEnforceSsl:
        'The connection does not require TLS (`JDBC_ENFORCE_SSL` not true, or `KAFKA_SSL_ENABLED` false)',
    },
    explanation: 'Amazon data travels over TLS only, to dependencies inside the network too.',
    fix: "set `JDBC_ENFORCE_SSL: 'true'` in the JDBC connection properties.",
    check: glueConnectionTls,
  },
  {
    id: 'GlueConnectionNoLiteralPassword',
    level: ERROR,
    resourceTypes: ['AWS::Glue::Connection'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'A Glue connection password is written into the template',
    causes: {
      LiteralPassword:
        'A connection password is a literal or a parameter, not a Secrets Manager reference',
    },
    explanation:
      'Credentials are unique, generated and kept in a secret store, never shared through source code or templates.',
    fix: 'name the secret with `SECRET_ID` instead of `USERNAME` and `PASSWORD`.',
    check: glueConnectionNoLiteralPassword,
  },
];
