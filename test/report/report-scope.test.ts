import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SYNTH_RECORD_FILE, SynthRecord } from '../../lib/checks/synth-record';
import {
  buildEvidenceReport,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
} from '../../lib/report';
import { gitStateOf } from '../../lib/report/git-state';
import { synthStaleness } from '../../lib/report/synth-staleness';
import { recordedVersions, THIS_PACKAGE } from '../helpers';
import {
  compliantApp,
  SCOPED_ACCOUNT,
  scopedApp,
  synthAssembly,
  synthInto,
  tempDir,
  violatingApp,
} from './fixture-assembly';

const PACKAGE = THIS_PACKAGE;
const VERSIONS = recordedVersions();
const AGNOSTIC = 'environment-agnostic';
const STACKS = [
  { stack: 'Dev/Api', stage: 'Dev', account: AGNOSTIC, region: AGNOSTIC },
  { stack: 'Prod/Keys', stage: 'Prod', account: AGNOSTIC, region: 'us-east-1' },
  { stack: 'Site', stage: 'app', account: SCOPED_ACCOUNT, region: 'eu-west-1' },
];
const DPP_CLEAN = {
  name: 'DPP',
  registeredOn: ['app'],
  stacks: ['Dev/Api', 'Prod/Keys', 'Site'],
  conclusion: 'passed, no findings',
  openFindings: 0,
};

const dirs: string[] = [];
const keep = (dir: string) => {
  dirs.push(dir);
  return dir;
};
const reportOf = (dir: string): EvidenceReport =>
  buildEvidenceReport(readCloudAssembly(dir), { generatedAt: new Date(0) });
const recordOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, SYNTH_RECORD_FILE), 'utf8')) as SynthRecord;

afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the scope of the report', () => {
  let clean: string;
  let cleanReport: EvidenceReport;
  beforeAll(() => {
    clean = keep(synthInto(tempDir('scope'), scopedApp(true)));
    cleanReport = reportOf(clean);
  });

  test('names the app, stages, environments, versions, time and every pack that ran', () => {
    const record = recordOf(clean);
    expect(cleanReport.summary.scope).toEqual({
      app: `${PACKAGE.name} ${PACKAGE.version}`,
      stages: ['app', 'Dev', 'Prod'],
      stacks: STACKS,
      git: 'not in a git repository',
      versions: VERSIONS,
      synthesizedAt: record.validatedAt,
      attempt: record.attempt,
      source: SYNTH_RECORD_FILE,
      packs: [
        {
          name: 'AwsSolutions',
          registeredOn: ['Prod'],
          stacks: ['Prod/Keys'],
          conclusion: 'passed, no findings',
          openFindings: 0,
        },
        DPP_CLEAN,
      ],
    });
  });

  test('a pack registered on no stage is not listed as passing', () => {
    const absent = reportOf(keep(synthInto(tempDir('scope-absent'), scopedApp(false))));
    expect(absent.summary.scope.packs).toEqual([DPP_CLEAN]);
  });

  test('a pack with findings: failed, with the count of open findings', () => {
    const violating = reportOf(keep(synthAssembly('scope-violating', violatingApp)));
    const open = violating.findings.filter((f) => f.plugin === 'DPP').length;
    expect(open).toBeGreaterThan(0);
    expect(violating.summary.scope.packs).toEqual([
      {
        name: 'DPP',
        registeredOn: ['app'],
        stacks: ['Data', 'Prod/Keys'],
        conclusion: `failed, ${open} open findings`,
        openFindings: open,
      },
    ]);
  });

  test('without a synth record: nothing is claimed, and the DPP pack is known by its stack records', () => {
    const unrecorded = reportOf(keep(synthAssembly('scope-unrecorded', compliantApp, false)));
    expect(unrecorded.summary.scope).toEqual({
      app: 'not recorded',
      stages: [],
      stacks: [],
      git: 'not in a git repository',
      versions: { awsCdkLib: VERSIONS.awsCdkLib, cdkNag: 'not recorded', cdkDpp: 'not recorded' },
      source:
        'no cdk-dpp-synth.json: construct the DPP pack with the app (`new DppChecks(app)`) and ' +
        'synth again to record the stages, environments, versions and packs',
      packs: [
        {
          name: 'DPP',
          registeredOn: [],
          stacks: [],
          conclusion: 'absent: no stack holds its record',
          openFindings: 0,
        },
      ],
    });
  });

  test('the Markdown report shows it right after its header', () => {
    const record = recordOf(clean);
    const markdown = renderMarkdown(cleanReport);
    const section = markdown.slice(markdown.indexOf('## Scope'), markdown.indexOf('## Summary'));
    expect(section).toBe(
      [
        '## Scope',
        '',
        '| Scope | Value |',
        '|---|---|',
        `| App | ${PACKAGE.name} ${PACKAGE.version} |`,
        '| Stages | app, Dev, Prod |',
        '| Git commit | not in a git repository |',
        `| Synthesized | ${record.validatedAt}, attempt \`${record.attempt}\` |`,
        `| aws-cdk-lib | ${VERSIONS.awsCdkLib} |`,
        `| cdk-nag | ${VERSIONS.cdkNag} |`,
        `| cdk-dpp | ${VERSIONS.cdkDpp} |`,
        '| Recorded in | cdk-dpp-synth.json |',
        '',
        '### Stacks',
        '',
        '| Stack | Stage | Account | Region |',
        '|---|---|---|---|',
        '| Dev/Api | Dev | environment-agnostic | environment-agnostic |',
        '| Prod/Keys | Prod | environment-agnostic | us-east-1 |',
        `| Site | app | ${SCOPED_ACCOUNT} | eu-west-1 |`,
        '',
        '### Check packs that ran',
        '',
        '| Pack | Registered on | Stacks checked | Conclusion | Open findings |',
        '|---|---|---|---|---|',
        '| AwsSolutions | Prod | Prod/Keys | passed, no findings | 0 |',
        '| DPP | app | Dev/Api, Prod/Keys, Site | passed, no findings | 0 |',
        '',
        'A pack not listed was registered on no stage: it did not run.',
        '',
        '',
      ].join('\n'),
    );
  });

  test('the HTML report shows it before the summary, an absent pack flagged', () => {
    const html = renderHtml(cleanReport);
    expect(html.indexOf('<h2 id="scope">Scope</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2 id="scope">Scope</h2>')).toBeLessThan(
      html.indexOf('<h2 id="summary">Summary by family</h2>'),
    );
    expect(html).toContain(
      '<tr><td>AwsSolutions</td><td>Prod</td><td>Prod/Keys</td><td>passed, no findings</td>' +
        '<td class="num"><span class="muted">0</span></td></tr>',
    );
    expect(html).toContain(
      `<tr><td>Site</td><td>app</td><td>${SCOPED_ACCOUNT}</td><td>eu-west-1</td></tr>`,
    );
    const unrecorded = renderHtml(
      reportOf(keep(synthAssembly('scope-html-unrecorded', compliantApp, false))),
    );
    expect(unrecorded).toMatch(
      /<tr><td>DPP<\/td><td>no stage<\/td><td>none<\/td><td><span class="badge" [^>]*>absent: no stack holds its record<\/span><\/td>/,
    );
  });
});

describe('the git state of the folder the assembly is in', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', ...args],
      {
        cwd,
        encoding: 'utf8',
      },
    ).trim();

  test('outside a repository, in a clean work tree, and with changes', () => {
    const repo = keep(tempDir('git'));
    expect(gitStateOf(repo)).toEqual({ description: 'not in a git repository' });
    git(repo, 'init', '-q');
    expect(gitStateOf(repo)).toEqual({
      dirty: false,
      description: 'a git repository without a commit (work tree clean)',
    });
    fs.writeFileSync(path.join(repo, '.gitignore'), 'cdk.out/\n');
    git(repo, 'add', '.gitignore');
    git(repo, 'commit', '-q', '-m', 'fixture');
    const commit = git(repo, 'rev-parse', 'HEAD');
    const assembly = synthInto(path.join(repo, 'cdk.out'), scopedApp(false));
    expect(reportOf(assembly).summary.scope).toMatchObject({
      git: `${commit} (work tree clean)`,
      gitCommit: commit,
      gitDirty: false,
    });
    fs.writeFileSync(path.join(repo, 'app.ts'), '// not committed\n');
    expect(gitStateOf(assembly)).toEqual({
      commit,
      dirty: true,
      description: `${commit} (uncommitted changes)`,
    });
  });
});

describe('whether the assembly is the product of its last synth', () => {
  const attempt = { id: 'a1', startedAt: '2026-01-02T03:04:05.000Z' };
  const record = { attempt: 'a1' } as SynthRecord;

  test.each([
    [
      'current',
      { attempt, record, manifestWritten: 1, recordWritten: 2, validationReportWritten: 3 },
      undefined,
    ],
    [
      'current, files written in the same tick',
      { attempt, record, manifestWritten: 1, recordWritten: 1, validationReportWritten: 1 },
      undefined,
    ],
    [
      'without a DPP pack: nothing to compare',
      { manifestWritten: 1, validationReportWritten: 1 },
      undefined,
    ],
    [
      'an attempt without a record',
      { attempt, manifestWritten: 1, validationReportWritten: 3 },
      'cdk.out is older than its last synth attempt (cdk-dpp-attempt.json, started ' +
        '2026-01-02T03:04:05.000Z), which stopped before validation and left no ' +
        'cdk-dpp-synth.json: fix the synth error and run `cdk synth` again.',
    ],
    [
      'a record of another attempt',
      {
        attempt: { ...attempt, id: 'a2' },
        record,
        manifestWritten: 1,
        recordWritten: 2,
        validationReportWritten: 3,
      },
      'cdk.out is older than its last synth attempt (cdk-dpp-attempt.json, started ' +
        '2026-01-02T03:04:05.000Z), which stopped before validation and left no ' +
        'cdk-dpp-synth.json: fix the synth error and run `cdk synth` again.',
    ],
    [
      'a validation report older than the manifest',
      { attempt, record, manifestWritten: 5, recordWritten: 6, validationReportWritten: 4 },
      'cdk.out holds no validation report of its last synth (validation-report.json is older ' +
        'than manifest.json, so no check pack ran): register `new DppChecks(app)` with ' +
        '`Validations.of(app).addPlugins` and run `cdk synth` again.',
    ],
    [
      'a validation report older than the synth record',
      { attempt, record, manifestWritten: 1, recordWritten: 6, validationReportWritten: 4 },
      'cdk.out holds no validation report of its last synth (validation-report.json is older ' +
        'than cdk-dpp-synth.json, so it is not from this attempt): run `cdk synth` again.',
    ],
  ])('%s', (_name, evidence, expected) => {
    expect(synthStaleness({ directory: 'cdk.out', ...evidence })).toBe(expected);
  });
});
