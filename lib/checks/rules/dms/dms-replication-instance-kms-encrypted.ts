import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a DMS replication instance that may carry Amazon data encrypts its storage
 * (the changes it caches while replicating) with a customer-managed key; without `KmsKeyId`
 * DMS uses the AWS managed key.
 */
export function dmsReplicationInstanceKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DMS::ReplicationInstance' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsKeyId, 'KmsKeyId');
  return findings.result();
}
