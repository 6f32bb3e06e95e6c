import { DataStoreProfile } from './data-store-profile';

/**
 * Warehouses and time-series stores. Redshift: `Encrypted` defaults to false and a key left out
 * is a key AWS manages; the default parameter group does not set `require_ssl`;
 * `AutomatedSnapshotRetentionPeriod` 0 turns automated snapshots off (the default is 1 day).
 * Redshift Serverless encrypts every namespace, with a key AWS owns unless `KmsKeyId` names one;
 * a workgroup's `require_ssl` is a `ConfigParameters` entry. Timestream encrypts every database,
 * with the AWS managed key unless `KmsKeyId` names one; Timestream for InfluxDB instances and
 * clusters (HTTPS only) likewise, and are private unless `PubliclyAccessible` is true.
 */
export const WAREHOUSE_PROFILES: readonly DataStoreProfile[] = [
  {
    type: 'AWS::Redshift::Cluster',
    store: true,
    atRest: { enabled: { path: ['Encrypted'], whenAbsent: false }, key: ['KmsKeyId'] },
    transit: { groups: ['ClusterParameterGroupName'], engine: 'redshift' },
    public: { path: ['PubliclyAccessible'], whenAbsent: false },
    auth: { password: { path: ['MasterUserPassword'], managedBy: ['ManageMasterPassword'] } },
    recovery: { backups: { path: ['AutomatedSnapshotRetentionPeriod'], whenAbsent: 1 } },
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    store: true,
    atRest: { key: ['KmsKeyId'] },
    auth: { password: { path: ['AdminUserPassword'], managedBy: ['ManageAdminPassword'] } },
  },
  {
    type: 'AWS::RedshiftServerless::Workgroup',
    store: false,
    transit: { groups: [], inline: true, engine: 'redshift' },
    public: { path: ['PubliclyAccessible'], whenAbsent: false },
  },
  {
    type: 'AWS::Timestream::Database',
    store: true,
    atRest: { key: ['KmsKeyId'] },
    transit: { always: true },
  },
  ...['AWS::Timestream::InfluxDBInstance', 'AWS::Timestream::InfluxDBCluster'].map(
    (type): DataStoreProfile => ({
      type,
      store: true,
      atRest: { key: ['KmsKeyId'] },
      transit: { always: true },
      public: { path: ['PubliclyAccessible'], whenAbsent: false },
      auth: { password: { path: ['Password'] } },
    }),
  ),
];
