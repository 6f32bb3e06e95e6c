import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { OUT_OF_SCOPE, OutOfScopeReason } from '../../lib/checks/coverage';
import { DppRule, ruleName } from '../../lib/checks/dpp-rule';
import {
  AssemblyContents,
  AssemblyFinding,
  AssemblyResource,
  ClauseStatus,
  EvidenceReport,
  evaluateAssembly,
  JudgementOutcome,
  renderHtml,
  renderMarkdown,
  RuleOutcome,
} from '../../lib/report';

// The status rules, against a rule table of the test's own, so they do not move when the
// pack's table grows.
const pass = (): NagRuleResult => NagRuleCompliance.COMPLIANT;
const rule = (id: string, level: NagMessageLevel, clauses: string[], type: string): DppRule => ({
  id,
  level,
  clauses,
  resourceTypes: [type],
  summary: `${id} summary`,
  explanation: `${id} explanation`,
  fix: `${id} fix`,
  check: pass,
});
const { ERROR, WARN } = NagMessageLevel;
const BUCKET = 'AWS::S3::Bucket';
const RULES: DppRule[] = [
  rule('Transit', ERROR, ['DPP-NP-1'], BUCKET),
  rule('Review', WARN, ['DPP-NP-4'], 'AWS::KMS::Key'),
  rule('AtRest', ERROR, ['DPP-ES-1'], BUCKET),
  rule('Expiry', ERROR, ['DPP-DR-1'], BUCKET),
  rule('LogPii', WARN, ['DPP-LM-4'], 'AWS::Logs::LogGroup'),
  rule('Roles', ERROR, ['DPP-LP-1'], 'AWS::IAM::Role'),
  rule('Credentials', ERROR, ['DPP-NP-2'], BUCKET),
  rule('Backups', ERROR, ['DPP-DR-3'], 'AWS::Redshift::Cluster'),
  rule('Queues', ERROR, ['DPP-LM-2'], 'AWS::SQS::Queue'),
  rule('Caches', ERROR, ['DPP-DR-4'], 'AWS::ElastiCache::ReplicationGroup'),
  rule('Tls', ERROR, ['DPP-NP-7'], BUCKET),
];

/** A type the coverage table lists as a known gap: it holds data, and no rule judges it. */
const KNOWN_GAP_TYPE = Object.entries(OUT_OF_SCOPE).find(
  ([, reason]) => reason === OutOfScopeReason.KNOWN_GAP,
)?.[0] as string;

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
  type: BUCKET,
  path: 'App/Thing/Resource',
  implements: [],
  optOuts: [],
  ...overrides,
});

const { PASS, FAIL, ACKNOWLEDGED, NOT_APPLICABLE } = JudgementOutcome;
const judged = (path: string, type: string, rules: Record<string, JudgementOutcome>) => ({
  path,
  type,
  rules,
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
      resourceCount: 7,
      checks: [{ pack: 'DPP', version: '0.1.0', rules: RULES.map(ruleName) }],
    },
    {
      name: 'Edge',
      templateFile: 'Edge.template.json',
      sha256: 'cd'.repeat(32),
      resourceCount: 1,
      checks: [],
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
    resource({ logicalId: 'Web', path: 'App/Web/Resource' }),
    resource({ logicalId: 'Logs', type: 'AWS::Logs::LogGroup', path: 'App/Logs/Resource' }),
    resource({ logicalId: 'Queue', type: 'AWS::SQS::Queue', path: 'App/Queue/Resource' }),
    resource({
      stack: 'Edge',
      logicalId: 'Warehouse',
      type: 'AWS::Redshift::Cluster',
      path: 'Edge/Warehouse/Resource',
    }),
  ],
  acknowledgements: [
    { path: 'App/Web', rule: 'DPP-AtRest[NoRotation]', reason: 'Rotated by the HSM vendor' },
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
  judgements: {
    pack: 'DPP',
    version: '0.1.0',
    resources: [
      judged('App/Key/Resource', 'AWS::KMS::Key', { 'DPP-Review': FAIL }),
      judged('App/Logs/Resource', 'AWS::Logs::LogGroup', { 'DPP-LogPii': FAIL }),
      judged('App/Operator/Resource', 'AWS::IAM::Role', { 'DPP-Roles': PASS }),
      judged('App/Queue/Resource', 'AWS::SQS::Queue', { 'DPP-Queues': NOT_APPLICABLE }),
      judged('App/Web/Resource', BUCKET, {
        'DPP-AtRest': ACKNOWLEDGED,
        'DPP-Credentials': PASS,
        'DPP-Expiry': PASS,
        'DPP-Tls': PASS,
        'DPP-Transit': FAIL,
      }),
    ],
  },
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
    // enforced, a resource judged on a checked stack, and it passed
    ['DPP-DR-1', ClauseStatus.MET],
    // enforced, the judged resource's finding acknowledged
    ['DPP-ES-1', ClauseStatus.ACKNOWLEDGED],
    // enforced, judged and passed, acknowledged with the pack-qualified id
    ['DPP-NP-2', ClauseStatus.ACKNOWLEDGED],
    // enforced, judged and passed, a safe default opted out of
    ['DPP-LP-1', ClauseStatus.ACKNOWLEDGED],
    // enforced, no rule checks it
    ['DPP-LM-1', ClauseStatus.UNVERIFIED],
    // enforced, the resource it governs sits on a stack the pack left no record on
    ['DPP-DR-3', ClauseStatus.UNVERIFIED],
    // enforced, judged on the bucket, and it passed
    ['DPP-NP-7', ClauseStatus.MET],
    // enforced, its rule judged a queue and found it outside its scope
    ['DPP-LM-2', ClauseStatus.NOT_APPLICABLE],
    // enforced, the app holds nothing of the type its rule judges
    ['DPP-DR-4', ClauseStatus.NOT_APPLICABLE],
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
    // SOC, enforced, maps to DPP-NP-3 (no rule) and DPP-NP-7 (met) among others
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

  test('a met clause lists the resources judged and the rules that judged them', () => {
    expect(clause('DPP-DR-1').judged).toEqual([
      {
        stack: 'App',
        logicalId: 'Web',
        type: BUCKET,
        path: 'App/Web/Resource',
        construct: undefined,
        rule: 'DPP-Expiry',
        outcome: PASS,
      },
    ]);
    expect(clause('DPP-DR-1').unjudged).toEqual([]);
    expect(clause('DPP-DR-1').scopeTypes).toEqual([BUCKET]);
  });

  test('an unverified clause lists the resources nobody judged, and why', () => {
    expect(clause('DPP-DR-3').unjudged).toEqual([
      {
        stack: 'Edge',
        logicalId: 'Warehouse',
        type: 'AWS::Redshift::Cluster',
        path: 'Edge/Warehouse/Resource',
        construct: undefined,
        reason: 'Stack Edge holds no record that the DPP pack checked it.',
      },
    ]);
  });

  test('each row shows the evidence behind its status', () => {
    const row = (id: string) =>
      renderMarkdown(report)
        .split('\n')
        .find((line) => line.startsWith(`| **${id}** `));
    expect(row('DPP-DR-1')).toContain('<br>Judged: `App/Web/Resource` |');
    expect(row('DPP-DR-3')).toContain('<br>Not judged: `Edge/Warehouse/Resource` |');
    expect(row('DPP-DR-4')).toContain(
      '`DPP-Caches` (error): nothing to judge | The app holds nothing it governs',
    );
    expect(row('DPP-DR-4')).toContain('<br>In scope with: `AWS::ElastiCache::ReplicationGroup` |');
    expect(row('DPP-DR-1')).not.toContain('In scope with');
    expect(renderHtml(report).replace(/<wbr>/g, '')).toContain(
      'Not judged: <code>Edge/Warehouse/Resource</code>',
    );
  });

  test('an evidence note names eight resources, then how many more', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      resource({ logicalId: `B${i}`, path: `App/B${i}/Resource` }),
    );
    const wide = evaluateAssembly(
      {
        ...CONTENTS,
        resources: many,
        judgements: {
          pack: 'DPP',
          version: '0.1.0',
          resources: many.map((r) => judged(r.path, BUCKET, { 'DPP-Expiry': PASS })),
        },
      },
      RULES,
      new Date(0),
    );
    const row = renderMarkdown(wide)
      .split('\n')
      .find((line) => line.startsWith('| **DPP-DR-1** '));
    expect(row).toContain(
      'Judged: `App/B0/Resource`, `App/B1/Resource`, `App/B2/Resource`, `App/B3/Resource`, ' +
        '`App/B4/Resource`, `App/B5/Resource`, `App/B6/Resource`, `App/B7/Resource` and 2 more ' +
        '(in the JSON report)',
    );
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
        // Edge holds no bucket, so its missing record does not bear on this rule.
        stacksNotChecked: [],
      },
    ]);
    expect(clause('DPP-ES-1').rules[0]).toMatchObject({
      outcome: RuleOutcome.ACKNOWLEDGED,
      acknowledgements: 1,
    });
    expect(clause('DPP-DR-3').rules[0]).toMatchObject({
      outcome: RuleOutcome.NOT_RUN,
      stacksNotChecked: ['Edge'],
    });
  });

  test('acknowledgements carry their reason and the clauses of their rule', () => {
    expect(report.acknowledgements).toEqual([
      {
        rule: 'DPP-AtRest[NoRotation]',
        path: 'App/Web',
        reason: 'Rotated by the HSM vendor',
        clauses: ['DPP-ES-1'],
        pack: 'DPP',
        builtIn: false,
        governed: false,
      },
      {
        rule: 'AwsSolutions-S1',
        path: 'App/Web',
        reason: 'Access logs go to CloudFront',
        clauses: ['SOC-C2'],
        pack: 'AwsSolutions',
        builtIn: false,
        governed: false,
      },
      {
        rule: 'DPP-Credentials',
        path: 'App/Web',
        reason: 'Prefixed with the pack name',
        clauses: ['DPP-NP-2'],
        pack: 'DPP',
        builtIn: false,
        governed: false,
      },
    ]);
  });

  test('status reasons say why', () => {
    expect(clause('DPP-DR-1').statusReason).toBe(
      'Judged on 1 resource by DPP-Expiry; every judgement passed.',
    );
    expect(clause('DPP-ES-1').statusReason).toBe(
      'Judged on 1 resource by DPP-AtRest; it holds except for 1 acknowledged judgement, ' +
        '1 acknowledgement, each with its reason.',
    );
    expect(clause('DPP-LP-1').statusReason).toBe(
      'Judged on 1 resource by DPP-Roles; it holds except for 1 opt-out, each with its reason.',
    );
    expect(clause('DPP-LM-1').statusReason).toBe('No rule of the DPP pack checks this clause yet.');
    expect(clause('DPP-DR-3').statusReason).toBe(
      '1 resource it governs was not judged, so nothing proves it there: ' +
        '`Edge/Warehouse/Resource` (Stack Edge holds no record that the DPP pack checked it.)',
    );
    expect(clause('DPP-LM-2').statusReason).toBe(
      'Its rules judged 1 resource and found none in its scope; a resource of type ' +
        'AWS::SQS::Queue would bring it into scope.',
    );
    expect(clause('DPP-DR-4').statusReason).toBe(
      'The app holds nothing it governs; a resource of type ' +
        'AWS::ElastiCache::ReplicationGroup would bring it into scope.',
    );
    expect(clause('SOC-C1').statusReason).toBe('Maps to violated DPP-NP-1.');
    expect(clause('SOC-R5').statusReason).toBe('Maps to DPP-ES-1 (acknowledged).');
    expect(clause('SOC-C3').statusReason).toBe(
      'Maps to DPP-NP-3 (unverified), DPP-NP-7 (met), DPP-LP-2 (unverified).',
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
      {
        name: 'DPP',
        conclusion: 'no findings; not registered on 1 stack',
        openFindings: 0,
      },
    ]);
    expect(clean.summary.templates.map((t) => t.checkedBy)).toEqual([['DPP 0.1.0 (11 rules)'], []]);
  });
});

describe('clause statuses from the evidence the pack left', () => {
  const quiet = { plugins: [], findings: [], acknowledgements: [] };
  const evaluate = (contents: Partial<AssemblyContents>) =>
    evaluateAssembly({ ...CONTENTS, ...quiet, ...contents }, RULES, new Date(0));
  const statusIn = (r: EvidenceReport, id: string) => r.clauses.find((c) => c.id === id)?.status;

  test('without the judgements file nothing is met: the resources it governs are unjudged', () => {
    const unjudged = evaluate({ judgements: undefined });
    expect(statusIn(unjudged, 'DPP-DR-1')).toBe(ClauseStatus.UNVERIFIED);
    expect(
      unjudged.clauses.find((c) => c.id === 'DPP-DR-1')?.unjudged.map((r) => r.reason),
    ).toEqual([
      'The assembly holds no record of what the DPP pack judged (cdk-dpp-judgements.json).',
    ]);
    const count = (status: ClauseStatus) =>
      unjudged.summary.byStatus.find((s) => s.status === status)?.count;
    expect(count(ClauseStatus.MET)).toBe(0);
    expect(count(ClauseStatus.ACKNOWLEDGED)).toBe(0);
  });

  test('a record that does not list a rule leaves that rule unproven on the stack', () => {
    const older = { pack: 'DPP', version: '0.0.9', rules: ['DPP-Tls'] };
    const partial = evaluate({ stacks: [{ ...CONTENTS.stacks[0], checks: [older] }] });
    expect(statusIn(partial, 'DPP-NP-7')).toBe(ClauseStatus.MET);
    expect(statusIn(partial, 'DPP-DR-1')).toBe(ClauseStatus.UNVERIFIED);
  });

  test('a store of a type no rule judges yet leaves the data-store clauses unverified', () => {
    const gap = resource({ logicalId: 'Gap', type: KNOWN_GAP_TYPE, path: 'App/Gap/Resource' });
    const withGap = evaluate({ resources: [...CONTENTS.resources, gap] });
    const np7 = withGap.clauses.find((c) => c.id === 'DPP-NP-7');
    expect(np7?.status).toBe(ClauseStatus.UNVERIFIED);
    expect(np7?.unjudged.map((r) => [r.path, r.reason])).toEqual([
      [
        'App/Gap/Resource',
        `No rule of the DPP pack judges ${KNOWN_GAP_TYPE} yet (a known gap of the coverage table).`,
      ],
    ]);
    expect(np7?.scopeTypes).toContain(KNOWN_GAP_TYPE);
    // The known gaps bear on the data-store clauses only.
    expect(statusIn(withGap, 'DPP-DR-1')).toBe(ClauseStatus.MET);
    expect(withGap.clauses.find((c) => c.id === 'DPP-DR-1')?.scopeTypes).toEqual([BUCKET]);
  });

  test('a failing judgement is no evidence: without its finding the clause is not met', () => {
    const failedOnly = evaluate({
      judgements: {
        pack: 'DPP',
        version: '0.1.0',
        resources: [judged('App/Web/Resource', BUCKET, { 'DPP-Expiry': FAIL })],
      },
    });
    expect(statusIn(failedOnly, 'DPP-DR-1')).toBe(ClauseStatus.NOT_APPLICABLE);
  });

  test('an app that holds nothing a clause governs makes it not applicable, and a SOC clause mapped only to such clauses too', () => {
    const empty = evaluate({
      resources: [],
      judgements: { pack: 'DPP', version: '0.1.0', resources: [] },
    });
    expect(statusIn(empty, 'DPP-DR-1')).toBe(ClauseStatus.NOT_APPLICABLE);
    expect(statusIn(empty, 'DPP-ES-1')).toBe(ClauseStatus.NOT_APPLICABLE);
    expect(statusIn(empty, 'SOC-R5')).toBe(ClauseStatus.NOT_APPLICABLE);
    expect(statusIn(empty, 'SOC-C5')).toBe(ClauseStatus.NOT_APPLICABLE);
    expect(empty.summary.byStatus.find((s) => s.status === ClauseStatus.MET)?.count).toBe(0);
  });

  test('open findings still violate without any record', () => {
    const unrecorded = evaluateAssembly(
      { ...CONTENTS, stacks: [{ ...CONTENTS.stacks[0], checks: [] }], judgements: undefined },
      RULES,
      new Date(0),
    );
    expect(statusIn(unrecorded, 'DPP-NP-1')).toBe(ClauseStatus.VIOLATED);
    expect(statusIn(unrecorded, 'DPP-ES-1')).toBe(ClauseStatus.UNVERIFIED);
  });

  test('the DPP pack without findings and without records is not registered', () => {
    const unregistered = evaluate({
      stacks: [{ ...CONTENTS.stacks[0], checks: [] }],
    });
    expect(unregistered.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'not registered', openFindings: 0 },
    ]);
  });
});
