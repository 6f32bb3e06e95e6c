import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { policyEntriesFor } from './serverless-policies';

/**
 * Compliant when an OpenSearch Serverless collection that may index Amazon data is encrypted
 * with a customer-managed key: by its own `EncryptionConfig`, or else by the encryption policy
 * of the app that covers its name (`AWSOwnedKey` true, or no `KmsARN`, is a key AWS owns).
 */
export function serverlessCollectionKmsEncrypted(node: CfnResource): NagRuleResult {
  if (
    node.cfnResourceType !== 'AWS::OpenSearchServerless::Collection' ||
    !mayCarryAmazonData(node)
  ) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  const own = propertiesOf(node).EncryptionConfig;
  if (own !== undefined) {
    const config = objectOf(own);
    findings.check(config.AWSOwnedKey, 'AWSOwnedKey', (owned) => !isTrue(owned), 'AwsOwnedKey');
    if (!isTrue(config.AWSOwnedKey)) checkCustomerKey(findings, config.KmsKeyArn, 'KmsKeyArn');
    return findings.result();
  }
  const entries = policyEntriesFor(node, 'encryption');
  // No policy of the app covering the collection: the one that does lies outside the app.
  if (entries === undefined || entries.length === 0) return ['Unresolved::EncryptionPolicy'];
  for (const { entry } of entries) {
    findings.unless(!isTrue(entry.AWSOwnedKey), 'AwsOwnedKey');
    if (!isTrue(entry.AWSOwnedKey)) checkCustomerKey(findings, entry.KmsARN, 'KmsARN');
  }
  return findings.result();
}
