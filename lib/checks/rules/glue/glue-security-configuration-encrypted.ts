import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a Glue security configuration encrypts all three places a job or crawler
 * writes to with a customer-managed key: S3 output (`SSE-KMS`), CloudWatch logs (`SSE-KMS`) and
 * job bookmarks (`CSE-KMS`). A place left out is not encrypted with a key of the developer.
 */
export function glueSecurityConfigurationEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Glue::SecurityConfiguration') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = objectOf(propertiesOf(node).EncryptionConfiguration);
  const findings = new Findings(node);
  const s3 = recordsOf(encryption.S3Encryptions);
  findings.unless(s3.length > 0, 'S3NotKms');
  for (const setting of s3) {
    findings.check(
      setting.S3EncryptionMode,
      'S3EncryptionMode',
      (m) => m === 'SSE-KMS',
      'S3NotKms',
    );
    if (setting.S3EncryptionMode === 'SSE-KMS')
      checkCustomerKey(findings, setting.KmsKeyArn, 'KmsKeyArn');
  }
  const logs = objectOf(encryption.CloudWatchEncryption);
  findings.check(
    logs.CloudWatchEncryptionMode,
    'CloudWatchEncryptionMode',
    (m) => m === 'SSE-KMS',
    'LogsNotKms',
  );
  if (logs.CloudWatchEncryptionMode === 'SSE-KMS')
    checkCustomerKey(findings, logs.KmsKeyArn, 'KmsKeyArn');
  const bookmarks = objectOf(encryption.JobBookmarksEncryption);
  findings.check(
    bookmarks.JobBookmarksEncryptionMode,
    'JobBookmarksEncryptionMode',
    (m) => m === 'CSE-KMS',
    'BookmarksNotKms',
  );
  if (bookmarks.JobBookmarksEncryptionMode === 'CSE-KMS') {
    checkCustomerKey(findings, bookmarks.KmsKeyArn, 'KmsKeyArn');
  }
  return findings.result();
}
