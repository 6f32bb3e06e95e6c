import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS, controlById } from '../../lib/controls';
import {
  buildEvidenceReport,
  ClauseEvidence,
  ClauseStatus,
  isSupportedStatus,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
  renderOscal,
  renderOscalAssessmentResults,
  writeEvidenceReport,
} from '../../lib/report';
import {
  acknowledgedApp,
  FIXTURE_OWNER,
  OPT_OUT_REASON,
  synthAssembly,
  tempDir,
  violatingApp,
  WEBSITE_REASON,
} from './fixture-assembly';

const GENERATED_AT = new Date('2026-01-02T03:04:05.678Z');

let violating: string;
let acknowledged: string;
let report: EvidenceReport;
let acknowledgedReport: EvidenceReport;

beforeAll(() => {
  violating = synthAssembly('violating', violatingApp);
  acknowledged = synthAssembly('acknowledged', acknowledgedApp);
  report = buildEvidenceReport(readCloudAssembly(violating), { generatedAt: GENERATED_AT });
  acknowledgedReport = buildEvidenceReport(readCloudAssembly(acknowledged), {
    generatedAt: GENERATED_AT,
  });
});

afterAll(() => {
  [violating, acknowledged].forEach(
    (dir) => dir && fs.rmSync(dir, { recursive: true, force: true }),
  );
});

function clause(r: EvidenceReport, id: string): ClauseEvidence {
  const found = r.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id} in the report`);
  return found;
}

describe('evidence report of a synthesized app', () => {
  test('covers every catalog clause exactly once, in catalog order', () => {
    expect(report.clauses.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
    expect(report.summary.clauses).toBe(CONTROLS.length);
    const counted = report.summary.byStatus.reduce((n, s) => n + s.count, 0);
    expect(counted).toBe(CONTROLS.length);
  });

  test('an open finding makes the clauses of its rule violated, with the resource named', () => {
    const np7 = clause(report, 'DPP-NP-7');
    expect(np7.status).toBe(ClauseStatus.VIOLATED);
    expect(np7.findings).toEqual([
      {
        plugin: 'DPP',
        rule: 'DPP-S3BucketTlsOnly[SecureTransport]',
        severity: 'error',
        description:
          'No bucket policy denies, to everyone, requests sent without TLS (`aws:SecureTransport` ' +
          'false) (DPP-NP-7, DPP-25-TLS, SOC-R6). Fix: Set `enforceSSL: true` on the bucket, or ' +
          'use a cdk-dpp bucket construct.',
        path: 'Data/Open/Resource',
        clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
        stack: 'Data',
        logicalId: 'Open2F4367FD',
        templateFile: 'Data.template.json',
        templateLine:
          fs
            .readFileSync(path.join(violating, 'Data.template.json'), 'utf8')
            .split('\n')
            .indexOf('  "Open2F4367FD": {') + 1,
      },
    ]);
    expect(
      np7.rules
        .filter((r) => r.outcome !== 'pass' && r.outcome !== 'nothing to judge')
        .map((r) => [r.rule, r.outcome, r.level]),
    ).toEqual([['DPP-S3BucketTlsOnly', 'fail', 'error']]);
    expect(clause(report, 'DPP-25-TLS').status).toBe(ClauseStatus.VIOLATED);
  });

  test('a SOC 2 commitment reflects the clauses it maps to', () => {
    // SOC-C3 maps to DPP-NP-3, DPP-NP-7 and DPP-LP-2; DPP-NP-7 is violated.
    const c3 = clause(report, 'SOC-C3');
    expect(c3.status).toBe(ClauseStatus.VIOLATED);
    expect(c3.mapsTo).toContainEqual({ id: 'DPP-NP-7', status: ClauseStatus.VIOLATED });
    expect(c3.statusReason).toContain('DPP-NP-7');
  });

  test.each(['DPP-DG-1', 'DPP-DG-5', 'DPP-ES-4', 'DPP-AU-3', 'SOC-C8', 'SOC-R9'])(
    'organizational clause %s is listed with the operator duty',
    (id) => {
      const c = clause(report, id);
      expect(c.status).toBe(ClauseStatus.ORGANIZATIONAL);
      expect(c.kind).toBe('organizational');
      expect(c.operatorDuty).toBeTruthy();
      expect(c.operatorDuty).toBe(controlById(id).operatorDuty);
    },
  );

  test('a supported clause names the operator duty, and is violated only by an open error', () => {
    const supported = report.clauses.filter((c) => c.kind === 'supported');
    for (const c of supported) {
      const errors = c.findings.filter((f) => f.severity === 'error');
      const violatedMapped = c.mapsTo.filter((m) => m.status === ClauseStatus.VIOLATED);
      const violated = errors.length + violatedMapped.length > 0;
      expect([c.id, c.status === ClauseStatus.VIOLATED]).toEqual([c.id, violated]);
      if (!violated) expect([c.id, isSupportedStatus(c.status)]).toEqual([c.id, true]);
      expect(c.operatorDuty).toBeTruthy();
      expect(c.operatorDuty).toBe(controlById(c.id).operatorDuty);
    }
  });

  test('lists the resources that implement a clause, from the cdk-dpp metadata', () => {
    expect(clause(report, 'DPP-DR-1').resources).toEqual([
      {
        stack: 'Data',
        logicalId: expect.stringMatching(/^Orders/),
        type: 'AWS::S3::Bucket',
        path: 'Data/Orders/Resource',
        construct: 'PiiBucket',
      },
    ]);
    // PiiKey marks its key in both stacks, the staged one in a nested assembly included.
    expect(clause(report, 'DPP-ES-2').resources.map((r) => [r.stack, r.path])).toEqual([
      ['Data', 'Data/DataKey/Resource'],
      ['Prod/Keys', 'Prod/Keys/StageKey/Resource'],
    ]);
  });

  test('reads stacks of nested assemblies and hashes every template', () => {
    expect(report.summary.templates).toEqual([
      {
        stack: 'Data',
        file: 'Data.template.json',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        resources: expect.any(Number),
        checkedBy: [expect.stringMatching(/^DPP \d+\.\d+\.\d+ \(\d+ rules\)$/)],
      },
      {
        stack: 'Prod/Keys',
        file: expect.stringMatching(/^assembly-Prod\/.*\.template\.json$/),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        resources: expect.any(Number),
        checkedBy: [expect.stringMatching(/^DPP \d+\.\d+\.\d+ \(\d+ rules\)$/)],
      },
    ]);
    expect(report.summary.cdkVersion).toMatch(/^2\.\d+\.\d+$/);
    expect(report.summary.toolName).toBe('cdk-dpp');
    expect(report.summary.generatedAt).toBe('2026-01-02T03:04:05Z');
  });

  test('shows an opt-out with its reason next to its clause', () => {
    const optOut = {
      setting: 'backupCopy',
      reason: OPT_OUT_REASON,
      path: 'Data/Orders/Resource',
      construct: 'PiiBucket',
      clauses: ['DPP-DR-4'],
    };
    expect(clause(report, 'DPP-DR-4').optOuts).toEqual([optOut]);
    expect(report.optOuts).toEqual([optOut]);
  });

  test('compiles the record of processing activities from the data declarations', () => {
    expect(report.processingActivities).toEqual([
      {
        store: 'Data/Orders/Resource',
        stack: 'Data',
        logicalId: expect.stringMatching(/^Orders/),
        type: 'AWS::S3::Bucket',
        construct: 'PiiBucket',
        dataClass: 'pii',
        piiFields: ['shippingAddress', 'buyerName'],
        purpose: 'Ship orders to buyers',
        collection: 'From the Selling Partner API, by the application role.',
        sharing: 'Not shared outside the application.',
        retentionDays: 30,
        disposal: 'S3 lifecycle expiration after 30 days, noncurrent versions included',
        erasure: 'Delete the objects under the order id prefix',
        readers: ['Data/Reader'],
        // the declaration leaves out collection and sharing; disposal is the construct's
        defaults: ['collection', 'sharing', 'disposal'],
      },
    ]);
  });

  test('inventories every resource tagged with its data class, grouped by owner, the unowned last (DPP-DG-2)', () => {
    expect(report.dataInventory).toEqual([
      {
        stack: 'Data',
        logicalId: expect.stringMatching(/^Orders/),
        type: 'AWS::S3::Bucket',
        path: 'Data/Orders/Resource',
        dataClass: 'pii',
        owner: FIXTURE_OWNER,
        declared: true,
      },
      {
        stack: 'Data',
        logicalId: expect.stringMatching(/^Open/),
        type: 'AWS::S3::Bucket',
        path: 'Data/Open/Resource',
        dataClass: 'amazon-data',
        declared: false,
      },
    ]);
  });

  test('shows the inventory by owner in Markdown, HTML and OSCAL, the unowned under "no owner" (DPP-DG-2)', () => {
    const markdown = renderMarkdown(report);
    const owners = markdown.slice(markdown.indexOf('## Data owners (DPP-DG-2)'));
    expect(owners.slice(0, owners.indexOf('## Data inventory'))).toContain(
      `| ${FIXTURE_OWNER} | 1 | pii |\n| no owner: no dpp:owner tag | 1 | amazon-data |`,
    );
    expect(markdown).toContain(`| ${FIXTURE_OWNER} | \`Data/Orders/Resource\` |`);
    expect(renderHtml(report)).toContain('<h2 id="data-owners">Data owners (DPP-DG-2)</h2>');
    const items = (
      renderOscalAssessmentResults(report)['assessment-results'] as {
        results: { 'local-definitions': { 'inventory-items': Record<string, unknown>[] } }[];
      }
    ).results[0]['local-definitions']['inventory-items'];
    const item = (path: string) =>
      items.find((i) =>
        (i.props as { name: string; value: string }[]).some(
          (p) => p.name === 'construct-path' && p.value === path,
        ),
      );
    expect(item('Data/Orders/Resource')?.props).toContainEqual(
      expect.objectContaining({ name: 'owner', value: FIXTURE_OWNER }),
    );
    expect(item('Data/Open/Resource')?.remarks).toBe(
      'No dpp:owner tag: the data inventory lists it under "no owner" (DPP-DG-2).',
    );
  });

  test('an acknowledged finding makes its clause acknowledged, with the reason', () => {
    const dr4 = clause(acknowledgedReport, 'DPP-DR-4');
    expect(dr4.status).toBe(ClauseStatus.ACKNOWLEDGED);
    expect(dr4.findings).toEqual([]);
    expect(dr4.acknowledgements).toEqual([
      {
        rule: 'DPP-S3BucketVersioned[NotVersioned]',
        path: 'Site/Website',
        reason: WEBSITE_REASON,
        clauses: ['DPP-DR-4', 'SOC-C5'],
        pack: 'DPP',
        builtIn: false,
        governed: false,
      },
    ]);
    expect(dr4.rules).toContainEqual(
      expect.objectContaining({ rule: 'DPP-S3BucketVersioned', outcome: 'acknowledged' }),
    );
  });

  test('every format shows the acknowledgement reason', () => {
    expect(renderMarkdown(acknowledgedReport)).toContain(WEBSITE_REASON);
    expect(renderHtml(acknowledgedReport)).toContain(WEBSITE_REASON);
    expect(JSON.stringify(renderOscal(acknowledgedReport))).toContain(WEBSITE_REASON);
    expect(JSON.stringify(renderOscalAssessmentResults(acknowledgedReport))).toContain(
      WEBSITE_REASON,
    );
  });

  test('is deterministic apart from the generation time', () => {
    const out1 = tempDir('out1');
    const out2 = tempDir('out2');
    try {
      writeEvidenceReport(violating, { outDir: out1, generatedAt: GENERATED_AT });
      writeEvidenceReport(violating, {
        outDir: out2,
        generatedAt: new Date('2027-05-06T07:08:09Z'),
      });
      const files = fs.readdirSync(out1).sort();
      expect(files).toEqual([
        'evidence-report.html',
        'evidence-report.json',
        'evidence-report.md',
        'evidence-report.oscal-ar.json',
        'evidence-report.oscal.json',
        'evidence-report.sarif',
      ]);
      const timed: string[] = [];
      for (const file of files) {
        const first = fs.readFileSync(path.join(out1, file), 'utf8');
        const second = fs.readFileSync(path.join(out2, file), 'utf8');
        expect(second.replace(/2027-05-06T07:08:09Z/g, '2026-01-02T03:04:05Z')).toBe(first);
        if (second !== first) timed.push(file);
      }
      // The SARIF log holds no time stamp at all.
      expect(timed).toEqual(files.filter((f) => f !== 'evidence-report.sarif'));
    } finally {
      [out1, out2].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    }
  });

  test('writes every file into the cloud assembly by default', () => {
    const { files } = writeEvidenceReport(acknowledged, { generatedAt: GENERATED_AT });
    expect(files.map((f) => path.relative(acknowledged, f))).toEqual([
      'evidence-report.md',
      'evidence-report.html',
      'evidence-report.json',
      'evidence-report.oscal.json',
      'evidence-report.oscal-ar.json',
      'evidence-report.sarif',
    ]);
    const json = JSON.parse(fs.readFileSync(files[2], 'utf8')) as EvidenceReport;
    expect(json.clauses.map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
  });
});
