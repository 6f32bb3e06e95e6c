import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DppChecks } from '../lib';
import { ControlTowerChecks } from '../lib/control-tower';

/**
 * Registers every checker on an app: DppChecks, four cdk-nag packs and the AWS Control Tower
 * proactive controls (cfn-guard); aws-cdk-lib's built-in CloudFormation validation is on by the
 * app's `cdk.json`. Any unacknowledged finding then fails `cdk synth`. Register them after the
 * stages: DppChecks records itself on the stacks of every stage it finds, and the evidence report
 * counts a clause as met only on stacks that hold that record.
 */
export function addEveryChecker(app: App): void {
  Validations.of(app).addPlugins(
    new DppChecks(app),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
    new ControlTowerChecks(),
  );
}
