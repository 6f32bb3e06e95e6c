import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Catalog encryption modes that use a KMS key. */
const KMS_MODES = ['SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE'];

/**
 * Compliant when the Data Catalog settings encrypt the catalog's metadata with a
 * customer-managed key (without `SseAwsKmsKeyId`, Glue uses the AWS managed key) and return
 * connection passwords encrypted with one.
 */
export function glueDataCatalogEncrypted(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Glue::DataCatalogEncryptionSettings') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const settings = objectOf(objectOf(propertiesOf(node).DataCatalogEncryptionSettings));
  const atRest = objectOf(settings.EncryptionAtRest);
  const findings = new Findings(node).check(
    atRest.CatalogEncryptionMode,
    'CatalogEncryptionMode',
    (mode) => KMS_MODES.includes(String(mode)),
    'CatalogNotEncrypted',
  );
  if (KMS_MODES.includes(String(atRest.CatalogEncryptionMode))) {
    checkCustomerKey(findings, atRest.SseAwsKmsKeyId, 'SseAwsKmsKeyId');
  }
  const passwords = objectOf(settings.ConnectionPasswordEncryption);
  findings.check(
    passwords.ReturnConnectionPasswordEncrypted,
    'ReturnConnectionPasswordEncrypted',
    isTrue,
    'PasswordsNotEncrypted',
  );
  if (isTrue(passwords.ReturnConnectionPasswordEncrypted)) {
    checkCustomerKey(findings, passwords.KmsKeyId, 'KmsKeyId');
  }
  return findings.result();
}
