import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';
import { appFact, isFirstPiiStoreOfStack } from './app-index';

function hasEnabledDetector(detectors: CfnResource[]): boolean {
  return detectors.some((d) => isTrue(propertiesOf(d).Enable));
}

/**
 * Compliant when the app holding a `pii` store also enables a GuardDuty detector. Reported once per
 * stack, on its first PII store; where GuardDuty is enabled for the whole organization outside the app, acknowledge
 * the finding with that reason.
 */
export function piiAppGuardDuty(node: CfnResource): NagRuleResult {
  if (!isFirstPiiStoreOfStack(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const detected = appFact(node, 'AWS::GuardDuty::Detector', hasEnabledDetector);
  return detected ? NagRuleCompliance.COMPLIANT : ['NoGuardDuty'];
}
