import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { rdsCredentialsManaged } from './rds-credentials-managed';
import { DATABASE_TYPES } from './rds-database';
import { rdsLogsExported } from './rds-logs-exported';
import { rdsNotPublic } from './rds-not-public';
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { rdsTlsEnforced } from './rds-tls-enforced';

const { ERROR } = NagMessageLevel;

/** The RDS and Aurora rules. */
export const RDS_RULES: readonly DppRule[] = [
  {
    id: 'RdsStorageEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: DATABASE_TYPES,
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary: 'The database storage is not encrypted with a customer-managed KMS key',
    causes: {
      NotEncrypted:
        'The database storage is not encrypted at rest (`StorageEncrypted` is not true)',
      NoCustomerManagedKey:
        'The encrypted database names no KMS key, so RDS uses the AWS managed key `aws/rds`: the developer does not control the key',
      AwsManagedKey:
        'The encrypted database uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `storageEncrypted: true` with `storageEncryptionKey`, or use PiiDatabase.',
    check: rdsStorageEncrypted,
  },
  {
    id: 'RdsNotPublic',
    level: ERROR,
    waivable: false,
    resourceTypes: DATABASE_TYPES,
    clauses: ['DPP-NP-1'],
    summary: 'The DB instance or Multi-AZ DB cluster does not say `PubliclyAccessible: false`',
    causes: {
      PubliclyAccessible:
        'The DB instance or Multi-AZ DB cluster is publicly accessible, or leaves `PubliclyAccessible` unset',
    },
    explanation:
      'Nothing is publicly reachable; when unset, CloudFormation makes an instance or Multi-AZ DB cluster public in a VPC with an internet gateway.',
    fix: 'set `publiclyAccessible: false` and place the database in isolated subnets.',
    check: rdsNotPublic,
  },
  {
    id: 'RdsTlsEnforced',
    level: ERROR,
    waivable: false,
    resourceTypes: DATABASE_TYPES,
    clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The database accepts connections without TLS, or with TLS older than 1.2',
    causes: {
      TlsNotForced:
        'The database accepts plaintext connections (its parameter or option group, or the default one, does not require TLS)',
      TlsBelow12:
        'The database accepts TLS 1.0 or 1.1 (its parameter or option group, or the default one, leaves the oldest version open)',
    },
    explanation: 'Amazon data travels over TLS 1.2 or newer inside the network too.',
    fix:
      'use a parameter group with `rds.force_ssl: 1` (PostgreSQL, SQL Server) or ' +
      '`require_secure_transport: ON` and `tls_version: TLSv1.2,TLSv1.3` (MySQL, MariaDB), or use PiiDatabase.',
    check: rdsTlsEnforced,
  },
  {
    id: 'RdsCredentialsManaged',
    level: ERROR,
    resourceTypes: DATABASE_TYPES,
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary:
      'The database master password is a literal or a parameter, or IAM database authentication is off',
    causes: {
      LiteralPassword:
        'The master password is a literal or a parameter, not managed by RDS or read from Secrets Manager',
      NoIamAuthentication: 'IAM database authentication is off',
    },
    explanation:
      'Every person and process has its own credentials; none are written into templates.',
    fix:
      'use `credentials: Credentials.fromGeneratedSecret(...)` (or `manageMasterUserPassword`) ' +
      'and `iamAuthentication: true`.',
    check: rdsCredentialsManaged,
  },
  {
    id: 'RdsLogsExported',
    level: ERROR,
    resourceTypes: DATABASE_TYPES,
    clauses: ['DPP-LM-2'],
    summary: 'The database does not export its logs to CloudWatch Logs',
    causes: {
      NoLogExports:
        'The database exports no log that records access to CloudWatch Logs (none, or only its slow query or upgrade log)',
    },
    explanation: 'Storage-layer access is logged like every other channel.',
    fix: 'set `cloudwatchLogsExports` (for example `postgresql`, or `audit` for MySQL).',
    check: rdsLogsExported,
  },
];
