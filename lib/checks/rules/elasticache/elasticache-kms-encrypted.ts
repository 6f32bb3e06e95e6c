import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a cache that may hold Amazon data is encrypted at rest with a customer-managed
 * key. A standalone cache cluster cannot encrypt at rest: use a replication group or a
 * serverless cache.
 */
export function elastiCacheKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!node.cfnResourceType.startsWith('AWS::ElastiCache::') || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (node.cfnResourceType === 'AWS::ElastiCache::CacheCluster') {
    return findings.add('NoEncryptionAtRest').result();
  }
  if (node.cfnResourceType === 'AWS::ElastiCache::ReplicationGroup') {
    findings.check(
      properties.AtRestEncryptionEnabled,
      'AtRestEncryptionEnabled',
      isTrue,
      'NoEncryptionAtRest',
    );
  }
  // An unencrypted group is one weakness: its key is not judged as well.
  if (!findings.has('NoEncryptionAtRest')) {
    checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  }
  return findings.result();
}
