import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a replication group or cache cluster encrypts traffic in transit, between
 * clients and nodes and among nodes, and does not also accept plaintext (`preferred` mode).
 * Serverless caches always encrypt in transit.
 */
export function elastiCacheTransitEncrypted(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::ElastiCache::ReplicationGroup' && type !== 'AWS::ElastiCache::CacheCluster') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  if (type === 'AWS::ElastiCache::CacheCluster' && properties.ReplicationGroupId !== undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      properties.TransitEncryptionEnabled,
      'TransitEncryptionEnabled',
      isTrue,
      'NoTransitEncryption',
    )
    .check(
      properties.TransitEncryptionMode,
      'TransitEncryptionMode',
      (mode) => mode !== 'preferred',
      'PlaintextAccepted',
    )
    .result();
}
