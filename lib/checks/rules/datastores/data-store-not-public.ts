import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isFalse } from '../../findings';
import { pathName, settingOf } from './data-store-profile';
import { profileOf } from './profiles';

/**
 * Compliant when a store (or its instance, workgroup or network policy) has no public endpoint:
 * the flag its profile names is false, or absent where the service default is private.
 */
export function dataStoreNotPublic(node: CfnResource): NagRuleResult {
  const profile = profileOf(node);
  if (profile?.custom?.public) return profile.custom.public(node);
  if (!profile?.public) return NagRuleCompliance.NOT_APPLICABLE;
  return new Findings(node)
    .check(
      settingOf(node, profile.public),
      pathName(profile.public.path),
      isFalse,
      'PubliclyAccessible',
    )
    .result();
}
