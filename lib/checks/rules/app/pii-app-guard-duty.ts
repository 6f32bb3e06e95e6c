import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DPP_METADATA_KEY } from '../../../../constructs/common/dpp-metadata';
import { adoptionSetting } from '../../../../constructs/monitoring/account-service';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf, renders, templateOf } from '../../resolve';
import { appFact, isFirstPiiStoreOfStack } from './app-index';

/** Whether a detector of the app is enabled: yes, no, or unknown when `Enable` is a parameter. */
function hasEnabledDetector(detectors: CfnResource[]): boolean | undefined {
  if (detectors.some((d) => isTrue(propertiesOf(d).Enable))) return true;
  const unknown = detectors.some((d) => new Findings(d).cannotJudge(propertiesOf(d).Enable));
  return unknown ? undefined : false;
}

/**
 * Whether an `AccountBaseline` of the app records, with a reason, that it adopts the GuardDuty
 * detector of the organization: on its GuardDuty finding route, which the report shows beside
 * the clause as the operator's statement.
 */
function recordsAdoptedDetector(rules: CfnResource[]): boolean {
  const setting = adoptionSetting('guardDuty');
  return rules.some(
    (rule) =>
      renders(rule) &&
      recordsOf(objectOf(templateOf(rule).Metadata?.[DPP_METADATA_KEY]).optOuts).some(
        (o) => o.setting === setting && typeof o.reason === 'string' && o.reason.trim() !== '',
      ),
  );
}

/**
 * Compliant when the app holding a `pii` store also enables a GuardDuty detector, or records with
 * its reason that it adopts the organization's (`accountServices.guardDuty` of `AccountBaseline`).
 * Reported once per stack, on its first PII store; where GuardDuty is enabled for the whole
 * organization outside the app and no baseline records it, acknowledge the finding with that
 * reason.
 */
export function piiAppGuardDuty(node: CfnResource): NagRuleResult {
  if (!isFirstPiiStoreOfStack(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const detected = appFact(node, 'AWS::GuardDuty::Detector', hasEnabledDetector);
  if (detected) return NagRuleCompliance.COMPLIANT;
  if (appFact(node, 'AWS::Events::Rule', recordsAdoptedDetector)) {
    return NagRuleCompliance.COMPLIANT;
  }
  return detected === undefined ? ['Unresolved::Enable'] : ['NoGuardDuty'];
}
