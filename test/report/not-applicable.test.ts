import * as fs from 'fs';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { EnvironmentProfile } from '../../lib/environment/environment-profile';
import {
  AssemblyContents,
  buildEvidenceReport,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
} from '../../lib/report';
import {
  declareNotApplicable,
  NOT_APPLICABLE_METADATA,
} from '../../lib/report/clause-not-applicable';
import { testApp } from '../helpers';
import {
  NO_CUSTOMER_REASON,
  NonProductionStage,
  noticesApp,
  synthAssembly,
} from './fixture-assembly';

const GENERATED_AT = new Date('2026-01-01T00:00:00Z');

let dir: string;
let contents: AssemblyContents;
let report: EvidenceReport;
beforeAll(() => {
  dir = synthAssembly('not-applicable', noticesApp);
  contents = readCloudAssembly(dir);
  report = buildEvidenceReport(contents, { generatedAt: GENERATED_AT });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const soc6 = (of: EvidenceReport): ClauseEvidence => {
  const found = of.clauses.find((c) => c.id === 'SOC-C6');
  if (!found) throw new Error('no SOC-C6');
  return found;
};
const inStage = (of: EvidenceReport, stage: string) =>
  of.stages?.find((s) => s.name === stage)?.clauses.find((c) => c.id === 'SOC-C6');
/** The contents of one stage's stacks alone: an app of one section. */
const onlyStage = (stage: string): AssemblyContents => ({
  ...contents,
  stacks: contents.stacks.filter((s) => s.stage === stage),
  resources: contents.resources.filter((r) => r.stack.startsWith(`${stage}/`)),
});
const DECLARED = {
  stack: 'NonProduction/Data',
  path: 'NonProduction/Data',
  construct: 'DppEnvironment',
  reason: NO_CUSTOMER_REASON,
};

describe('a clause a stage declares not applicable', () => {
  test('the assembly records the declaration on the stack that holds it', () => {
    expect(contents.stacks.map((s) => [s.name, s.notApplicable])).toEqual([
      ['NonProduction/Data', [{ clause: 'SOC-C6', ...DECLARED }]],
      ['Production/Data', undefined],
    ]);
  });

  test('is not applicable in that stage, with the reason and the path, and provided overall', () => {
    expect(inStage(report, 'Production')?.status).toBe(ClauseStatus.PROVIDED);
    expect(inStage(report, 'NonProduction')).toEqual({
      id: 'SOC-C6',
      status: ClauseStatus.NOT_APPLICABLE,
      statusReason: `Not applicable, declared by DppEnvironment on \`NonProduction/Data\`: ${NO_CUSTOMER_REASON}`,
    });
    expect(soc6(report).status).toBe(ClauseStatus.PROVIDED);
    expect(soc6(report).statusReason).toMatch(
      /^Across 2 sections: provided in Production; not applicable in NonProduction\. /,
    );
    expect(soc6(report).notApplicable).toEqual([DECLARED]);
  });

  test('the Markdown and HTML reports show the declared reason', () => {
    const clauseRow = (rendered: string) =>
      rendered.split('\n').find((line) => line.includes('**SOC-C6**') || line.includes('>SOC-C6<'));
    expect(clauseRow(renderMarkdown(report))).toContain(
      `Not applicable on \`NonProduction/Data\`, declared by DppEnvironment: ${NO_CUSTOMER_REASON}`,
    );
    expect(renderHtml(report)).toContain(
      'Not applicable on <code>NonProduction/<wbr>Data</code>, declared by DppEnvironment: The stage serves no customer',
    );
  });

  test('an app of that stage alone has the clause not applicable, with the reason', () => {
    const single = buildEvidenceReport(onlyStage('NonProduction'), { generatedAt: GENERATED_AT });
    expect(single.stages).toBeUndefined();
    expect([soc6(single).status, soc6(single).statusReason]).toEqual([
      ClauseStatus.NOT_APPLICABLE,
      `Not applicable, declared by DppEnvironment on \`NonProduction/Data\`: ${NO_CUSTOMER_REASON}`,
    ]);
    const production = buildEvidenceReport(onlyStage('Production'), { generatedAt: GENERATED_AT });
    expect([soc6(production).status, soc6(production).notApplicable]).toEqual([
      ClauseStatus.PROVIDED,
      [],
    ]);
  });

  test('never hides a violation: an open finding on the clause keeps it violated', () => {
    const violated = buildEvidenceReport(
      {
        ...contents,
        findings: [
          ...contents.findings,
          {
            plugin: 'DPP',
            rule: 'DPP-CustomerNoticesSent',
            severity: 'error',
            description: 'The stack tells no customer of its patches (SOC-C6).',
            path: 'NonProduction/Data/DataKey/Resource',
          },
        ],
      },
      { generatedAt: GENERATED_AT },
    );
    expect(inStage(violated, 'NonProduction')).toMatchObject({
      status: ClauseStatus.VIOLATED,
      statusReason: '1 open finding.',
    });
    expect(soc6(violated).status).toBe(ClauseStatus.VIOLATED);
    // The declaration stays on record beside the violation it does not hide.
    expect(soc6(violated).notApplicable).toEqual([DECLARED]);
  });

  test('honours only a declaration the construct may make, whatever the metadata says', () => {
    const forged = buildEvidenceReport(
      {
        ...contents,
        stacks: contents.stacks.map((s) => ({
          ...s,
          notApplicable: s.notApplicable?.map((d) => ({ ...d, construct: 'ChangeNotices' })),
        })),
      },
      { generatedAt: GENERATED_AT },
    );
    expect(inStage(forged, 'NonProduction')?.status).toBe(ClauseStatus.MECHANISM_MISSING);
    expect(soc6(forged).status).toBe(ClauseStatus.MECHANISM_MISSING);
    expect(soc6(forged).notApplicable).toEqual([]);
  });
});

describe('declareNotApplicable', () => {
  const declare = (
    clause: string,
    construct = 'DppEnvironment',
    reason = NO_CUSTOMER_REASON,
    stage: (app: App) => Stage = (app) => new NonProductionStage(app, 'NonProduction'),
  ) => {
    const stack = new Stack(stage(testApp()), 'Data');
    declareNotApplicable(stack, { clause, construct, reason });
    return stack;
  };

  test('writes the clause, the construct and the reason on the declaring construct', () => {
    const stack = declare('SOC-C6');
    const records = stack.node.metadata.filter((m) => m.type === NOT_APPLICABLE_METADATA);
    expect(records.map((m) => [m.type, m.data])).toEqual([
      [
        NOT_APPLICABLE_METADATA,
        { clause: 'SOC-C6', construct: 'DppEnvironment', reason: NO_CUSTOMER_REASON },
      ],
    ]);
  });

  test.each([
    ['DPP-XX-99', 'DppEnvironment', 'it is not a clause of the control catalog'],
    ['DPP-NP-7', 'DppEnvironment', 'it is enforced, not supported'],
    ['SOC-C7', 'DppEnvironment', 'its scope covers every stack; build its mechanism instead'],
    ['SOC-C6', 'ChangeNotices', 'only DppEnvironment may, in a non-production stage'],
  ])('refuses %s declared by %s', (clause, construct, message) => {
    expect(() => declare(clause, construct)).toThrow(
      `${construct} cannot declare ${clause} not applicable: ${message}`,
    );
  });

  test.each([
    ['a stage without a profile', (app: App) => new Stage(app, 'Staging')],
    [
      'a production stage',
      (app: App) =>
        Object.assign(new Stage(app, 'Prod'), { profile: EnvironmentProfile.PRODUCTION }),
    ],
    ['no stage', (app: App) => app],
  ])('refuses SOC-C6 in %s', (_name, stage) => {
    expect(() => declare('SOC-C6', 'DppEnvironment', NO_CUSTOMER_REASON, stage)).toThrow(
      'DppEnvironment cannot declare SOC-C6 not applicable: it applies where the scope stands; only a non-production stage',
    );
  });

  test('refuses a declaration without a reason that says why', () => {
    expect(() => declare('SOC-C6', 'DppEnvironment', '  non-prod  ')).toThrow(
      'DppEnvironment cannot declare SOC-C6 not applicable: give a reason of at least 20 characters, got: "non-prod".',
    );
  });
});
