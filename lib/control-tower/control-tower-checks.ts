import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CfnGuardValidatorProps } from '@cdklabs/cdk-validator-cfnguard';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { CONTROL_TOWER_PLUGIN } from '../environment/acknowledgements';
import { CfnGuardPackage, loadCfnGuard } from './cfn-guard-package';
import { guardBatches, GuardPlan } from './guard-batches';
import { runGuardBatches } from './guard-workers';
import { RuleFile, ruleFilesUnder } from './rule-files';

/** The rule name of the finding raised when cfn-guard itself fails. */
export const CONTROL_TOWER_CHECKS_FAILED = 'control-tower-checks-failed';

/**
 * The AWS Control Tower proactive controls of `@cdklabs/cdk-validator-cfnguard` (an optional
 * peer dependency), with the findings of its `CfnGuardValidator`, in a fraction of its time:
 * per template, only the rule files that name a resource type the template holds run, on a
 * copy where the resources they cannot judge have empty properties, on every core. The
 * plugin's own code still runs cfn-guard and reads its output. Acknowledgements keep the
 * plugin's ids: `cdk-validator-cfnguard::<rule name>`.
 *
 * It also fails loud: when cfn-guard's output cannot be read, aws-cdk-lib records the plugin's
 * error and lets the synth pass, so every Control Tower finding would be lost without a word;
 * here that error is a failing finding on every template.
 */
export class ControlTowerChecks implements IPolicyValidationPluginBeta1 {
  public readonly name = CONTROL_TOWER_PLUGIN;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly cfnGuard: CfnGuardPackage;
  private readonly props: CfnGuardValidatorProps;
  private readonly controlTowerRules: readonly RuleFile[];

  /**
   * @param props the options of `CfnGuardValidator`, with the same meaning.
   * @throws Error naming the package and the command that installs it, when
   * `@cdklabs/cdk-validator-cfnguard` is not installed.
   */
  public constructor(props: CfnGuardValidatorProps = {}) {
    this.cfnGuard = loadCfnGuard();
    const guard = new this.cfnGuard.module.CfnGuardValidator(props);
    this.version = guard.version;
    this.ruleIds = guard.ruleIds;
    this.props = props;
    const bundled = path.join(
      path.dirname(this.cfnGuard.entry),
      '..',
      'rules',
      'control-tower',
      'cfn-guard',
    );
    this.controlTowerRules =
      (props.controlTowerRulesEnabled ?? true)
        ? ruleFilesUnder(bundled, props.disabledRules ?? [])
        : [];
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'control-tower-checks-'));
    try {
      const batches = guardBatches(context.templatePaths, this.plan(workDir));
      const reports = runGuardBatches(batches, {
        entry: this.cfnGuard.entry,
        maxBuffer: this.props.maxBuffer,
      });
      return {
        success: reports.every((report) => report.success),
        violations: reports.flatMap((report, index) =>
          report.violations.map((violation) => ({
            ...violation,
            violatingResources: violation.violatingResources.map((resource) => ({
              ...resource,
              templatePath: batches[index].templatePath,
            })),
          })),
        ),
      };
    } catch (error) {
      return failedChecks(context, error);
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  /** The rules to run, as `CfnGuardValidator` would find them from the same props. */
  private plan(workDir: string): GuardPlan {
    return {
      controlTowerRules: this.controlTowerRules,
      customRules: this.props.rules ?? [],
      disabledRules: this.props.disabledRules ?? [],
      workDir,
    };
  }
}

/** The failing finding that stands for every Control Tower control when cfn-guard failed. */
function failedChecks(
  context: IPolicyValidationContextBeta1,
  error: unknown,
): PolicyValidationPluginReportBeta1 {
  return {
    success: false,
    violations: [
      {
        ruleName: CONTROL_TOWER_CHECKS_FAILED,
        description:
          'cfn-guard ran, but its result could not be read, so the Control Tower controls ' +
          `were not verified: ${String(error).trim().split('\n').pop()?.trim()}`,
        fix: 'Find the rule with cfn-guard directly on the templates, and change the template so the rule can judge it.',
        violatingResources: context.templatePaths.map((templatePath) => ({
          templatePath,
          resourceLogicalId: '',
          locations: [],
        })),
      },
    ],
  };
}
