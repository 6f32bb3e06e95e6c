import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Stack } from 'aws-cdk-lib';
import {
  AssemblyContents,
  AssemblyStack,
  buildEvidenceReport,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  markOrganizationLevel,
  organizationLevelReason,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
  renderOscalAssessmentResults,
  renderSarif,
  StageRole,
  StageSection,
} from '../../lib/report';
import { planStages, sectionContents } from '../../lib/report/stage-sections';
import { testApp } from '../helpers';
import { MULTI_STAGE, multiStageApp, synthAssembly, TOOLING_MARK } from './fixture-assembly';

let dir: string;
let contents: AssemblyContents;
let report: EvidenceReport;
beforeAll(() => {
  dir = synthAssembly('stages', multiStageApp);
  contents = readCloudAssembly(dir);
  report = buildEvidenceReport(contents, { generatedAt: new Date('2026-01-01T00:00:00Z') });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const clause = (id: string): ClauseEvidence => {
  const found = report.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const section = (name: string): StageSection => {
  const found = report.stages?.find((s) => s.name === name);
  if (!found) throw new Error(`no section ${name}`);
  return found;
};
const statusIn = (name: string, id: string) =>
  section(name).clauses.find((c) => c.id === id)?.status;

describe('the report of an app of several stages', () => {
  test('reads the stage and the environment of every stack from the manifests', () => {
    const { prod, dev, management } = MULTI_STAGE;
    expect(contents.stacks.map((s) => [s.name, s.stage ?? 'app', s.account, s.region])).toEqual([
      ['Dev/Data', 'Dev', dev.account, dev.region],
      ['Management', 'app', management.account, management.region],
      ['Org/Guardrails', 'Org', management.account, management.region],
      ['Org/Security/Tooling', 'Org/Security', management.account, management.region],
      ['Prod/BackupCopy', 'Prod', prod.account, prod.backupRegion],
      ['Prod/Data', 'Prod', prod.account, prod.region],
    ]);
  });

  test('has a section per workload stage, with its accounts and regions, then the organization', () => {
    const { prod, dev, management } = MULTI_STAGE;
    expect(
      report.stages?.map((s) => ({
        name: s.name,
        role: s.role,
        environments: s.environments,
        stacks: s.stacks.map((t) => t.stack),
        resources: s.resources,
      })),
    ).toEqual([
      {
        name: 'Dev',
        role: StageRole.WORKLOAD,
        environments: [{ account: dev.account, region: dev.region }],
        stacks: ['Dev/Data'],
        resources: 3,
      },
      {
        name: 'Prod',
        role: StageRole.WORKLOAD,
        // The backup copy deploys to a second region: the stage lists both.
        environments: [
          { account: prod.account, region: prod.region },
          { account: prod.account, region: prod.backupRegion },
        ].sort((a, b) => a.region.localeCompare(b.region)),
        stacks: ['Prod/BackupCopy', 'Prod/Data'],
        resources: 6,
      },
      {
        name: 'organization',
        role: StageRole.ORGANIZATION,
        environments: [{ account: management.account, region: management.region }],
        stacks: ['Management', 'Org/Guardrails', 'Org/Security/Tooling'],
        resources: 4,
      },
    ]);
  });

  test('shows a stage whose stacks name no environment as environment-agnostic', () => {
    const agnostic = buildEvidenceReport({
      ...contents,
      stacks: contents.stacks.map(({ account, region, ...stack }) =>
        stack.name === 'Dev/Data' ? stack : { ...stack, account, region },
      ),
    });
    const dev = agnostic.stages?.find((s) => s.name === 'Dev');
    expect(dev?.environments).toEqual([
      { account: 'environment-agnostic', region: 'environment-agnostic' },
    ]);
    expect(dev?.stacks.map((s) => [s.account, s.region])).toEqual([
      ['environment-agnostic', 'environment-agnostic'],
    ]);
  });

  test('puts a stack in the organization section for its organization trail, its SCP or its mark', () => {
    expect(section('organization').stacks.map((s) => [s.stack, s.organizationLevel])).toEqual([
      ['Management', 'holds the organization trail OrganizationTrail'],
      ['Org/Guardrails', 'holds AWS::Organizations::Policy KeepTrailsOn'],
      ['Org/Security/Tooling', `marked: ${TOOLING_MARK}`],
    ]);
  });

  test('gives each stage the findings and check results of its own stacks', () => {
    expect(section('Dev').openFindings).toBe(1);
    expect(section('Dev').checkPacks).toEqual([
      { name: 'DPP', conclusion: 'failure', openFindings: 1 },
    ]);
    expect(section('Prod').openFindings).toBe(0);
    expect(section('Prod').checkPacks).toEqual([
      { name: 'DPP', conclusion: 'no findings', openFindings: 0 },
    ]);
    expect(section('Dev').stacks[0].checkedBy).toEqual([
      expect.stringMatching(/^DPP \S+ \(\d+ rules\)$/),
    ]);
  });

  test('violates a clause violated in one stage and met in the other', () => {
    // Dev's bucket does not deny requests without TLS; Prod's does.
    expect(statusIn('Dev', 'DPP-NP-7')).toBe(ClauseStatus.VIOLATED);
    expect(statusIn('Prod', 'DPP-NP-7')).toBe(ClauseStatus.MET);
    expect(clause('DPP-NP-7').status).toBe(ClauseStatus.VIOLATED);
    expect(clause('DPP-NP-7').statusReason).toBe(
      'Across 3 sections: violated in Dev; met in Prod; not applicable in organization. ' +
        'Dev: 1 open finding.',
    );
    expect(clause('DPP-NP-7').stages).toEqual([
      { stage: 'Dev', role: StageRole.WORKLOAD, status: ClauseStatus.VIOLATED, counted: true },
      { stage: 'Prod', role: StageRole.WORKLOAD, status: ClauseStatus.MET, counted: true },
      {
        stage: 'organization',
        role: StageRole.ORGANIZATION,
        status: ClauseStatus.NOT_APPLICABLE,
        counted: true,
      },
    ]);
    // A SOC 2 commitment mapped to it is violated too, and shows the status across stages.
    expect(clause('SOC-C3').status).toBe(ClauseStatus.VIOLATED);
    expect(clause('SOC-C3').mapsTo).toContainEqual({
      id: 'DPP-NP-7',
      status: ClauseStatus.VIOLATED,
    });
  });

  test('meets a clause met in both stages, not applicable in the organization', () => {
    expect(clause('DPP-ES-1').stages?.map((s) => s.status)).toEqual([
      ClauseStatus.MET,
      ClauseStatus.MET,
      ClauseStatus.NOT_APPLICABLE,
    ]);
    expect(clause('DPP-ES-1').status).toBe(ClauseStatus.MET);
  });

  test('acknowledges a clause acknowledged in one stage and met in the other', () => {
    // Prod acknowledges its unversioned bucket, with the reason; Dev's bucket is versioned.
    expect(clause('DPP-DR-4').stages?.map((s) => [s.stage, s.status])).toEqual([
      ['Dev', ClauseStatus.MET],
      ['Prod', ClauseStatus.ACKNOWLEDGED],
      ['organization', ClauseStatus.NOT_APPLICABLE],
    ]);
    expect(clause('DPP-DR-4').status).toBe(ClauseStatus.ACKNOWLEDGED);
    expect(section('Prod').acknowledgements).toBe(1);
    expect(section('Dev').acknowledgements).toBe(0);
  });

  test('misses a mechanism one stage lacks though the other holds it, and counts it so', () => {
    // Only Prod's bucket declares its data: the app holds DPP-DG-3's mechanism, Dev does not.
    expect(clause('DPP-DG-3').stages?.map((s) => [s.stage, s.status])).toEqual([
      ['Dev', ClauseStatus.MECHANISM_MISSING],
      ['Prod', ClauseStatus.PROVIDED],
      ['organization', ClauseStatus.MECHANISM_MISSING],
    ]);
    expect(clause('DPP-DG-3').status).toBe(ClauseStatus.MECHANISM_MISSING);
    expect(clause('DPP-DG-3').statusReason).toMatch(
      /^Across 2 sections: mechanism missing in Dev; provided in Prod\. Dev: Missing 1 of 1 mechanism: /,
    );
    const count = (status: ClauseStatus) =>
      report.summary.byStatus.find((s) => s.status === status)?.count;
    for (const status of [ClauseStatus.MECHANISM_MISSING, ClauseStatus.PROVIDED]) {
      expect(count(status)).toBe(report.clauses.filter((c) => c.status === status).length);
    }
    expect(
      report.clauses.filter((c) => c.status === ClauseStatus.VIOLATED).map((c) => c.id),
    ).toEqual(['DPP-NP-7', 'DPP-25-TLS', 'SOC-C3', 'SOC-R6']);
  });

  test('lends the organization trail to every workload stage as its audit mechanism', () => {
    for (const stage of ['Dev', 'Prod']) {
      expect(statusIn(stage, 'DPP-AU-2')).toBe(ClauseStatus.PROVIDED);
      expect(section(stage).fromOrganization).toEqual([
        'DPP-AU-1: Multi-region CloudTrail trail',
        'DPP-AU-2: CloudTrail trail with log file validation',
        'SOC-R8: Multi-region CloudTrail trail',
      ]);
      expect(section(stage).clauses.find((c) => c.id === 'DPP-AU-2')?.statusReason).toContain(
        'CloudTrail trail with log file validation, in the organization-level stacks',
      );
    }
    expect(clause('DPP-AU-2').status).toBe(ClauseStatus.PROVIDED);
  });

  test('does not count the mechanisms the organization section itself lacks', () => {
    // The PII keys of the stages provide field encryption; the organization stacks hold none.
    expect(clause('DPP-NP-10').stages?.map((s) => [s.stage, s.status, s.counted])).toEqual([
      ['Dev', ClauseStatus.PROVIDED, true],
      ['Prod', ClauseStatus.PROVIDED, true],
      ['organization', ClauseStatus.MECHANISM_MISSING, false],
    ]);
    expect(clause('DPP-NP-10').status).toBe(ClauseStatus.PROVIDED);
  });
});

describe('planStages', () => {
  const stack = (name: string, stage?: string): AssemblyStack => ({
    name,
    templateFile: `${name}.template.json`,
    sha256: '0',
    resourceCount: 0,
    checks: [],
    ...(stage && { stage }),
  });
  const of = (...stacks: AssemblyStack[]) =>
    planStages({ ...contents, stacks, resources: [], findings: [], acknowledgements: [] });

  test('makes one section, the single-stage report, of the app alone or of one stage alone', () => {
    expect(of(stack('Site'), stack('Api'))).toBeUndefined();
    expect(of(stack('Prod/Data', 'Prod'), stack('Prod/Application', 'Prod'))).toBeUndefined();
  });

  test('makes two sections of a stage beside a stack of the app, and of two stages', () => {
    expect(of(stack('Pipeline'), stack('Prod/Data', 'Prod'))?.map((p) => p.name)).toEqual([
      'Prod',
      'organization',
    ]);
    expect(of(stack('Prod/Data', 'Prod'), stack('Dev/Data', 'Dev'))?.map((p) => p.name)).toEqual([
      'Dev',
      'Prod',
    ]);
  });
});

describe('sectionContents', () => {
  test('gives a section the acknowledgements on, below and above its stacks', () => {
    const ack = (path: string) => ({ path, rule: 'DPP-S3BucketVersioned', reason: 'r' });
    const prod = contents.stacks.filter((s) => s.stage === 'Prod');
    const part = sectionContents(
      {
        ...contents,
        acknowledgements: [
          ack(''),
          ack('Prod'),
          ack('Prod/Data'),
          ack('Prod/Data/Assets'),
          ack('Prod/DataCopy'),
          ack('Dev/Data/Assets'),
        ],
      },
      prod,
    );
    expect(part.acknowledgements.map((a) => a.path)).toEqual([
      '',
      'Prod',
      'Prod/Data',
      'Prod/Data/Assets',
    ]);
    expect(part.stacks.map((s) => s.name)).toEqual(['Prod/BackupCopy', 'Prod/Data']);
    expect(new Set(part.resources.map((r) => r.stack))).toEqual(
      new Set(['Prod/BackupCopy', 'Prod/Data']),
    );
  });
});

describe('organization-level stacks', () => {
  test('are recognized by an organization analyzer, not by an account analyzer', () => {
    const analyzer = (type: string) => ({
      logicalId: 'Analyzer',
      type: 'AWS::AccessAnalyzer::Analyzer',
      properties: { Type: type },
    });
    expect(organizationLevelReason([analyzer('ORGANIZATION_UNUSED_ACCESS')])).toBe(
      'holds the organization analyzer Analyzer',
    );
    expect(organizationLevelReason([analyzer('ACCOUNT')])).toBeUndefined();
    expect(
      organizationLevelReason([
        { logicalId: 'Trail', type: 'AWS::CloudTrail::Trail', properties: { IsLogging: true } },
      ]),
    ).toBeUndefined();
  });

  test('are marked only with a reason', () => {
    const stack = new Stack(testApp(), 'Tooling');
    expect(() => markOrganizationLevel(stack, ' ')).toThrow('markOrganizationLevel needs a reason');
  });
});

describe('the formats of a report of several stages', () => {
  type Json = Record<string, unknown>;

  test('Markdown has a section per stage and the statuses by stage of every clause', () => {
    const markdown = renderMarkdown(report);
    expect(markdown.match(/^### (Stage .+|Organization-level stacks)$/gm)).toEqual([
      '### Stage Dev',
      '### Stage Prod',
      '### Organization-level stacks',
    ]);
    expect(markdown).toContain(
      '### Stage Prod\n\nDeploys to 111111111111 eu-west-1, 111111111111 us-east-1. ' +
        '6 resources in 2 stacks; 0 open findings; 1 acknowledgement; 0 opt-outs.\n',
    );
    expect(markdown).toContain('| Management | app | 333333333333 | us-east-1 | 2 | DPP ');
    expect(markdown).toContain(
      'By stage: Dev **violated**; Prod **met**; organization **not applicable**.',
    );
    expect(markdown).toContain(
      'Provided by the organization-level stacks: DPP-AU-1: Multi-region CloudTrail trail; ',
    );
  });

  test('HTML lists the stages in its contents and colours their statuses', () => {
    const html = renderHtml(report);
    expect(html).toContain('<a href="#stage-prod">Stage Prod</a>');
    expect(html).toContain('<h3 id="stage-organization">Organization-level stacks</h3>');
    expect(html).toMatch(/<td><code>DPP-NP-7<\/code><\/td><td><span class="badge"[^>]*>violated</);
  });

  test('OSCAL assessment results name each stage and the clause status in each', () => {
    const document = renderOscalAssessmentResults(report);
    const schema = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../shared/oscal/oscal_assessment-results_schema_1.1.2.json'),
        'utf8',
      ),
    ) as Json;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    const result = ((document['assessment-results'] as Json).results as Json[])[0];
    const values = (props: unknown, name: string) =>
      (props as Array<{ name: string; value: string }>)
        .filter((p) => p.name === name)
        .map((p) => p.value);
    expect(values(result.props, 'stage')).toEqual([
      'Dev (workload): 222222222222 us-east-1; stacks Dev/Data',
      'Prod (workload): 111111111111 eu-west-1, 111111111111 us-east-1; stacks Prod/BackupCopy, Prod/Data',
      'organization (organization): 333333333333 us-east-1; stacks Management, Org/Guardrails, Org/Security/Tooling',
    ]);
    const finding = (id: string) =>
      (result.findings as Json[]).find((f) => (f.target as Json)['target-id'] === id) as Json;
    expect(values(finding('DPP-NP-7').props, 'stage-status')).toEqual([
      'Dev: violated',
      'Prod: met',
      'organization: not applicable',
    ]);
    expect(values(finding('DPP-NP-10').props, 'stage-status')).toContain(
      'organization: mechanism missing (not counted)',
    );
  });

  test('SARIF names the stage of each finding', () => {
    const runs = (renderSarif(report) as { runs: Array<{ results: Array<{ properties: Json }> }> })
      .runs;
    expect(
      runs.flatMap((r) => r.results.map((x) => [x.properties.stack, x.properties.stage])),
    ).toEqual([['Dev/Data', 'Dev']]);
  });
});
