import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { DppChecks } from '../../lib/checks/dpp-checks';
import {
  SYNTH_ATTEMPT_FILE,
  SYNTH_RECORD_FILE,
  SynthAttempt,
  SynthRecord,
} from '../../lib/checks/synth-record';
import { recordedVersions, THIS_PACKAGE } from '../helpers';
import {
  failSynthBeforeValidation,
  SCOPED_ACCOUNT,
  scopedApp,
  synthInto,
  tempDir,
} from '../report/fixture-assembly';

const PACKAGE = THIS_PACKAGE;
const VERSIONS = recordedVersions();

const STACKS = [
  { stack: 'Dev/Api', stage: 'Dev' },
  { stack: 'Prod/Keys', stage: 'Prod', region: 'us-east-1' },
  { stack: 'Site', stage: '/', account: SCOPED_ACCOUNT, region: 'eu-west-1' },
];

const dirs: string[] = [];
const fresh = (prefix: string) => {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
};
const readJson = <T>(dir: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;

afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the synth record the DPP pack writes at the root of the cloud assembly', () => {
  let clean: string;
  let absent: string;
  beforeAll(() => {
    clean = synthInto(fresh('record'), scopedApp(true));
    absent = synthInto(fresh('record-absent'), scopedApp(false));
  });

  test('two stages, two packs: versions, the plugins of every stage, every environment', () => {
    const attempt = readJson<SynthAttempt>(clean, SYNTH_ATTEMPT_FILE);
    const { validatedAt, ...record } = readJson<SynthRecord>(clean, SYNTH_RECORD_FILE);
    expect(record).toEqual({
      attempt: attempt.id,
      startedAt: attempt.startedAt,
      app: { name: PACKAGE.name, version: PACKAGE.version },
      versions: VERSIONS,
      stages: [
        { stage: '/', plugins: ['DPP'] },
        { stage: 'Dev', plugins: [] },
        { stage: 'Prod', plugins: ['AwsSolutions'] },
      ],
      stacks: STACKS,
    });
    expect(attempt.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(validatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(validatedAt)).toBeGreaterThanOrEqual(Date.parse(attempt.startedAt));
  });

  test('a pack registered on no stage is absent from the record, not listed as clean', () => {
    const record = readJson<SynthRecord>(absent, SYNTH_RECORD_FILE);
    expect(record.stages).toEqual([
      { stage: '/', plugins: ['DPP'] },
      { stage: 'Dev', plugins: [] },
      { stage: 'Prod', plugins: [] },
    ]);
    expect(record.stacks).toEqual(STACKS);
  });

  test('aws-cdk-lib built-in CloudFormation validation is a plugin of the app when on', () => {
    const outdir = fresh('record-builtin');
    const app = new App({ outdir });
    new Stack(app, 'Site');
    const pack = new DppChecks(app);
    pack.validate({ templatePaths: [], stackTemplates: [], appConstruct: app });
    expect(readJson<SynthRecord>(outdir, SYNTH_RECORD_FILE).stages).toEqual([
      { stage: '/', plugins: ['CloudFormation Validate'] },
    ]);
  });

  test('a synth that fails before validation leaves a new marker and no record', () => {
    const dir = synthInto(fresh('record-failed'), scopedApp(true));
    const before = readJson<SynthAttempt>(dir, SYNTH_ATTEMPT_FILE);
    failSynthBeforeValidation(dir);
    const after = readJson<SynthAttempt>(dir, SYNTH_ATTEMPT_FILE);
    expect(after.id).not.toBe(before.id);
    expect(fs.existsSync(path.join(dir, SYNTH_RECORD_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);
  });

  test('an app that forbids plugins to change its assembly still synthesizes, twice', () => {
    const outdir = fresh('record-confirm');
    // The second synth finds the first one's record and marker in the folder.
    [1, 2].forEach(() => {
      const app = new App({
        outdir,
        confirmValidationPluginsDoNotMutate: true,
        builtinCloudFormationValidation: false,
      });
      new Stack(app, 'Site');
      Validations.of(app).addPlugins(new DppChecks(app));
      expect(() => app.synth()).not.toThrow();
      expect(readJson<SynthRecord>(outdir, SYNTH_RECORD_FILE).attempt).toBe(
        readJson<SynthAttempt>(outdir, SYNTH_ATTEMPT_FILE).id,
      );
    });
  });

  test('validateScope alone writes nothing; a pack without a scope marks no attempt', () => {
    const outdir = fresh('record-scope');
    const app = new App({ outdir });
    new Stack(app, 'Site');
    new DppChecks().validateScope(app);
    expect(fs.readdirSync(outdir)).toEqual([]);
    new DppChecks(app).validateScope(app);
    expect(fs.readdirSync(outdir)).toEqual([SYNTH_ATTEMPT_FILE]);
  });

  test('packs of one app share one attempt', () => {
    const outdir = fresh('record-shared');
    const app = new App({ outdir });
    new DppChecks(app);
    const first = readJson<SynthAttempt>(outdir, SYNTH_ATTEMPT_FILE);
    new DppChecks(app);
    expect(readJson<SynthAttempt>(outdir, SYNTH_ATTEMPT_FILE)).toEqual(first);
  });
});
