import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isSearchDomain } from './opensearch-domain';

/** Compliant when a search domain that may hold Amazon data is encrypted with a customer key. */
export function openSearchKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!isSearchDomain(node) || !mayHoldAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const atRest = objectOf(propertiesOf(node).EncryptionAtRestOptions);
  const findings = new Findings(node).check(
    atRest.Enabled,
    'EncryptionAtRestOptions',
    isTrue,
    'NoEncryptionAtRest',
  );
  // An unencrypted domain is one weakness: its key is not judged as well.
  if (!findings.has('NoEncryptionAtRest')) checkCustomerKey(findings, atRest.KmsKeyId, 'KmsKeyId');
  return findings.result();
}
