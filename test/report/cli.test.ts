import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SYNTH_ATTEMPT_FILE, SynthAttempt } from '../../lib/checks/synth-record';
import { EvidenceReport } from '../../lib/report';
import { cdkDppCommand } from '../helpers';
import {
  compliantApp,
  failSynthBeforeValidation,
  MULTI_STAGE,
  multiStageApp,
  synthAssembly,
  synthInto,
  tempDir,
  violatingApp,
} from './fixture-assembly';

const REPO = path.resolve(__dirname, '../..');
const VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
).version;
const REPORT_USAGE =
  'usage: cdk-dpp report [CLOUD_ASSEMBLY_DIR (default cdk.out)] [--out DIR] [--allow-violations]';
const FILES = ['md', 'html', 'json', 'oscal.json', 'oscal-ar.json', 'sarif'].map(
  (ext) => `evidence-report.${ext}`,
);

/** Runs the CLI in a process, as a user would. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const [node, ...cliArgs] = cdkDppCommand();
  const run = spawnSync(node, [...cliArgs, ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dirs: string[] = [];
const keep = (dir: string) => {
  dirs.push(dir);
  return dir;
};

/** What the CLI prints for a report it wrote into `out`, from the JSON report it wrote there. */
function reportLines(out: string): { lines: string; violated: number } {
  const report = JSON.parse(
    fs.readFileSync(path.join(out, 'evidence-report.json'), 'utf8'),
  ) as EvidenceReport;
  const counts = (byStatus: EvidenceReport['summary']['byStatus']) =>
    byStatus
      .filter((s) => s.count > 0)
      .map((s) => `${s.count} ${s.status}`)
      .join(', ');
  const stages = (report.stages ?? []).map(
    (s) =>
      `  ${s.name} (${s.environments.map((e) => `${e.account} ${e.region}`).join(', ')}): ` +
      `${counts(s.byStatus)}.\n`,
  );
  return {
    lines:
      `Evidence report: ${report.summary.clauses} clauses (${counts(report.summary.byStatus)}).\n` +
      stages.join('') +
      FILES.map((f) => `  ${path.join(out, f)}\n`).join(''),
    violated: report.summary.byStatus.find((s) => s.status === 'violated')?.count ?? 0,
  };
}

let clean: string;
let violating: string;
let stages: string;
beforeAll(() => {
  clean = keep(synthAssembly('cli-clean', compliantApp));
  violating = keep(synthAssembly('cli-violating', violatingApp));
  stages = keep(synthAssembly('cli-stages', multiStageApp));
});

afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('cdk-dpp', () => {
  test('--version prints the version of the package', () => {
    expect(cli('--version')).toEqual({ status: 0, stdout: `cdk-dpp ${VERSION}\n`, stderr: '' });
  });

  test('--help lists the commands and the options', () => {
    expect(cli('--help')).toEqual({
      status: 0,
      stdout: [
        'usage: cdk-dpp <command> [options]; cdk-dpp <command> --help',
        '',
        'Commands:',
        '  report [CLOUD_ASSEMBLY_DIR]  write the evidence report of a synthesized app (default cdk.out)',
        '',
        'Options:',
        '  --help, -h  show this help',
        '  --version   print the version of cdk-dpp',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  test('report --help documents the options and the exit codes', () => {
    const help = cli('report', '--help');
    expect(help).toEqual({
      status: 0,
      stdout: [
        REPORT_USAGE,
        '',
        'Writes evidence-report.md, .html, .json and .oscal.json for the cloud assembly `cdk synth`',
        'wrote. It refuses an assembly that is not the product of its last synth: one older than the last',
        'synth attempt of its app (cdk-dpp-attempt.json without a matching cdk-dpp-synth.json: the synth',
        'failed before validation) or without a validation report of that synth.',
        '',
        'Options:',
        '  --out DIR, --out=DIR  write the files to DIR, created when missing (default: the assembly)',
        '  --allow-violations    exit 0 even when a clause is violated; the report still says so',
        '  --help, -h            show this help',
        '',
        'Exit status:',
        '  0  the report is written and no clause is violated',
        '  1  no report: the assembly is missing, corrupt or stale, or the folder cannot be written',
        '  2  the command line is wrong',
        '  3  the report is written and at least one clause is violated',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(cli('report', clean, '-h')).toEqual(help);
  });

  test.each([
    [['report', '--verbose'], `unknown option '--verbose' (${REPORT_USAGE})`],
    [['report', '--out='], `--out needs a folder (${REPORT_USAGE})`],
    [
      ['report', '--allow-violations=yes'],
      `unknown option '--allow-violations=yes' (${REPORT_USAGE})`,
    ],
    [[], 'no command given (usage: cdk-dpp <command> [options]; cdk-dpp <command> --help)'],
  ])('%j is a usage error: exit 2, one line', (args, message) => {
    expect(cli(...args)).toEqual({ status: 2, stdout: '', stderr: `cdk-dpp: ${message}\n` });
  });
});

describe('cdk-dpp report', () => {
  test('--out=DIR writes every file there and exits 0 when no clause is violated', () => {
    const out = path.join(keep(tempDir('cli-out')), 'nested');
    const run = cli('report', clean, `--out=${out}`);
    expect(fs.readdirSync(out).sort()).toEqual([...FILES].sort());
    const { lines, violated } = reportLines(out);
    expect(violated).toBe(0);
    expect(run).toEqual({ status: 0, stdout: lines, stderr: '' });
  });

  test('a violated clause exits 3 after writing the report; --allow-violations only reports', () => {
    const out = keep(tempDir('cli-violated'));
    const failing = cli('report', violating, '--out', out);
    const { lines, violated } = reportLines(out);
    expect(violated).toBeGreaterThan(0);
    expect(failing).toEqual({
      status: 3,
      stdout: lines,
      stderr:
        `cdk-dpp: ${violated} clause(s) violated: see the report, fix them and synth again ` +
        '(--allow-violations only reports).\n',
    });
    expect(cli('report', violating, '--out', out, '--allow-violations')).toEqual({
      status: 0,
      stdout: `${lines}${violated} clause(s) violated: see the report.\n`,
      stderr: '',
    });
  });

  test('reports an assembly of stages in nested assemblies as one report, a line per stage', () => {
    const out = keep(tempDir('cli-stages-out'));
    const run = cli('report', stages, '--out', out, '--allow-violations');
    const { lines, violated } = reportLines(out);
    const { prod, dev, management } = MULTI_STAGE;
    expect(violated).toBe(4);
    expect(run).toEqual({
      status: 0,
      stdout: `${lines}${violated} clause(s) violated: see the report.\n`,
      stderr: '',
    });
    expect(run.stdout.split('\n').slice(1, 4)).toEqual([
      expect.stringMatching(new RegExp(`^  Dev \\(${dev.account} ${dev.region}\\): 4 violated, `)),
      expect.stringMatching(
        new RegExp(
          `^  Prod \\(${prod.account} ${prod.region}, ${prod.account} ${prod.backupRegion}\\): ` +
            '\\d+ mechanism missing, ',
        ),
      ),
      expect.stringMatching(
        new RegExp(`^  organization \\(${management.account} ${management.region}\\): `),
      ),
    ]);
    const markdown = fs.readFileSync(path.join(out, 'evidence-report.md'), 'utf8');
    expect(markdown).toContain('\n### Stage Dev\n\nDeploys to 222222222222 us-east-1. ');
    expect(markdown).toContain('\n### Organization-level stacks\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'evidence-report.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ properties: { stack?: string; stage?: string } }> }>;
    };
    expect(sarif.runs.flatMap((r) => r.results.map((x) => x.properties))).toEqual([
      expect.objectContaining({ stack: 'Dev/Data', stage: 'Dev' }),
    ]);
  });

  test('stops quietly when its reader closes the pipe early', () => {
    const out = keep(tempDir('cli-pipe'));
    const errors = path.join(out, 'stderr.txt');
    const command =
      `${cdkDppCommand()
        .map((part) => `"${part}"`)
        .join(' ')} report "${violating}" --out "${out}" ` +
      `--allow-violations 2>"${errors}" | head -c 1`;
    const run = spawnSync('bash', ['-c', command], { cwd: REPO, encoding: 'utf8' });
    expect(run.stdout).toBe('E');
    expect(fs.readFileSync(errors, 'utf8')).toBe('');
  });

  test('refuses a cdk.out older than the last synth attempt of its app', () => {
    const dir = keep(synthAssembly('cli-stale', compliantApp));
    failSynthBeforeValidation(dir);
    const { startedAt } = JSON.parse(
      fs.readFileSync(path.join(dir, SYNTH_ATTEMPT_FILE), 'utf8'),
    ) as SynthAttempt;
    const out = keep(tempDir('cli-stale-out'));
    expect(cli('report', dir, '--out', out)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `cdk-dpp: ${dir} is older than its last synth attempt (cdk-dpp-attempt.json, started ` +
        `${startedAt}), which stopped before validation and left no cdk-dpp-synth.json: fix ` +
        'the synth error and run `cdk synth` again.\n',
    });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('refuses a cdk.out without a validation report', () => {
    const dir = keep(synthAssembly('cli-no-validation', compliantApp));
    fs.rmSync(path.join(dir, 'validation-report.json'));
    expect(cli('report', dir)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `cdk-dpp: ${dir} has no validation-report.json, so no check pack ran during synth: ` +
        'register one with `Validations.of(app).addPlugins(new DppChecks(app))` and synth again.\n',
    });
  });

  test('refuses a cdk.out whose validation report is older than its manifest', () => {
    const dir = keep(synthAssembly('cli-old-validation', compliantApp));
    // Synthesized again without any check pack: CDK rewrites the manifest, not the report.
    synthInto(dir, compliantApp);
    expect(cli('report', dir)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `cdk-dpp: ${dir} holds no validation report of its last synth (validation-report.json ` +
        'is older than manifest.json, so no check pack ran): register `new DppChecks(app)` ' +
        'with `Validations.of(app).addPlugins` and run `cdk synth` again.\n',
    });
  });
});
