import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a log group is encrypted with a customer-managed key. */
export function logGroupKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsKeyId, 'KmsKeyId');
  return findings.result();
}
