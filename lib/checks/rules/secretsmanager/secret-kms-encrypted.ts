import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a secret, and each of its replicas in other regions, is encrypted with a
 * customer-managed key; a replica without `KmsKeyId` uses `aws/secretsmanager` of its region.
 */
export function secretKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  const properties = propertiesOf(node);
  checkCustomerKey(findings, properties.KmsKeyId, 'KmsKeyId');
  for (const replica of recordsOf(properties.ReplicaRegions)) {
    checkCustomerKey(findings, replica.KmsKeyId, 'ReplicaRegions');
  }
  return findings.result();
}
