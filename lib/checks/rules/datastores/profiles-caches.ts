import { DataStoreProfile } from './data-store-profile';

/**
 * In-memory stores outside ElastiCache's own rules. MemoryDB encrypts at rest always (with a key
 * AWS manages unless `KmsKeyId` names one) and in transit unless `TLSEnabled` is false; the
 * `open-access` ACL lets any client in without a password. DAX encrypts at rest only when
 * `SSESpecification.SSEEnabled` is true, and then only with a key AWS owns; its endpoint speaks
 * plaintext unless `ClusterEndpointEncryptionType` is `TLS`. ElastiCache serverless caches accept
 * TLS only (their key is judged by ElastiCacheKmsEncrypted). A replication group without an
 * `AuthToken` or `UserGroupIds`, and a serverless cache without a `UserGroupId`, let any client
 * in through the default user; the token is a password and belongs in Secrets Manager.
 */
export const CACHE_PROFILES: readonly DataStoreProfile[] = [
  {
    type: 'AWS::MemoryDB::Cluster',
    store: true,
    atRest: { key: ['KmsKeyId'] },
    transit: { flag: { path: ['TLSEnabled'], whenAbsent: 'true' }, accepted: ['true'] },
    auth: { openAccess: { path: ['ACLName'], value: 'open-access' } },
  },
  {
    type: 'AWS::MemoryDB::MultiRegionCluster',
    store: false,
    transit: { flag: { path: ['TLSEnabled'], whenAbsent: 'true' }, accepted: ['true'] },
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    store: true,
    auth: {
      required: [['AuthToken'], ['UserGroupIds']],
      password: { path: ['AuthToken'] },
    },
  },
  {
    type: 'AWS::ElastiCache::ServerlessCache',
    store: true,
    transit: { always: true },
    auth: { required: [['UserGroupId']] },
  },
  {
    type: 'AWS::DAX::Cluster',
    store: true,
    atRest: { enabled: { path: ['SSESpecification', 'SSEEnabled'], whenAbsent: false } },
    transit: {
      flag: { path: ['ClusterEndpointEncryptionType'], whenAbsent: 'NONE' },
      accepted: ['tls'],
    },
  },
];
