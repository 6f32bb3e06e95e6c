import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { dataStoreAuthenticated } from './data-store-authenticated';
import { dataStoreCustomerKey } from './data-store-customer-key';
import { dataStoreNotPublic } from './data-store-not-public';
import { dataStoreTransitEncrypted } from './data-store-transit-encrypted';
import { TLS_GROUP_TYPES } from './engine-tls';
import { parameterGroupTls } from './parameter-group-tls';
import { typesWith } from './profiles';

const { ERROR } = NagMessageLevel;

/**
 * The rules that judge every data store the profile table describes (warehouses, document,
 * graph and ledger databases, caches, serverless search), and the parameter groups that set
 * their TLS.
 */
export const DATASTORES_RULES: readonly DppRule[] = [
  {
    id: 'DataStoreCustomerKey',
    level: ERROR,
    waivable: false,
    resourceTypes: typesWith('atRest'),
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The data store may hold Amazon data but is not encrypted at rest with a customer-managed KMS key',
    causes: {
      NotEncrypted:
        'The store is not encrypted at rest (the flag is off, or absent and off by default)',
      NoCustomerManagedKey:
        'The store is encrypted with a key AWS owns or manages, which the developer neither controls nor rotates',
      AwsManagedKey:
        'The store names an AWS managed key (`alias/aws/...`), which the developer does not control',
      AwsOwnedKeyOnly:
        'The service encrypts this store only with a key AWS owns; it cannot use a customer-managed key',
    },
    explanation:
      'Amazon data at rest is encrypted under keys only the developer controls, rotates and can revoke.',
    fix: 'enable encryption at rest with a customer-managed KMS key (`kmsKey`/`kmsKeyId`), or keep Amazon data out of a store that cannot.',
    check: dataStoreCustomerKey,
  },
  {
    id: 'DataStoreTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: typesWith('transit'),
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The data store accepts connections without TLS, or with TLS older than 1.2',
    causes: {
      TlsNotForced:
        'The store accepts plaintext connections (its flag, its parameter group or the default group does not require TLS)',
      TlsBelow12:
        'The store accepts TLS 1.0 or 1.1 (its parameter group, or the default group, leaves the oldest version open)',
    },
    explanation:
      'Amazon data travels over TLS 1.2 or newer, between clients and stores and among nodes.',
    fix: "require TLS 1.2+ with the store's TLS flag or a custom parameter group (`require_ssl: true`, `tls: tls1.2+`).",
    check: dataStoreTransitEncrypted,
  },
  {
    id: 'ParameterGroupTls',
    level: ERROR,
    waivable: false,
    resourceTypes: TLS_GROUP_TYPES,
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The parameter or option group sets a parameter that weakens TLS',
    causes: {
      TlsNotForced: 'The group lets its databases accept plaintext connections',
      TlsBelow12: 'The group lets its databases accept TLS 1.0 or 1.1',
    },
    explanation:
      'A group applies to every database that uses it; one weak parameter opens them all.',
    fix: 'set the TLS parameters to secure values (`rds.force_ssl: 1`, `require_secure_transport: ON`, `tls_version: TLSv1.2,TLSv1.3`, `require_ssl: true`, `tls: tls1.2+`).',
    check: parameterGroupTls,
  },
  {
    id: 'DataStoreNotPublic',
    level: ERROR,
    waivable: false,
    resourceTypes: typesWith('public'),
    clauses: ['DPP-NP-1'],
    summary: 'The data store has a public endpoint',
    causes: {
      PubliclyAccessible:
        'The store, its instance or workgroup is publicly accessible, or a network policy allows access from the internet',
    },
    explanation: 'Nothing holding Amazon data is reachable from the internet.',
    fix: 'set `publiclyAccessible: false` (`publicConnectivity: false`, `AllowFromPublic: false` with VPC endpoints).',
    check: dataStoreNotPublic,
  },
  {
    id: 'DataStoreAuthenticated',
    level: ERROR,
    resourceTypes: typesWith('auth'),
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary:
      'The data store admits clients without their own credentials, or its master password is in the template',
    causes: {
      NoIamAuthentication: 'IAM database authentication is off',
      NoAuthentication:
        'No authentication is set (no token, no user group), so any client that reaches the endpoint gets in',
      OpenAccess: 'The `open-access` access control list lets any client in without a password',
      LiteralPassword:
        'The master password is a literal or a parameter, not managed by the service or Secrets Manager',
    },
    explanation:
      'Every person and process has its own credentials; none are shared or written into templates.',
    fix: 'turn on IAM authentication, attach an access control list of named users, and let the service or Secrets Manager hold the master password.',
    check: dataStoreAuthenticated,
  },
];
