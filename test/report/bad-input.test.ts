import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ReportInputError, writeEvidenceReport } from '../../lib/report';
import { cdkDppCommand } from '../helpers';
import { acknowledgedApp, synthAssembly, tempDir } from './fixture-assembly';

const REPO = path.resolve(__dirname, '../..');
const GENERATED_AT = new Date('2026-01-02T03:04:05Z');

/** Runs the CLI in a process, as a user would. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const [node, ...cliArgs] = cdkDppCommand();
  const run = spawnSync(node, [...cliArgs, ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let good: string;
const scratch: string[] = [];

/** A copy of the good assembly, broken by `breakIt`. */
function broken(breakIt: (dir: string) => void): string {
  const dir = tempDir('broken');
  scratch.push(dir);
  fs.cpSync(good, dir, { recursive: true });
  breakIt(dir);
  return dir;
}

beforeAll(() => {
  good = synthAssembly('good', acknowledgedApp);
});

afterAll(() => {
  [good, ...scratch].forEach((dir) => dir && fs.rmSync(dir, { recursive: true, force: true }));
});

describe('bad input', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    [
      'a missing folder',
      () => path.join(good, 'nope'),
      /nope does not exist: run `cdk synth` first\.$/,
    ],
    [
      'an empty folder',
      () => {
        const dir = tempDir('empty');
        scratch.push(dir);
        return dir;
      },
      /is empty: run `cdk synth` first\.$/,
    ],
    [
      'a folder that is not a cloud assembly',
      () => broken((dir) => fs.rmSync(path.join(dir, 'manifest.json'))),
      /is not a cloud assembly \(no manifest\.json\)/,
    ],
    [
      'a corrupt manifest',
      () => broken((dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version":')),
      /^manifest\.json is not valid JSON \(.*\): synth again\.$/,
    ],
    [
      'a corrupt template',
      () => broken((dir) => fs.writeFileSync(path.join(dir, 'Site.template.json'), '{ "Resou')),
      /^Site\.template\.json is not valid JSON \(.*\): synth again\.$/,
    ],
    [
      'a template that is not an object',
      () => broken((dir) => fs.writeFileSync(path.join(dir, 'Site.template.json'), '[1, 2]')),
      /^Site\.template\.json is not a JSON object: the cloud assembly is corrupt\.$/,
    ],
    [
      'a missing template',
      () => broken((dir) => fs.rmSync(path.join(dir, 'Site.template.json'))),
      /^Site\.template\.json is missing from the cloud assembly: synth again\.$/,
    ],
    [
      'a corrupt validation report',
      () => broken((dir) => fs.writeFileSync(path.join(dir, 'validation-report.json'), 'null x')),
      /^validation-report\.json is not valid JSON \(.*\): synth again\.$/,
    ],
    [
      'a validation report without plugin reports',
      () => broken((dir) => fs.writeFileSync(path.join(dir, 'validation-report.json'), '{}')),
      /validation-report\.json is not a validation report \(no pluginReports list\)\.$/,
    ],
    [
      'a validation report whose violation is not an object',
      () =>
        broken((dir) =>
          fs.writeFileSync(
            path.join(dir, 'validation-report.json'),
            '{"pluginReports":[{"pluginName":"DPP","violations":[null]}]}',
          ),
        ),
      /^validation-report\.json violation of DPP is not a JSON object: the cloud assembly is corrupt\.$/,
    ],
    [
      'a validation report whose violating construct is not an object',
      () =>
        broken((dir) =>
          fs.writeFileSync(
            path.join(dir, 'validation-report.json'),
            '{"pluginReports":[{"pluginName":"DPP","violations":[{"violatingConstructs":[7]}]}]}',
          ),
        ),
      /^validation-report\.json violating construct of DPP is not a JSON object: the cloud assembly is corrupt\.$/,
    ],
    [
      'a template whose recorded opt-out is not an object',
      () =>
        broken((dir) =>
          fs.writeFileSync(
            path.join(dir, 'Site.template.json'),
            '{"Resources":{"Bucket":{"Type":"AWS::S3::Bucket","Metadata":{"cdk-dpp":{"optOuts":[null]}}}}}',
          ),
        ),
      /^Site\.template\.json resource Bucket opt-out is not a JSON object: the cloud assembly is corrupt\.$/,
    ],
    [
      'a manifest that lists itself as a nested assembly',
      () =>
        broken((dir) => {
          const file = path.join(dir, 'manifest.json');
          const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
          manifest.artifacts.Loop = {
            type: 'cdk:cloud-assembly',
            properties: { directoryName: '.' },
          };
          fs.writeFileSync(file, JSON.stringify(manifest));
        }),
      /^manifest\.json lists the nested assembly \. in a loop: the cloud assembly is corrupt\.$/,
    ],
    [
      'no validation report: no check pack ran',
      () => broken((dir) => fs.rmSync(path.join(dir, 'validation-report.json'))),
      /has no validation-report\.json, so no check pack ran during synth: register one with/,
    ],
  ];

  test.each(cases)('%s is a ReportInputError with a one-line message', (_name, dir, message) => {
    const assembly = dir();
    const unused = tempDir('unused');
    scratch.push(unused);
    let thrown: unknown;
    try {
      writeEvidenceReport(assembly, { outDir: unused, generatedAt: GENERATED_AT });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportInputError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
    expect(fs.readdirSync(unused)).toEqual([]);
  });

  test('the CLI prints one line, exits non-zero and leaves the good report alone', () => {
    const out = tempDir('out');
    scratch.push(out);
    // The fixture's open findings violate clauses: report them without failing.
    const first = cli('report', good, '--out', out, '--allow-violations');
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Evidence report: \d+ clauses \(/);
    const before = fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]);
    expect(before.map(([f]) => f).sort()).toEqual([
      'evidence-report.html',
      'evidence-report.json',
      'evidence-report.md',
      'evidence-report.oscal-ar.json',
      'evidence-report.oscal.json',
      'evidence-report.sarif',
    ]);

    const corrupt = broken((dir) =>
      fs.writeFileSync(path.join(dir, 'Site.template.json'), '{ "Resou'),
    );
    const second = cli('report', corrupt, '--out', out);
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^cdk-dpp: Site\.template\.json is not valid JSON .*\n$/);
    expect(second.stderr.split('\n')).toHaveLength(2);
    expect(second.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
    const after = fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]);
    expect(after).toEqual(before);
  });

  test.each([
    [['report', '/definitely/not/here'], 1, /^cdk-dpp: \/definitely\/not\/here does not exist/],
    [['report', '--verbose'], 2, /^cdk-dpp: unknown option '--verbose' \(usage:/],
    [['report', 'cdk.out', '--out'], 2, /^cdk-dpp: --out needs a folder \(usage:/],
    [['report', '--out', '--verbose'], 2, /^cdk-dpp: --out needs a folder \(usage:/],
    [['report', 'a', 'b'], 2, /^cdk-dpp: unexpected argument 'b' \(usage:/],
    [['publish'], 2, /^cdk-dpp: unknown command 'publish' \(usage:/],
    [[], 2, /^cdk-dpp: no command given \(usage:/],
  ])('the CLI refuses %j with exit code %i', (args, status, message) => {
    const run = cli(...args);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
