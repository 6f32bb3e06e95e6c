import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { elastiCacheKmsEncrypted } from './elasticache-kms-encrypted';
import { elastiCacheTransitEncrypted } from './elasticache-transit-encrypted';

const { ERROR } = NagMessageLevel;

/** The ElastiCache rules. */
export const ELASTICACHE_RULES: readonly DppRule[] = [
  {
    id: 'ElastiCacheTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6'],
    summary: 'The cache does not require TLS between clients and nodes and among its nodes',
    causes: {
      NoTransitEncryption: 'In-transit encryption is off on the cache',
      PlaintextAccepted:
        'The cache accepts plaintext connections beside TLS (`TransitEncryptionMode` preferred)',
    },
    explanation: 'Replication among storage nodes is encrypted too.',
    fix: 'set `transitEncryptionEnabled: true` and leave `transitEncryptionMode` at `required`.',
    check: elastiCacheTransitEncrypted,
  },
  {
    id: 'ElastiCacheKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: [
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::ElastiCache::CacheCluster',
      'AWS::ElastiCache::ServerlessCache',
    ],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The cache may hold Amazon data but is not encrypted at rest with a customer-managed KMS key',
    causes: {
      NoEncryptionAtRest:
        'The cache is not encrypted at rest (a cache cluster outside a replication group cannot be)',
      NoCustomerManagedKey:
        'The encrypted cache names no KMS key, so ElastiCache uses a key it owns: the developer does not control the key',
      AwsManagedKey:
        'The encrypted cache uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix:
      'use a replication group with `atRestEncryptionEnabled: true` and `kmsKeyId`, or a ' +
      'serverless cache with `kmsKeyId`.',
    check: elastiCacheKmsEncrypted,
  },
];
