import {
  CfnResource,
  IPolicyValidationContext,
  PolicyValidationPluginReport,
  Stage,
} from 'aws-cdk-lib';
import { NagPack, NagPackProps, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { isAcknowledged } from './acknowledged-ids';
import { acknowledgementViolations } from './acknowledgement-checks';
import { ACKNOWLEDGEMENT_METADATA_TYPE } from './acknowledgement-record';
import { writeAssemblyFile } from './assembly-file';
import { CHECKS_METADATA_TYPE, packageVersion, recordChecks } from './checks-record';
import {
  DppRule,
  failedRuleCause,
  findingText,
  PACK_NAME,
  ruleExplanation,
  ruleInfo,
  ruleName,
} from './dpp-rule';
import { summarizeFindingsAtExit } from './findings-summary-at-exit';
import { JudgementLog, JudgementOutcome, JUDGEMENTS_FILE } from './judgements';
import { clearResourceIndex, UnrenderableResourceError } from './resolve';
import { DPP_RULES } from './rule-table';
import { synthDate, TODAY_CONTEXT_KEY } from './synth-date';
import {
  startSynthAttempt,
  SYNTH_ATTEMPT_FILE,
  SYNTH_RECORD_FILE,
  writeSynthRecord,
} from './synth-record';

/** The rules of the table by the resource type they judge, in table order, built once. */
const RULES_BY_TYPE: ReadonlyMap<string, readonly DppRule[]> = (() => {
  const byType = new Map<string, DppRule[]>();
  for (const rule of DPP_RULES) {
    for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
  }
  return byType;
})();

/** The finding of a rule on a resource that aws-cdk-lib cannot render into its template. */
const UNRENDERABLE = 'Unresolved::Template';

/**
 * The cdk-nag pack that fails a synth holding any violation of the Data Protection Policy.
 *
 * ```ts
 * Validations.of(app).addPlugins(new DppChecks(app));
 * ```
 *
 * Every finding names the resource, the rule (`DPP-<rule>[<cause>]`), the specific cause, the
 * clauses it enforces and the fix; `verbose: true` adds why it matters. Acknowledge a finding
 * with `Acknowledgements.of(construct).acknowledge({ id: 'DPP-<rule>', reason, owner, expires })`.
 * A synth that ran the pack ends with one line to stderr counting the findings of every plugin
 * by severity, and the acknowledged ones (`Validation summary: ...`); not when CDK synthesizes
 * in memory (under a test runner), nor from `validateScope`.
 *
 * The pack also judges the acknowledgements of the tree: one of a rule that cannot be waived
 * (`DppRule.waivable`) is a `DPP-AcknowledgementForbidden` finding, one past its `expires` date
 * a `DPP-AcknowledgementExpired` finding. Today is the synth date in UTC, or the
 * `cdk-dpp:today` context value (`YYYY-MM-DD`).
 *
 * Constructed with a scope, the pack also records itself (name, version and rule ids, as
 * `cdk-dpp:checks` metadata) on every stack under the scope, so the evidence report can prove
 * which stacks it checked even when it found nothing. CDK does not carry aspects into stages, so
 * construct the pack after the app's stages exist. It also marks the synth attempt in the app's
 * output folder (`cdk-dpp-attempt.json`) and, when CDK validates the app, writes the synth record
 * (`cdk-dpp-synth.json`: versions, plugins per stage, environment per stack) beside it, so the
 * evidence report can name its scope and refuse an assembly left by an earlier synth, and what
 * every rule concluded on every resource it judged (`cdk-dpp-judgements.json`): the positive
 * evidence the evidence report needs to call a clause met.
 */
export class DppChecks extends NagPack {
  /**
   * The context key that sets the date acknowledgements expire against, as `YYYY-MM-DD`
   * (`cdk synth -c cdk-dpp:today=2027-07-01`); without it, the date of the synth in UTC.
   */
  public static readonly TODAY_CONTEXT_KEY = TODAY_CONTEXT_KEY;
  /** The file at the root of the cloud assembly that marks a synth attempt. */
  public static readonly SYNTH_ATTEMPT_FILE = SYNTH_ATTEMPT_FILE;
  /** The file at the root of the cloud assembly that records a validated synth. */
  public static readonly SYNTH_RECORD_FILE = SYNTH_RECORD_FILE;
  /** The type of the construct metadata entry that records an acknowledgement. */
  public static readonly ACKNOWLEDGEMENT_METADATA_TYPE = ACKNOWLEDGEMENT_METADATA_TYPE;
  /** The type of the construct metadata entry that records which pack checked a stack. */
  public static readonly CHECKS_METADATA_TYPE = CHECKS_METADATA_TYPE;

  public readonly name = PACK_NAME;
  private readonly packVersion = packageVersion();
  private readonly packRuleIds = DPP_RULES.map(ruleName);
  /** The version of cdk-dpp, which versions the pack. */
  public override readonly version?: string = this.packVersion;
  /** The ids of every rule of the pack, in the order of the rule table. */
  public override readonly ruleIds?: string[] = this.packRuleIds;
  private readonly judgements = new JudgementLog();
  /** The outcomes of the last validation handed to cdk-nag, reported or skipped as acknowledged. */
  private raised = 0;
  /** The findings of the last validation that cdk-nag skipped because they are acknowledged. */
  private acknowledged = 0;

  public constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    if (scope) {
      recordChecks(scope, { pack: PACK_NAME, version: this.packVersion, rules: this.packRuleIds });
      startSynthAttempt(scope);
    }
  }

  /**
   * Called by CDK when it validates the app: records the synth, validates the tree, then writes
   * what every rule concluded on every resource into the cloud assembly, and has the count of
   * findings printed when the synth ends (`summarizeFindingsAtExit`).
   */
  public override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (context.appConstruct) writeSynthRecord(context.appConstruct);
    const report = super.validate(context);
    const root = context.appConstruct?.node.root;
    if (root && Stage.isStage(root)) {
      writeAssemblyFile(
        root,
        JUDGEMENTS_FILE,
        this.judgements.toRecord(PACK_NAME, this.packVersion),
      );
      summarizeFindingsAtExit(root, this, this.name, this.acknowledged);
    }
    return report;
  }

  /**
   * Validates a construct tree (the framework's `validate` comes here too): the rules on every
   * resource, then the acknowledgements of every construct.
   */
  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    clearResourceIndex();
    this.judgements.clear();
    this.raised = 0;
    const report = super.validateScope(scope);
    const reported = report.violations.reduce((n, v) => n + v.violatingResources.length, 0);
    this.acknowledged = this.raised - reported;
    const violations = [
      ...report.violations,
      ...acknowledgementViolations(scope, synthDate(scope)),
    ];
    return { success: violations.length === 0, violations };
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of RULES_BY_TYPE.get(node.cfnResourceType) ?? []) {
      let result: NagRuleResult;
      try {
        result = rule.check(node);
      } catch (error) {
        if (error instanceof UnrenderableResourceError) {
          // The resource, or one it points to, cannot be rendered: it cannot be judged.
          this.report(rule, node, () => [UNRENDERABLE], ruleInfo(rule, UNRENDERABLE));
          this.judge(rule, node, [UNRENDERABLE]);
          continue;
        }
        // A rule that fails is a finding of the rule, reported with its clauses and its fix
        // (cdk-nag's own text for it names neither).
        this.report(
          rule,
          node,
          () => NagRuleCompliance.NON_COMPLIANT,
          findingText(failedRuleCause(rule, error), rule.clauses, rule.fix),
        );
        this.judge(rule, node, NagRuleCompliance.NON_COMPLIANT);
        continue;
      }
      this.judge(rule, node, result);
      if (Array.isArray(result)) {
        // One report per finding, so each carries the text of its own cause.
        for (const finding of result) {
          this.report(rule, node, () => [finding], ruleInfo(rule, finding));
        }
      } else if (result === NagRuleCompliance.NON_COMPLIANT) {
        this.report(rule, node, () => result, ruleInfo(rule));
      }
    }
  }

  /** Records what the rule concluded on the resource, acknowledgements applied as cdk-nag does. */
  private judge(rule: DppRule, node: CfnResource, result: NagRuleResult): void {
    const name = ruleName(rule);
    let outcome: JudgementOutcome;
    if (result === NagRuleCompliance.COMPLIANT || (Array.isArray(result) && result.length === 0)) {
      outcome = JudgementOutcome.PASS;
    } else if (result === NagRuleCompliance.NOT_APPLICABLE) {
      outcome = JudgementOutcome.NOT_APPLICABLE;
    } else {
      const ids = Array.isArray(result) ? result.map((f) => `${name}[${f}]`) : [name];
      outcome = ids.every((id) => isAcknowledged(node, id))
        ? JudgementOutcome.ACKNOWLEDGED
        : JudgementOutcome.FAIL;
    }
    this.judgements.record(node, node.cfnResourceType, name, outcome);
  }

  /** Hands one outcome of a rule to cdk-nag, which reports it unless it is acknowledged. */
  private report(
    rule: DppRule,
    node: CfnResource,
    outcome: () => NagRuleResult,
    info: string,
  ): void {
    this.raised++;
    this.applyRule({
      ruleSuffixOverride: rule.id,
      info,
      explanation: ruleExplanation(rule),
      level: rule.level,
      rule: outcome,
      node,
    });
  }
}
