import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { isAcknowledged } from '../../lib/checks/acknowledged-ids';
import { packageVersion } from '../../lib/checks/checks-record';
import { DppChecks } from '../../lib/checks/dpp-checks';
import {
  JUDGEMENTS_FILE,
  JudgementLog,
  JudgementOutcome,
  JudgementsRecord,
} from '../../lib/checks/judgements';
import { readCloudAssembly, ReportInputError } from '../../lib/report';
import { acknowledgedApp, synthAssembly, tempDir, violatingApp } from '../report/fixture-assembly';

const { PASS, FAIL, ACKNOWLEDGED, NOT_APPLICABLE } = JudgementOutcome;

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synthesized(build: (app: App) => void): { dir: string; record: JudgementsRecord } {
  const dir = synthAssembly('judged', build);
  scratch.push(dir);
  const record = JSON.parse(
    fs.readFileSync(path.join(dir, JUDGEMENTS_FILE), 'utf8'),
  ) as JudgementsRecord;
  return { dir, record };
}

const rulesOn = (record: JudgementsRecord, resourcePath: string) =>
  record.resources.find((r) => r.path === resourcePath)?.rules ?? {};

describe('the judgements the DPP pack writes at synth', () => {
  test('an acknowledged finding is recorded as acknowledged, the other rules as they concluded', () => {
    const { record } = synthesized(acknowledgedApp);
    expect(record.pack).toBe('DPP');
    expect(record.version).toBe(packageVersion());
    const website = rulesOn(record, 'Site/Website/Resource');
    expect(website['DPP-S3BucketVersioned']).toBe(ACKNOWLEDGED);
    expect(website['DPP-S3BucketPublicAccessBlocked']).toBe(PASS);
    expect(website['DPP-S3TaxArchiveCold']).toBe(NOT_APPLICABLE);
    expect(record.resources.find((r) => r.path === 'Site/Website/Resource')?.type).toBe(
      'AWS::S3::Bucket',
    );
  });

  test('an open finding is recorded as a failure, and a rule that does not govern the resource as not applicable', () => {
    const { record } = synthesized(violatingApp);
    const open = rulesOn(record, 'Data/Open/Resource');
    expect(open['DPP-S3BucketTlsOnly']).toBe(FAIL);
    expect(open['DPP-S3BucketKmsEncrypted']).toBe(FAIL);
    const outcomes = new Set(record.resources.flatMap((r) => Object.values(r.rules)));
    expect(outcomes).toContain(NOT_APPLICABLE);
    // Staged stacks are judged too, under their construct paths.
    expect(record.resources.some((r) => r.path.startsWith('Prod/Keys/'))).toBe(true);
  });

  test('the report reads the record back, path for path', () => {
    const { dir, record } = synthesized(acknowledgedApp);
    expect(readCloudAssembly(dir).judgements).toEqual(record);
  });

  test('validating a scope directly writes nothing', () => {
    const outdir = tempDir('direct');
    scratch.push(outdir);
    const app = new App({ outdir });
    new s3.Bucket(new Stack(app, 'Direct'), 'Plain');
    new DppChecks().validateScope(app);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe('JudgementLog', () => {
  const app = new App();
  const bucket = new s3.CfnBucket(new Stack(app, 'Log'), 'Bucket');

  test('a rule applied twice keeps its worst outcome, whatever the order', () => {
    const log = new JudgementLog();
    log.record(bucket, 'AWS::S3::Bucket', 'DPP-A', FAIL);
    log.record(bucket, 'AWS::S3::Bucket', 'DPP-A', PASS);
    log.record(bucket, 'AWS::S3::Bucket', 'DPP-B', NOT_APPLICABLE);
    log.record(bucket, 'AWS::S3::Bucket', 'DPP-B', ACKNOWLEDGED);
    expect(log.toRecord('DPP', '1.0.0')).toEqual({
      pack: 'DPP',
      version: '1.0.0',
      resources: [
        {
          path: 'Log/Bucket',
          type: 'AWS::S3::Bucket',
          rules: { 'DPP-A': FAIL, 'DPP-B': ACKNOWLEDGED },
        },
      ],
    });
    log.clear();
    expect(log.toRecord('DPP', '1.0.0').resources).toEqual([]);
  });

  test('an acknowledgement counts on the resource and below the construct that carries it, for its exact id only', () => {
    const stack = new Stack(app, 'Acks');
    const parent = new s3.Bucket(stack, 'Parent');
    const resource = parent.node.defaultChild as s3.CfnBucket;
    Validations.of(parent).acknowledge({ id: 'DPP-Rule[Finding]', reason: 'A reason for it.' });
    expect(isAcknowledged(resource, 'DPP-Rule[Finding]')).toBe(true);
    expect(isAcknowledged(resource, 'DPP-Rule')).toBe(false);
    expect(isAcknowledged(resource, 'DPP-Rule[Other]')).toBe(false);
    expect(isAcknowledged(stack, 'DPP-Rule[Finding]')).toBe(false);
  });

  test('an acknowledgement in the pack namespace counts too: CDK suppresses its finding', () => {
    const bucket = new s3.Bucket(new Stack(app, 'Namespaced'), 'Bucket');
    Validations.of(bucket).acknowledge({ id: 'DPP::DPP-Rule', reason: 'A reason for it.' });
    expect(isAcknowledged(bucket.node.defaultChild as s3.CfnBucket, 'DPP-Rule')).toBe(true);
  });
});

describe('a judgements file that is not the pack record', () => {
  test.each([
    ['no resources list', '{"pack":"DPP"}', /no resources list/],
    [
      'a resource without a path',
      '{"resources":[{"type":"AWS::S3::Bucket"}]}',
      /without a construct path/,
    ],
    ['not JSON', '{', /is not valid JSON/],
  ])('%s is refused', (_, text, message) => {
    const { dir } = synthesized(acknowledgedApp);
    fs.writeFileSync(path.join(dir, JUDGEMENTS_FILE), text);
    expect(() => readCloudAssembly(dir)).toThrow(ReportInputError);
    expect(() => readCloudAssembly(dir)).toThrow(message);
  });

  test('an outcome the pack never writes is dropped, not trusted', () => {
    const { dir } = synthesized(acknowledgedApp);
    fs.writeFileSync(
      path.join(dir, JUDGEMENTS_FILE),
      JSON.stringify({
        resources: [{ path: 'Site/Website/Resource', rules: { 'DPP-X': 'fine' } }],
      }),
    );
    expect(readCloudAssembly(dir).judgements?.resources).toEqual([
      { path: 'Site/Website/Resource', type: 'unknown', rules: {} },
    ]);
  });
});
