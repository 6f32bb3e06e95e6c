import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, isFalse, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Result encryption options that use a KMS key. */
const KMS_OPTIONS = ['SSE_KMS', 'CSE_KMS'];

/**
 * Compliant when an Athena workgroup that may query Amazon data writes its query results
 * encrypted with a customer-managed key (`SSE_KMS` or `CSE_KMS` in S3, or a `KmsKey` for
 * Athena-managed results), and enforces that setting on every client (an explicit
 * `EnforceWorkGroupConfiguration` false lets a client write results unencrypted).
 */
export function athenaWorkGroupEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Athena::WorkGroup' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const configuration = objectOf(propertiesOf(node).WorkGroupConfiguration);
  const findings = new Findings(node);
  const managed = objectOf(configuration.ManagedQueryResultsConfiguration);
  if (isTrue(managed.Enabled)) {
    const key = objectOf(managed.EncryptionConfiguration).KmsKey;
    findings.unless(key !== undefined, 'ResultsNotKms');
    if (key !== undefined) checkCustomerKey(findings, key, 'KmsKey');
  } else {
    const encryption = objectOf(
      objectOf(configuration.ResultConfiguration).EncryptionConfiguration,
    );
    findings.check(
      encryption.EncryptionOption,
      'EncryptionOption',
      (option) => KMS_OPTIONS.includes(String(option)),
      'ResultsNotKms',
    );
    if (KMS_OPTIONS.includes(String(encryption.EncryptionOption))) {
      checkCustomerKey(findings, encryption.KmsKey, 'KmsKey');
    }
  }
  findings.check(
    configuration.EnforceWorkGroupConfiguration,
    'EnforceWorkGroupConfiguration',
    (on) => !isFalse(on),
    'ClientOverride',
  );
  return findings.result();
}
