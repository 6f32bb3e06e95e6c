import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, isFalse, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a broker that may hold Amazon data encrypts its messages with a
 * customer-managed key: `UseAwsOwnedKey` false (it defaults to true) and a `KmsKeyId` (without
 * one, Amazon MQ uses the AWS managed key). RabbitMQ brokers only offer an AWS-owned key.
 */
export function mqBrokerKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::AmazonMQ::Broker' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = objectOf(propertiesOf(node).EncryptionOptions);
  const findings = new Findings(node).check(
    encryption.UseAwsOwnedKey,
    'UseAwsOwnedKey',
    isFalse,
    'AwsOwnedKey',
  );
  if (isFalse(encryption.UseAwsOwnedKey)) {
    checkCustomerKey(findings, encryption.KmsKeyId, 'KmsKeyId');
  }
  return findings.result();
}
