import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isFalse, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The access point types with their own Block Public Access settings. */
const TYPES = [
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3Express::AccessPoint',
];

/** The four Block Public Access settings, each a finding of its own when turned off. */
const BLOCK_PUBLIC_ACCESS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/**
 * Compliant when an access point keeps all four Block Public Access settings on. S3 turns them
 * all on for an access point that sets none, so only a setting turned off is reported: a public
 * access point opens the bucket behind it whatever the bucket's own settings.
 */
export function s3AccessPointPublicAccessBlocked(node: CfnResource): NagRuleResult {
  if (!TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
  const configuration = propertiesOf(node).PublicAccessBlockConfiguration;
  const findings = new Findings(node);
  if (findings.cannotJudge(configuration)) return ['Unresolved::PublicAccessBlockConfiguration'];
  const block = objectOf(configuration);
  for (const setting of BLOCK_PUBLIC_ACCESS) {
    findings.check(block[setting], setting, (on) => !isFalse(on), setting);
  }
  return findings.result();
}
