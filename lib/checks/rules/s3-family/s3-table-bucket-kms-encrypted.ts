import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when an S3 table bucket that may hold Amazon data encrypts its tables with SSE-KMS
 * under a customer-managed key; without `EncryptionConfiguration` it uses SSE-S3 (`AES256`).
 */
export function s3TableBucketKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3Tables::TableBucket' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = objectOf(propertiesOf(node).EncryptionConfiguration);
  const findings = new Findings(node).check(
    encryption.SSEAlgorithm,
    'SSEAlgorithm',
    (algorithm) => algorithm === 'aws:kms',
    'NotKms',
  );
  if (encryption.SSEAlgorithm === 'aws:kms') {
    checkCustomerKey(findings, encryption.KMSKeyArn, 'KMSKeyArn');
  }
  return findings.result();
}
