import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when an S3 Express One Zone directory bucket that may hold Amazon data encrypts
 * objects by default with SSE-KMS under a customer-managed key; without `BucketEncryption` it
 * uses SSE-S3.
 */
export function s3DirectoryBucketKmsEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3Express::DirectoryBucket' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const rules = recordsOf(
    objectOf(propertiesOf(node).BucketEncryption).ServerSideEncryptionConfiguration,
  );
  const findings = new Findings(node).unless(rules.length > 0, 'NotKms');
  for (const rule of rules) {
    const byDefault = objectOf(rule.ServerSideEncryptionByDefault);
    findings.check(byDefault.SSEAlgorithm, 'SSEAlgorithm', (a) => a === 'aws:kms', 'NotKms');
    if (byDefault.SSEAlgorithm === 'aws:kms') {
      checkCustomerKey(findings, byDefault.KMSMasterKeyID, 'KMSMasterKeyID');
    }
  }
  return findings.result();
}
