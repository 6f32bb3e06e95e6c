import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a bucket that may hold Amazon data encrypts with SSE-KMS (or DSSE-KMS) under a
 * customer-managed key. Buckets declared `no-amazon-data` (for example the target of server
 * access logs, which only accepts SSE-S3) are not judged.
 */
export function s3BucketKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket' || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const configuration = recordsOf(
    objectOf(propertiesOf(node).BucketEncryption).ServerSideEncryptionConfiguration,
  ).map((rule) => objectOf(rule.ServerSideEncryptionByDefault));
  const findings = new Findings(node);
  const kms = configuration.find((c) => String(c.SSEAlgorithm).startsWith('aws:kms'));
  if (!kms) return findings.add('NotKms').result();
  checkCustomerKey(findings, kms.KMSMasterKeyID, 'KMSMasterKeyID');
  return findings.result();
}
