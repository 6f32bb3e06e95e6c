import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { IApplyRule, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { packageVersion, recordChecks } from './checks-record';
import { ruleExplanation, ruleInfo, ruleName } from './dpp-rule';
import { clearResourceIndex } from './resolve';
import { DPP_RULES } from './rule-table';

/**
 * The rule table in the shape cdk-nag applies it, prepared once; `node` is set before each call
 * (cdk-nag reads the parameters during the call and keeps none of them).
 */
const APPLIED_RULES: IApplyRule[] = DPP_RULES.map((rule) => ({
  ruleSuffixOverride: rule.id,
  info: ruleInfo(rule),
  explanation: ruleExplanation(rule),
  level: rule.level,
  rule: rule.check,
  node: undefined as unknown as CfnResource,
}));

/** The name the pack reports its findings under. */
const PACK_NAME = 'DPP';

/**
 * The cdk-nag pack that fails a synth holding any violation of the Data Protection Policy.
 *
 * ```ts
 * Validations.of(app).addPlugins(new DppChecks(app));
 * ```
 *
 * Every finding names the resource, the rule (`DPP-<rule>`), the clauses it enforces and, with
 * `verbose: true`, the fix. Acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id: 'DPP-<rule>', reason })`.
 *
 * Constructed with a scope, the pack also records itself (name, version and rule ids, as
 * `cdk-dpp:checks` metadata) on every stack under the scope, so the evidence report can prove
 * which stacks it checked even when it found nothing. CDK does not carry aspects into stages, so
 * construct the pack after the app's stages exist.
 */
export class DppChecks extends NagPack {
  public readonly name = PACK_NAME;
  public override readonly version = packageVersion();
  public override readonly ruleIds = DPP_RULES.map(ruleName);

  public constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    if (scope) {
      recordChecks(scope, { pack: PACK_NAME, version: this.version, rules: this.ruleIds });
    }
  }

  /** Validates a construct tree (the framework's `validate` comes here too). */
  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    clearResourceIndex();
    return super.validateScope(scope);
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of APPLIED_RULES) {
      rule.node = node;
      this.applyRule(rule);
    }
  }
}
