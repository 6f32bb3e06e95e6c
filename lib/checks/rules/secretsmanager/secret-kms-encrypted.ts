import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a secret is encrypted with a customer-managed key. */
export function secretKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsKeyId, 'KmsKeyId');
  return findings.result();
}
