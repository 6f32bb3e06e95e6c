import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import { mayHoldAmazonData, storeClass } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue } from '../../findings';
import { literalText } from '../../resolve';
import { pathName, settingOf, valueAt } from './data-store-profile';
import { profileOf } from './profiles';

/**
 * Compliant when a store that may hold Amazon data is encrypted at rest with a customer-managed
 * KMS key, as its profile says where the flag and the key live (an absent flag takes the
 * service default; an absent key is a key AWS owns or manages).
 */
export function dataStoreCustomerKey(node: CfnResource): NagRuleResult {
  const profile = profileOf(node);
  const outOfScope = profile?.store
    ? !mayHoldAmazonData(node)
    : storeClass(node) === DataClass.NO_AMAZON_DATA;
  if (!profile || outOfScope) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (profile.custom?.atRest) return profile.custom.atRest(node);
  const atRest = profile.atRest;
  if (!atRest) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (atRest.enabled) {
    const enabled = settingOf(node, atRest.enabled);
    findings.check(enabled, pathName(atRest.enabled.path), isTrue, 'NotEncrypted');
    if (!isTrue(enabled)) return findings.result();
  }
  if (!atRest.key) return findings.add('AwsOwnedKeyOnly').result();
  if (atRest.keyType) {
    const type = settingOf(node, atRest.keyType);
    findings.check(
      type,
      pathName(atRest.keyType.path),
      (t) => t === atRest.keyType?.customerManaged,
      'NoCustomerManagedKey',
    );
    if (type !== atRest.keyType.customerManaged) return findings.result();
  }
  const key = valueAt(node, atRest.key);
  const text = literalText(key);
  if (text !== undefined && atRest.awsOwnedValues?.includes(text)) {
    return findings.add('NoCustomerManagedKey').result();
  }
  checkCustomerKey(findings, key, pathName(atRest.key));
  return findings.result();
}
