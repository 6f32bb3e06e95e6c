import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when a symmetric encryption key rotates its key material. */
export function kmsKeyRotation(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KMS::Key') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const symmetric = properties.KeySpec === undefined || properties.KeySpec === 'SYMMETRIC_DEFAULT';
  const encryption = properties.KeyUsage === undefined || properties.KeyUsage === 'ENCRYPT_DECRYPT';
  if (!symmetric || !encryption) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(properties.EnableKeyRotation, 'EnableKeyRotation', isTrue, 'NoRotation')
    .result();
}
