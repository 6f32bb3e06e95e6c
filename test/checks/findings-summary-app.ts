import { App, Stack, Stage, Tags, Validations, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OWNER_TAG } from '../../constructs/common/owner';
import { Acknowledgements, DppChecks } from '../../lib';

/**
 * An app the findings-summary test synthesizes in a process of its own, as `cdk synth` would:
 * `failing` (a plain bucket and a log group kept forever, under DppChecks and AwsSolutions),
 * `acknowledged` (a plain bucket with two DPP findings acknowledged), `passing` (an empty stack)
 * or `staged` (the failing app, with a stage checked by a pack of its own).
 */
const variant = process.argv[2];
const app = new App({
  builtinCloudFormationValidation: false,
  context: { 'cdk-dpp:today': '2026-12-01' },
});
const stack = new Stack(app, 'Shop');
// The owner of every resource, so each variant's findings are about what it is written to break.
Tags.of(app).add(OWNER_TAG, 'orders-team@seller.example');
if (variant === 'failing' || variant === 'staged') {
  new s3.Bucket(stack, 'Orders');
  new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });
}
if (variant === 'acknowledged') {
  const bucket = new s3.Bucket(stack, 'Orders');
  const governance = { reason: 'A test fixture.', owner: 'Platform engineering' };
  // Acknowledged as reported (cdk-nag skips it) and in the pack's namespace (CDK suppresses it).
  for (const id of [
    'DPP-S3BucketVersioned[NotVersioned]',
    'DPP::DPP-DataStoreClassified[MissingTag]',
  ]) {
    Acknowledgements.of(bucket).acknowledge({ id, ...governance, expires: '2027-06-30' });
  }
}
if (variant === 'staged') {
  const stage = new Stage(app, 'Prod');
  new Stack(stage, 'Empty');
  Validations.of(stage).addPlugins(new DppChecks(stage));
}
Validations.of(app).addPlugins(
  new DppChecks(app),
  ...(variant === 'passing' ? [] : [new AwsSolutionsChecks(app)]),
);
app.synth();
