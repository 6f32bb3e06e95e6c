import { CfnGuardValidator, CfnGuardValidatorProps } from '@cdklabs/cdk-validator-cfnguard';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { CONTROL_TOWER_PLUGIN } from './acknowledgements';

/** The rule name of the finding raised when cfn-guard itself fails. */
export const CONTROL_TOWER_CHECKS_FAILED = 'control-tower-checks-failed';

/**
 * The AWS Control Tower proactive controls, run through cfn-guard by
 * `@cdklabs/cdk-validator-cfnguard`, failing loud: when the plugin cannot process cfn-guard's
 * output, aws-cdk-lib records the error and lets the synth pass, so every Control Tower finding
 * would be lost without a word. This plugin turns that error into a failing finding.
 * Acknowledgements keep the plugin's ids: `cdk-validator-cfnguard::<rule name>`.
 */
export class ControlTowerChecks implements IPolicyValidationPluginBeta1 {
  public readonly name = CONTROL_TOWER_PLUGIN;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly guard: CfnGuardValidator;

  public constructor(props: CfnGuardValidatorProps = {}) {
    this.guard = new CfnGuardValidator(props);
    this.version = this.guard.version;
    this.ruleIds = this.guard.ruleIds;
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    try {
      return this.guard.validate(context);
    } catch (error) {
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
  }
}
