#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { ControlTowerChecks, DppChecks, DppEnvironment } from '../lib';

// The reference environment, synthesized offline with no input, verified by DppChecks, four
// cdk-nag packs, the AWS Control Tower proactive controls (cfn-guard) and aws-cdk-lib's built-in
// CloudFormation validation: any unacknowledged finding fails `cdk synth`.
const app = new App();
Validations.of(app).addPlugins(
  new DppChecks(app),
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
  new ControlTowerChecks(),
);
new DppEnvironment(app, 'Dpp');

app.synth();
