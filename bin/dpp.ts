#!/usr/bin/env node
import { App, Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { DppChecks, PiiFreeLogGroup, PiiKey, secureBucketProps } from '../lib';

// The reference app: environment-agnostic, synthesized offline, with the DPP pack registered
// so that any violation fails `cdk synth`.
const app = new App();
Validations.of(app).addPlugins(new DppChecks(app));

const stack = new Stack(app, 'DppFoundation', {
  description:
    'cdk-dpp foundation: a customer-managed key, a TLS-only bucket and a PII-free log group',
});
const key = new PiiKey(stack, 'DataKey', { alias: 'dpp/data' });
new s3.Bucket(stack, 'Orders', secureBucketProps({ encryptionKey: key }));
new PiiFreeLogGroup(stack, 'AppLogs', { encryptionKey: key });

app.synth();
