import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';

/**
 * A rule of the DPP pack: metadata and the function that judges one resource.
 */
export interface DppRule {
  /** The rule id without the pack prefix; the finding is reported as `DPP-<id>`. */
  readonly id: string;
  /** ERROR for enforced clauses, WARN for supported ones the template can hint at. */
  readonly level: NagMessageLevel;
  /** The catalog clauses the rule enforces. */
  readonly clauses: readonly string[];
  /** What is wrong, in one sentence, without the clause IDs (they are appended). */
  readonly summary: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it: the setting or the cdk-dpp construct that makes the resource compliant. */
  readonly fix: string;
  /**
   * Judges one resource: COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, or a list of findings, each
   * reported (and acknowledgeable) as `DPP-<id>[finding]`. A value the rule cannot resolve is a
   * finding `Unresolved::<what>`, never a pass.
   */
  readonly check: (node: CfnResource) => NagRuleResult;
}

/** The text a user sees for a finding: the summary followed by the clause IDs. */
export function ruleInfo(rule: DppRule): string {
  return `${rule.summary} (${rule.clauses.join(', ')}).`;
}

/** The full rule id as reported, `DPP-<id>`. */
export function ruleName(rule: DppRule): string {
  return `DPP-${rule.id}`;
}

/** The explanation a user sees in verbose mode: why it matters, then the fix. */
export function ruleExplanation(rule: DppRule): string {
  return `${rule.explanation} Fix: ${rule.fix}`;
}
