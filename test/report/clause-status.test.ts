import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DppRule, ruleName } from '../../lib/checks/dpp-rule';
import {
  AssemblyContents,
  AssemblyFinding,
  AssemblyResource,
  ClauseStatus,
  EvidenceReport,
  evaluateAssembly,
  renderHtml,
  renderMarkdown,
  RuleOutcome,
} from '../../lib/report';

// The status rules, against a rule table of the test's own, so they do not move when the
// pack's table grows.
const pass = (): NagRuleResult => NagRuleCompliance.COMPLIANT;
const rule = (id: string, level: NagMessageLevel, clauses: string[]): DppRule => ({
  id,
  level,
  clauses,
  resourceTypes: ['AWS::S3::Bucket'],
  summary: `${id} summary`,
  explanation: `${id} explanation`,
  fix: `${id} fix`,
  check: pass,
});
const { ERROR, WARN } = NagMessageLevel;
const RULES: DppRule[] = [
  rule('Transit', ERROR, ['DPP-NP-1']),
  rule('Review', WARN, ['DPP-NP-4']),
  rule('AtRest', ERROR, ['DPP-ES-1']),
  rule('Expiry', ERROR, ['DPP-DR-1']),
  rule('LogPii', WARN, ['DPP-LM-4']),
  rule('Roles', ERROR, ['DPP-LP-1']),
  rule('Credentials', ERROR, ['DPP-NP-2']),
];

const finding = (plugin: string, ruleName: string, severity: string, path: string) =>
  ({
    plugin,
    rule: ruleName,
    severity,
    description: `${ruleName} failed`,
    path,
  }) as AssemblyFinding;

const resource = (overrides: Partial<AssemblyResource>): AssemblyResource => ({
  stack: 'App',
  logicalId: 'Thing',
  type: 'AWS::S3::Bucket',
  path: 'App/Thing/Resource',
  implements: [],
  optOuts: [],
  ...overrides,
});

const CONTENTS: AssemblyContents = {
  directory: '/fixture',
  schemaVersion: '55.0.0',
  cdkVersion: '2.276.0',
  stacks: [
    {
      name: 'App',
      templateFile: 'App.template.json',
      sha256: 'ab'.repeat(32),
      resourceCount: 3,
      checks: [{ pack: 'DPP', version: '0.1.0', rules: RULES.map(ruleName) }],
    },
  ],
  resources: [
    resource({
      logicalId: 'Key',
      type: 'AWS::KMS::Key',
      path: 'App/Key/Resource',
      construct: 'PiiKey',
      implements: ['DPP-ES-1', 'DPP-NP-4'],
    }),
    resource({
      logicalId: 'Roles',
      type: 'AWS::IAM::Role',
      path: 'App/Operator/Resource',
      construct: 'OperatorRole',
      implements: ['DPP-LP-1'],
      optOuts: [{ setting: 'killSwitch', clauses: ['DPP-LP-1'], reason: 'A reason long enough' }],
    }),
  ],
  acknowledgements: [
    { path: 'App/Key', rule: 'DPP-AtRest[NoRotation]', reason: 'Rotated by the HSM vendor' },
    { path: 'App/Web', rule: 'AwsSolutions-S1', reason: 'Access logs go to CloudFront' },
    { path: 'App/Web', rule: 'DPP::DPP-Credentials', reason: 'Prefixed with the pack name' },
  ],
  plugins: [
    { name: 'AwsSolutions', conclusion: 'failure', findingCount: 1 },
    { name: 'DPP', conclusion: 'failure', findingCount: 4 },
  ],
  findings: [
    finding('AwsSolutions', 'AwsSolutions-IAM4', 'error', 'App/Operator/Resource'),
    finding('DPP', 'DPP-LogPii[Plain]', 'warning', 'App/Logs/Resource'),
    finding('DPP', 'DPP-Review[NoAnalyzer]', 'warning', 'App/Key/Resource'),
    finding('DPP', 'DPP-Transit[Http]', 'error', 'App/Web/Resource'),
    {
      ...finding('DPP', 'DPP-Retired', 'error', 'App/Archive/Resource'),
      description: 'The archive is interactive (DPP-DR-2, SOC-C5).',
    },
  ],
};

let report: EvidenceReport;
beforeAll(() => {
  report = evaluateAssembly(CONTENTS, RULES, new Date('2026-03-04T05:06:07Z'));
});

const statusOf = (id: string) => report.clauses.find((c) => c.id === id)?.status;
const clause = (id: string) => {
  const found = report.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id}`);
  return found;
};

describe('clause statuses', () => {
  test.each([
    // enforced, an open error
    ['DPP-NP-1', ClauseStatus.VIOLATED],
    // enforced, only an open warning: still an open finding
    ['DPP-LM-4', ClauseStatus.VIOLATED],
    // enforced, checked, nothing open
    ['DPP-DR-1', ClauseStatus.MET],
    // enforced, checked, a finding acknowledged
    ['DPP-ES-1', ClauseStatus.ACKNOWLEDGED],
    // enforced, checked, acknowledged with the pack-qualified id
    ['DPP-NP-2', ClauseStatus.ACKNOWLEDGED],
    // enforced, checked, a safe default opted out of
    ['DPP-LP-1', ClauseStatus.ACKNOWLEDGED],
    // enforced, no rule checks it
    ['DPP-LM-1', ClauseStatus.UNVERIFIED],
    // enforced, the finding of a rule no longer in the table, clauses read from its text
    ['DPP-DR-2', ClauseStatus.VIOLATED],
    // supported, an open warning: stays supported, the warning listed; a resource that says it
    // implements the clause is not its mechanism (the analyzers, the review and its schedule)
    ['DPP-NP-4', ClauseStatus.MECHANISM_MISSING],
    // supported, nothing in the app
    ['DPP-NP-5', ClauseStatus.MECHANISM_MISSING],
    // organizational
    ['DPP-DG-1', ClauseStatus.ORGANIZATIONAL],
    // SOC, enforced, maps to DPP-ES-1 (acknowledged)
    ['SOC-R5', ClauseStatus.ACKNOWLEDGED],
    // SOC, supported, maps to DPP-NP-1 (violated)
    ['SOC-C1', ClauseStatus.VIOLATED],
    // SOC, enforced, maps to DPP-NP-2 (acknowledged) and DPP-NP-6 (supported)
    ['SOC-R1', ClauseStatus.ACKNOWLEDGED],
    // SOC, enforced, maps to DPP-NP-3 (unverified) among others
    ['SOC-C3', ClauseStatus.UNVERIFIED],
    // SOC, enforced, a finding cited in its own text (the retired rule)
    ['SOC-C5', ClauseStatus.VIOLATED],
    // SOC-C2 holds the other packs: an AwsSolutions error is open
    ['SOC-C2', ClauseStatus.VIOLATED],
    // SOC, organizational
    ['SOC-C8', ClauseStatus.ORGANIZATIONAL],
  ])('%s is %s', (id, status) => {
    expect(statusOf(id)).toBe(status);
  });

  test('a supported clause keeps its open warning visible', () => {
    const np4 = clause('DPP-NP-4');
    expect(np4.findings.map((f) => f.rule)).toEqual(['DPP-Review[NoAnalyzer]']);
    expect(np4.statusReason).toBe(
      'Missing 5 of 5 mechanisms: IAM Access Analyzer for external access; IAM Access Analyzer ' +
        'for unused access; AWS Config rule on unused credentials; Access review with the ' +
        'analyzers’ findings; Monthly schedule of the access review. To add: Add an IAM Access ' +
        'Analyzer of type ACCOUNT or ORGANIZATION (`AccountBaseline`). Add an IAM Access Analyzer ' +
        'of type ACCOUNT_UNUSED_ACCESS or ORGANIZATION_UNUSED_ACCESS (`AccountBaseline`). Add the ' +
        'AWS Config managed rule IAM_USER_UNUSED_CREDENTIALS_CHECK (`AccountBaseline`). Add the ' +
        'access-review function, allowed to list the IAM Access Analyzer findings it sends the ' +
        'reviewer (`AccountBaseline`). Run the access-review function at least monthly with an ' +
        'EventBridge schedule (`AccountBaseline`). 1 open warning to act on.',
    );
    expect(report.summary.openWarningsOnSupported).toBe(1);
    const row = renderMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith('| **DPP-NP-4** '));
    expect(row).toContain('| **mechanism missing** (1 open) |');
    expect(row).toContain('Open: `DPP-Review[NoAnalyzer]` on `App/Key/Resource`.');
    expect(renderHtml(report)).toMatch(
      /<tr id="DPP-NP-4">.*>mechanism missing<\/span> <span class="warn">1 open<\/span>/,
    );
  });

  test('a rule that checks a clause reports its outcome across the app', () => {
    expect(clause('DPP-NP-1').rules).toEqual([
      {
        rule: 'DPP-Transit',
        level: 'error',
        summary: 'Transit summary',
        outcome: RuleOutcome.FAIL,
        openFindings: 1,
        acknowledgements: 0,
        stacksNotChecked: [],
      },
    ]);
    expect(clause('DPP-ES-1').rules[0]).toMatchObject({
      outcome: RuleOutcome.ACKNOWLEDGED,
      acknowledgements: 1,
    });
    expect(clause('DPP-DR-1').rules[0]).toMatchObject({ outcome: RuleOutcome.PASS });
  });

  test('acknowledgements carry their reason and the clauses of their rule', () => {
    expect(report.acknowledgements).toEqual([
      {
        rule: 'DPP-AtRest[NoRotation]',
        path: 'App/Key',
        reason: 'Rotated by the HSM vendor',
        clauses: ['DPP-ES-1'],
      },
      {
        rule: 'AwsSolutions-S1',
        path: 'App/Web',
        reason: 'Access logs go to CloudFront',
        clauses: ['SOC-C2'],
      },
      {
        rule: 'DPP-Credentials',
        path: 'App/Web',
        reason: 'Prefixed with the pack name',
        clauses: ['DPP-NP-2'],
      },
    ]);
  });

  test('status reasons say why', () => {
    expect(clause('DPP-DR-1').statusReason).toBe('Checked by 1 rule; no open finding.');
    expect(clause('DPP-LP-1').statusReason).toBe(
      'Checked by 1 rule; no open finding except 1 opt-out, each with its reason.',
    );
    expect(clause('DPP-LM-1').statusReason).toBe('No rule of the DPP pack checks this clause yet.');
    expect(clause('SOC-C1').statusReason).toBe('Maps to violated DPP-NP-1.');
    expect(clause('SOC-R5').statusReason).toBe(
      'Maps to DPP-ES-1; no open finding except acknowledged DPP-ES-1, each with its reason.',
    );
  });

  test('the summary counts clauses per status and per family', () => {
    const total = report.summary.byStatus.reduce((n, s) => n + s.count, 0);
    expect(total).toBe(report.clauses.length);
    for (const family of report.summary.byFamily) {
      expect(family.counts.reduce((n, s) => n + s.count, 0)).toBe(family.total);
    }
    expect(report.summary.checkPacks).toEqual([
      { name: 'AwsSolutions', conclusion: 'failure', openFindings: 1 },
      { name: 'DPP', conclusion: 'failure', openFindings: 4 },
    ]);
    expect(report.summary.generatedAt).toBe('2026-03-04T05:06:07Z');
  });

  test('a DPP pack without findings is listed as such', () => {
    const clean = evaluateAssembly(
      { ...CONTENTS, plugins: [], findings: [], acknowledgements: [] },
      RULES,
      new Date(0),
    );
    expect(clean.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'no findings', openFindings: 0 },
    ]);
    expect(clean.clauses.find((c) => c.id === 'DPP-NP-1')?.status).toBe(ClauseStatus.MET);
    expect(clean.summary.templates.map((t) => t.checkedBy)).toEqual([['DPP 0.1.0 (7 rules)']]);
  });
});

describe('clause statuses when the DPP pack left no record on a stack', () => {
  const second = { ...CONTENTS.stacks[0], name: 'Edge', templateFile: 'Edge.template.json' };
  const evaluate = (stacks: AssemblyContents['stacks'], contents: Partial<AssemblyContents> = {}) =>
    evaluateAssembly({ ...CONTENTS, ...contents, stacks }, RULES, new Date(0));

  test('a stack without the record makes a clause without open findings unverified', () => {
    const partial = evaluate([CONTENTS.stacks[0], { ...second, checks: [] }], {
      plugins: [],
      findings: [],
      acknowledgements: [],
    });
    const dr1 = partial.clauses.find((c) => c.id === 'DPP-DR-1');
    expect(dr1?.status).toBe(ClauseStatus.UNVERIFIED);
    expect(dr1?.statusReason).toBe(
      'No record that the DPP pack applied DPP-Expiry to 1 stack (Edge), so finding nothing ' +
        'there proves nothing: register it with `Validations.of(app).addPlugins(new ' +
        'DppChecks(app))` and synth again.',
    );
    expect(dr1?.rules[0]).toMatchObject({
      outcome: RuleOutcome.NOT_RUN,
      stacksNotChecked: ['Edge'],
    });
    expect(partial.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'no findings; not registered on 1 stack', openFindings: 0 },
    ]);
    expect(partial.summary.templates.map((t) => [t.stack, t.checkedBy])).toEqual([
      ['App', ['DPP 0.1.0 (7 rules)']],
      ['Edge', []],
    ]);
  });

  test('a record that does not list a rule leaves that rule unproven on the stack', () => {
    const older = { pack: 'DPP', version: '0.0.9', rules: ['DPP-Transit'] };
    const partial = evaluate([{ ...second, checks: [older] }], {
      plugins: [],
      findings: [],
      acknowledgements: [],
    });
    const status = (id: string) => partial.clauses.find((c) => c.id === id)?.status;
    expect(status('DPP-NP-1')).toBe(ClauseStatus.MET);
    expect(status('DPP-DR-1')).toBe(ClauseStatus.UNVERIFIED);
  });

  test('without any record no clause is met, and open findings still violate', () => {
    const unrecorded = evaluate([{ ...CONTENTS.stacks[0], checks: [] }]);
    const count = (status: ClauseStatus) =>
      unrecorded.summary.byStatus.find((s) => s.status === status)?.count;
    expect(count(ClauseStatus.MET)).toBe(0);
    expect(count(ClauseStatus.ACKNOWLEDGED)).toBe(0);
    expect(unrecorded.clauses.find((c) => c.id === 'DPP-NP-1')?.status).toBe(ClauseStatus.VIOLATED);
    expect(unrecorded.clauses.find((c) => c.id === 'DPP-ES-1')?.status).toBe(
      ClauseStatus.UNVERIFIED,
    );
  });

  test('the DPP pack without findings and without records is not registered', () => {
    const unregistered = evaluate([{ ...CONTENTS.stacks[0], checks: [] }], {
      plugins: [],
      findings: [],
      acknowledgements: [],
    });
    expect(unregistered.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'not registered', openFindings: 0 },
    ]);
  });
});
