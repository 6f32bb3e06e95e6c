import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a stream that may hold Amazon data is encrypted with a customer-managed key. */
export function kinesisStreamKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Kinesis::Stream' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = objectOf(propertiesOf(node).StreamEncryption);
  const findings = new Findings(node).check(
    encryption.EncryptionType,
    'StreamEncryption',
    (type) => type === 'KMS',
    'NotKms',
  );
  if (encryption.EncryptionType === 'KMS') checkCustomerKey(findings, encryption.KeyId, 'KeyId');
  return findings.result();
}
