import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue } from '../../findings';
import { propertiesOf } from '../../resolve';
import { appFact, isFirstPiiStoreOfStack } from './app-index';

/** Whether a detector of the app is enabled: yes, no, or unknown when `Enable` is a parameter. */
function hasEnabledDetector(detectors: CfnResource[]): boolean | undefined {
  if (detectors.some((d) => isTrue(propertiesOf(d).Enable))) return true;
  const unknown = detectors.some((d) => new Findings(d).cannotJudge(propertiesOf(d).Enable));
  return unknown ? undefined : false;
}

/**
 * Compliant when the app holding a `pii` store also enables a GuardDuty detector. Reported once per
 * stack, on its first PII store; where GuardDuty is enabled for the whole organization outside the app, acknowledge
 * the finding with that reason.
 */
export function piiAppGuardDuty(node: CfnResource): NagRuleResult {
  if (!isFirstPiiStoreOfStack(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const detected = appFact(node, 'AWS::GuardDuty::Detector', hasEnabledDetector);
  if (detected === undefined) return ['Unresolved::Enable'];
  return detected ? NagRuleCompliance.COMPLIANT : ['NoGuardDuty'];
}
