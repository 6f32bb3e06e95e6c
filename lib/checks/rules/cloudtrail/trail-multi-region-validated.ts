import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, isFalse, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a trail logs every region and the global services, validates its log files
 * and encrypts them with a customer-managed key.
 */
export function trailMultiRegionValidated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudTrail::Trail') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node)
    .check(properties.IsMultiRegionTrail, 'IsMultiRegionTrail', isTrue, 'SingleRegion')
    .check(
      properties.EnableLogFileValidation,
      'EnableLogFileValidation',
      isTrue,
      'NoLogFileValidation',
    )
    .check(
      properties.IncludeGlobalServiceEvents,
      'IncludeGlobalServiceEvents',
      (v) => !isFalse(v),
      'NoGlobalServiceEvents',
    );
  checkCustomerKey(findings, properties.KMSKeyId, 'KMSKeyId');
  return findings.result();
}
