import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';
import { resourcesEncryptedBy } from './key-usage';

/** The longest rotation period accepted: yearly, the AWS default. */
export const MAX_ROTATION_PERIOD_DAYS = 365;

/**
 * Compliant when a symmetric encryption key rotates its key material at least yearly
 * (`RotationPeriodInDays` at most 365, the default). A key that encrypts a resource of the app
 * must be a symmetric AES-256 key (`SYMMETRIC_DEFAULT`); other keys (signing, HMAC) are not
 * judged.
 */
export function kmsKeyRotation(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KMS::Key') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const symmetric = properties.KeySpec === undefined || properties.KeySpec === 'SYMMETRIC_DEFAULT';
  const encryption = properties.KeyUsage === undefined || properties.KeyUsage === 'ENCRYPT_DECRYPT';
  const findings = new Findings(node);
  if (!symmetric || !encryption) {
    if (resourcesEncryptedBy(node).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return findings.add('NotAes256').result();
  }
  findings.check(properties.EnableKeyRotation, 'EnableKeyRotation', isTrue, 'NoRotation');
  if (isTrue(properties.EnableKeyRotation) && properties.RotationPeriodInDays !== undefined) {
    findings.check(
      properties.RotationPeriodInDays,
      'RotationPeriodInDays',
      (days) => Number(days) <= MAX_ROTATION_PERIOD_DAYS,
      'RotationTooRare',
    );
  }
  return findings.result();
}
