#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { DppEnvironment } from '../lib';
import { addEveryChecker } from './every-checker';

// The reference environment, synthesized offline with no input other than its owner, verified by
// every checker: any unacknowledged finding fails `cdk synth`.
const app = new App();
new DppEnvironment(app, 'Dpp', { owner: 'orders-team@seller.example' });
addEveryChecker(app);

app.synth();
