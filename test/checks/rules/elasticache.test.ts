import { aws_elasticache as elasticache } from 'aws-cdk-lib';
import { DataClass } from '../../../constructs/common/data-class';
import { testStack } from '../../helpers';
import { classify, findingsOf, unresolvedString } from '../rule-helpers';

const group = {
  replicationGroupDescription: 'cache',
  engine: 'valkey',
  cacheNodeType: 'cache.t4g.micro',
};

describe('ElastiCacheTransitEncrypted', () => {
  const ID = 'ElastiCacheTransitEncrypted';

  test('a replication group without transit encryption is flagged', () => {
    const stack = testStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', group);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoTransitEncryption]`]);
  });

  test('a group that still accepts plaintext (preferred mode) is flagged', () => {
    const stack = testStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', {
      ...group,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'preferred',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PlaintextAccepted]`]);
  });

  test('required transit encryption complies; serverless caches always do', () => {
    const stack = testStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', {
      ...group,
      transitEncryptionEnabled: true,
    });
    new elasticache.CfnServerlessCache(stack, 'Serverless', {
      engine: 'valkey',
      serverlessCacheName: 's',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved flag is reported', () => {
    const stack = testStack();
    new elasticache.CfnCacheCluster(stack, 'Cache', {
      engine: 'memcached',
      cacheNodeType: 'cache.t4g.micro',
      numCacheNodes: 1,
      transitEncryptionEnabled: unresolvedString(stack) as unknown as boolean,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::TransitEncryptionEnabled]`]);
  });
});

describe('ElastiCacheKmsEncrypted', () => {
  const ID = 'ElastiCacheKmsEncrypted';

  test('a replication group without encryption at rest is flagged', () => {
    const stack = testStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', group);
    // Unencrypted is one weakness: the key is not judged as well.
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEncryptionAtRest]`]);
  });

  test('a standalone cache cluster cannot encrypt at rest', () => {
    const stack = testStack();
    new elasticache.CfnCacheCluster(stack, 'Cache', {
      engine: 'redis',
      cacheNodeType: 'cache.t4g.micro',
      numCacheNodes: 1,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoEncryptionAtRest]`]);
  });

  test('a customer-managed key complies; a no-amazon-data cache is not judged', () => {
    const stack = testStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', {
      ...group,
      atRestEncryptionEnabled: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234',
    });
    classify(
      new elasticache.CfnCacheCluster(stack, 'Sessions', {
        engine: 'memcached',
        cacheNodeType: 'cache.t4g.micro',
        numCacheNodes: 1,
      }),
      DataClass.NO_AMAZON_DATA,
    );
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved key is reported', () => {
    const stack = testStack();
    new elasticache.CfnServerlessCache(stack, 'Cache', {
      engine: 'valkey',
      serverlessCacheName: 's',
      kmsKeyId: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::KmsKeyId]`]);
  });
});
