import { DataStoreProfile } from './data-store-profile';

/**
 * Document, graph, wide-column, ledger and relational stores outside RDS's own rules.
 * DocumentDB: `StorageEncrypted` defaults to false; TLS is the cluster parameter group's `tls`,
 * `enabled` (TLS 1.0 to 1.3) in the default group. DocumentDB elastic clusters, Neptune (from
 * engine 1.0.4.0), Neptune Analytics, Keyspaces, QLDB and Aurora DSQL accept TLS only.
 * Neptune: `StorageEncrypted` and `IamAuthEnabled` default to false. Keyspaces, QLDB, DSQL and
 * Neptune Analytics encrypt with a key AWS owns unless told otherwise. Lightsail databases are
 * encrypted with a key AWS manages only; their automated backups are on by default.
 */
export const DATABASE_PROFILES: readonly DataStoreProfile[] = [
  {
    type: 'AWS::DocDB::DBCluster',
    store: true,
    atRest: { enabled: { path: ['StorageEncrypted'], whenAbsent: false }, key: ['KmsKeyId'] },
    transit: { groups: ['DBClusterParameterGroupName'], engine: 'docdb' },
    auth: { password: { path: ['MasterUserPassword'], managedBy: ['ManageMasterUserPassword'] } },
    recovery: { deletionProtection: { path: ['DeletionProtection'], whenAbsent: false } },
  },
  {
    type: 'AWS::DocDBElastic::Cluster',
    store: true,
    atRest: { key: ['KmsKeyId'] },
    transit: { always: true },
    auth: {
      password: { path: ['AdminUserPassword'], managedBy: ['AuthType'], managedWhen: 'SECRET_ARN' },
    },
  },
  {
    type: 'AWS::Neptune::DBCluster',
    store: true,
    atRest: { enabled: { path: ['StorageEncrypted'], whenAbsent: false }, key: ['KmsKeyId'] },
    transit: { always: true },
    auth: { iam: { path: ['IamAuthEnabled'], whenAbsent: false } },
    recovery: { deletionProtection: { path: ['DeletionProtection'], whenAbsent: false } },
  },
  {
    type: 'AWS::Neptune::DBInstance',
    store: false,
    public: { path: ['PubliclyAccessible'], whenAbsent: false },
  },
  {
    type: 'AWS::NeptuneGraph::Graph',
    store: true,
    atRest: { key: ['KmsKeyIdentifier'] },
    transit: { always: true },
    public: { path: ['PublicConnectivity'], whenAbsent: false },
    recovery: { deletionProtection: { path: ['DeletionProtection'], whenAbsent: false } },
  },
  {
    type: 'AWS::Cassandra::Table',
    store: true,
    atRest: {
      key: ['EncryptionSpecification', 'KmsKeyIdentifier'],
      keyType: {
        path: ['EncryptionSpecification', 'EncryptionType'],
        whenAbsent: 'AWS_OWNED_KMS_KEY',
        customerManaged: 'CUSTOMER_MANAGED_KMS_KEY',
      },
    },
    transit: { always: true },
    recovery: { pointInTimeRecovery: { path: ['PointInTimeRecoveryEnabled'], whenAbsent: false } },
  },
  {
    type: 'AWS::QLDB::Ledger',
    store: true,
    atRest: { key: ['KmsKey'], awsOwnedValues: ['AWS_OWNED_KMS_KEY'] },
    transit: { always: true },
    recovery: { deletionProtection: { path: ['DeletionProtection'], whenAbsent: true } },
  },
  {
    type: 'AWS::DSQL::Cluster',
    store: true,
    atRest: { key: ['KmsEncryptionKey'], awsOwnedValues: ['AWS_OWNED_KMS_KEY'] },
    transit: { always: true },
    recovery: { deletionProtection: { path: ['DeletionProtectionEnabled'], whenAbsent: false } },
  },
  {
    type: 'AWS::Lightsail::Database',
    store: true,
    atRest: {},
    transit: { groups: [], inline: true },
    public: { path: ['PubliclyAccessible'], whenAbsent: false },
    auth: { password: { path: ['MasterUserPassword'] } },
    recovery: { backups: { path: ['BackupRetention'], whenAbsent: true } },
  },
  {
    type: 'AWS::RDS::DBProxy',
    store: false,
    transit: { flag: { path: ['RequireTLS'], whenAbsent: 'false' }, accepted: ['true'] },
  },
];
