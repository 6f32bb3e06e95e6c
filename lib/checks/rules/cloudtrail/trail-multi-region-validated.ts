import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { checkTrailLogging } from './trail-logging';

/**
 * Compliant when a trail is logging every management event (reads and writes, of every event
 * source) of every region and the global services, validates its log files and encrypts them
 * with a customer-managed key.
 */
export function trailMultiRegionValidated(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudTrail::Trail') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = checkTrailLogging(node, new Findings(node));
  checkCustomerKey(findings, propertiesOf(node).KMSKeyId, 'KMSKeyId');
  return findings.result();
}
