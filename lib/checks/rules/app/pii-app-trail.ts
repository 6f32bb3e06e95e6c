import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';
import { appFact, isFirstPiiStoreOfStack } from './app-index';

function hasValidatedMultiRegionTrail(trails: CfnResource[]): boolean {
  return trails.some((trail) => {
    const p = propertiesOf(trail);
    return isTrue(p.IsMultiRegionTrail) && isTrue(p.EnableLogFileValidation) && isTrue(p.IsLogging);
  });
}

/**
 * Compliant when the app holding a `pii` store also has a CloudTrail trail that is
 * multi-region and validates its log files. Reported once per stack, on its first PII store.
 */
export function piiAppTrail(node: CfnResource): NagRuleResult {
  if (!isFirstPiiStoreOfStack(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const trailed = appFact(node, 'AWS::CloudTrail::Trail', hasValidatedMultiRegionTrail);
  return trailed ? NagRuleCompliance.COMPLIANT : ['NoMultiRegionValidatedTrail'];
}
