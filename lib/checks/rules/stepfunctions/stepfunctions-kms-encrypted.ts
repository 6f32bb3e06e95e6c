import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The Step Functions types that encrypt their data under `EncryptionConfiguration`. */
const TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::StepFunctions::Activity'];

/**
 * Compliant when a state machine or activity that may carry Amazon data encrypts executions
 * (inputs, outputs, history) with a customer-managed key: `EncryptionConfiguration` of type
 * `CUSTOMER_MANAGED_KMS_KEY`; without it, Step Functions uses `AWS_OWNED_KEY`.
 */
export function stepFunctionsKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!TYPES.includes(node.cfnResourceType) || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = objectOf(propertiesOf(node).EncryptionConfiguration);
  const findings = new Findings(node).check(
    encryption.Type,
    'EncryptionConfiguration',
    (type) => type === 'CUSTOMER_MANAGED_KMS_KEY',
    'AwsOwnedKey',
  );
  if (encryption.Type === 'CUSTOMER_MANAGED_KMS_KEY') {
    checkCustomerKey(findings, encryption.KmsKeyId, 'KmsKeyId');
  }
  return findings.result();
}
