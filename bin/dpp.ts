#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DppChecks, DppEnvironment } from '../lib';
import { ControlTowerChecks } from '../lib/control-tower';

// The reference environment, synthesized offline with no input, verified by DppChecks, four
// cdk-nag packs, the AWS Control Tower proactive controls (cfn-guard) and aws-cdk-lib's built-in
// CloudFormation validation: any unacknowledged finding fails `cdk synth`. The packs come after
// the environment: DppChecks then records itself on the stacks of its stage, and the evidence
// report counts a clause as met only on stacks that hold that record.
const app = new App();
new DppEnvironment(app, 'Dpp', { owner: 'orders-team@seller.example' });
Validations.of(app).addPlugins(
  new DppChecks(app),
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
  new ControlTowerChecks(),
);

app.synth();
