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
  /**
   * The CloudFormation resource types the rule judges. The pack calls `check` on resources of
   * these types only, and the coverage table counts a type as judged when a rule lists it.
   */
  readonly resourceTypes: readonly string[];
  /** What is wrong, in one sentence, without the clause IDs (they are appended). */
  readonly summary: string;
  /**
   * The specific cause of each finding the rule reports, by finding code (the part of
   * `DPP-<id>[code::detail]` before `::`), in one sentence. A finding without an entry is
   * described by the summary.
   */
  readonly causes?: Readonly<Record<string, string>>;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it: the setting or the cdk-dpp construct that makes the resource compliant. */
  readonly fix: string;
  /**
   * Whether a finding of the rule may be acknowledged. `false` for the rules that keep PII from
   * being public, plaintext in transit or unencrypted at rest (DPP-NP-1 on data stores,
   * DPP-NP-7, DPP-NP-8, DPP-25-TLS, DPP-ES-1): acknowledging one, by its id or a granular id,
   * is itself a finding, `DPP-AcknowledgementForbidden`, that fails the synth.
   * @default true
   */
  readonly waivable?: boolean;
  /**
   * Judges one resource: COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, or a list of findings, each
   * reported (and acknowledgeable) as `DPP-<id>[finding]`. A value the rule cannot resolve is a
   * finding `Unresolved::<what>`, never a pass.
   */
  readonly check: (node: CfnResource) => NagRuleResult;
}

/** The prefix of findings about a value the rule cannot resolve at synth time. */
const UNRESOLVED = 'Unresolved';

/** The finding code of a granular finding: `Code` of `Code::detail`. */
function findingCode(finding: string): string {
  return finding.split('::')[0];
}

/** The specific cause of one finding, in one sentence without the final stop. */
export function findingCause(rule: DppRule, finding?: string): string {
  if (finding === undefined) return rule.summary;
  const code = findingCode(finding);
  const detail = finding.slice(code.length + 2);
  if (code === UNRESOLVED && detail === 'Template') {
    return `${rule.summary}, and aws-cdk-lib cannot render the resource (or one it points to) into its template, so it cannot be judged`;
  }
  if (code === UNRESOLVED) {
    return `${rule.summary}, and \`${detail}\` is a value the synth cannot resolve (a parameter, an import or a token), so it cannot be judged`;
  }
  const cause = rule.causes?.[code];
  if (cause === undefined) return rule.summary;
  return detail === '' ? cause : `${cause} (\`${detail}\`)`;
}

/** The cause of the finding of a rule that threw while judging a resource: the first line of the error. */
export function failedRuleCause(rule: DppRule, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `${rule.summary}, and the rule failed on the resource (${message}), so it cannot be judged`;
}

/**
 * The text a user sees for a finding, without `verbose`: the specific cause, the clause IDs and
 * the fix.
 */
export function ruleInfo(rule: DppRule, finding?: string): string {
  return findingText(findingCause(rule, finding), rule.clauses, rule.fix);
}

/**
 * The text of every finding of the pack, in two sentences: the cause, followed by the clause IDs
 * in parentheses when there are any, then `Fix:` and the fix (one sentence, its stop included).
 */
export function findingText(cause: string, clauses: readonly string[], fix: string): string {
  const cited = clauses.length > 0 ? ` (${clauses.join(', ')})` : '';
  return `${cause}${cited}. Fix: ${fix.charAt(0).toUpperCase()}${fix.slice(1)}`;
}

/** Whether findings of the rule may be acknowledged (see `DppRule.waivable`). */
export function isWaivable(rule: DppRule): boolean {
  return rule.waivable !== false;
}

/** The name the DPP pack reports its findings under, and the prefix of its rule ids. */
export const PACK_NAME = 'DPP';

/** The full rule id as reported, `DPP-<id>`. */
export function ruleName(rule: DppRule): string {
  return `${PACK_NAME}-${rule.id}`;
}

/** The explanation a user sees in verbose mode, after the finding text: why it matters. */
export function ruleExplanation(rule: DppRule): string {
  return `Why: ${rule.explanation}`;
}
