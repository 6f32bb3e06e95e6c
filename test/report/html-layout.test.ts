import * as fs from 'fs';
import {
  buildEvidenceReport,
  CLAUSE_STATUSES,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
} from '../../lib/report';
import { familyStatusBar } from '../../lib/report/family-status-bar';
import { familyAnchors } from '../../lib/report/report-tables';
import { bareClause, FIXTURE_SCOPE } from './evidence-fixtures';
import { synthAssembly, violatingApp } from './fixture-assembly';

/** A clause of the given family and status, with nothing else to show. */
function clause(id: string, family: string, status: ClauseStatus): ClauseEvidence {
  return bareClause(
    {
      id,
      family,
      kind: 'enforced',
      requirement: `Requirement of ${id}.`,
      statusReason: `Reason of ${id}.`,
    },
    status,
  );
}

/** A report of the given clauses, counted per status and per family as the builder counts. */
function reportOf(clauses: ClauseEvidence[]): EvidenceReport {
  const countsOf = (members: ClauseEvidence[]) =>
    CLAUSE_STATUSES.map((status) => ({
      status,
      count: members.filter((c) => c.status === status).length,
    }));
  const families = [...new Set(clauses.map((c) => c.family))];
  return {
    summary: {
      title: 'Evidence',
      generatedAt: '2026-01-02T03:04:05Z',
      toolName: 'cdk-dpp',
      toolVersion: '0.0.0',
      cdkVersion: '2.276.0',
      cloudAssemblyVersion: '55.0.0',
      clauses: clauses.length,
      byStatus: countsOf(clauses),
      byFamily: families.map((family) => {
        const members = clauses.filter((c) => c.family === family);
        return { family, total: members.length, counts: countsOf(members) };
      }),
      openFindings: 0,
      openWarningsOnSupported: 0,
      acknowledgements: 0,
      optOuts: 0,
      checkPacks: [],
      templates: [],
      scope: FIXTURE_SCOPE,
    },
    clauses,
    processingActivities: [],
    dataInventory: [],
    acknowledgements: [],
    optOuts: [],
    findings: [],
  };
}

const TWO_FAMILIES = reportOf([
  clause('DPP-NP-1', 'Network Protection', ClauseStatus.VIOLATED),
  clause('DPP-NP-2', 'Network Protection', ClauseStatus.MET),
  clause('DPP-NP-3', 'Network Protection', ClauseStatus.MET),
  clause('DPP-NP-4', 'Network Protection', ClauseStatus.MET),
  clause('DPP-AU-1', 'Audit & <Review>', ClauseStatus.ORGANIZATIONAL),
]);

/** The attribute values of every match of `pattern`'s first group. */
const all = (text: string, pattern: RegExp): string[] =>
  [...text.matchAll(pattern)].map((m) => m[1]);

/** The `<svg>` elements of a page. */
const svgsOf = (html: string): string[] => all(html, /(<svg[\s\S]*?<\/svg>)/g);

/** The text of the print rules. */
function printRules(html: string): string {
  const start = html.indexOf('@media print {');
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('\n}\n', start));
}

describe('HTML page of a synthesized app', () => {
  let assembly: string;
  let report: EvidenceReport;
  let html: string;
  beforeAll(() => {
    assembly = synthAssembly('html-layout', violatingApp);
    report = buildEvidenceReport(readCloudAssembly(assembly), {
      generatedAt: new Date('2026-01-02T03:04:05.120Z'),
    });
    html = renderHtml(report);
  });
  afterAll(() => {
    if (assembly) fs.rmSync(assembly, { recursive: true, force: true });
  });

  test('the table of contents links every section, in page order', () => {
    const nav = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    const families = [
      'family-network-protection',
      'family-data-retention-and-recovery',
      'family-data-governance',
      'family-encryption-and-storage',
      'family-least-privilege',
      'family-logging-and-monitoring',
      'family-audit',
      'family-dpp-revision-of-november-2025',
      'family-soc-2-service-commitments',
    ];
    const stages = ['stages', 'stage-prod', 'stage-organization'];
    const lists = [
      'open-findings',
      'acknowledgements',
      'operator-acknowledgements',
      'built-in-acknowledgements',
      'opt-outs',
      'data-owners',
      'data-inventory',
      'no-amazon-data',
      'processing-activities',
    ];
    expect(all(nav, /href="#([^"]*)"/g)).toEqual([
      'scope',
      'scope-stacks',
      'scope-packs',
      'summary',
      'check-packs',
      'templates',
      // The app's own stack beside the stage Prod: a section per stage, the app's as organization.
      ...stages,
      ...families,
      ...lists,
    ]);
    const rest = html.slice(html.indexOf('</nav>'));
    expect(all(rest, /<h2 id="([^"]*)"/g)).toEqual([
      'scope',
      'summary',
      'stages',
      ...families,
      ...lists,
    ]);
    expect(all(rest, /<h3 id="([^"]*)"/g)).toEqual([
      'scope-stacks',
      'scope-packs',
      'check-packs',
      'templates',
      ...stages.slice(1),
    ]);
    expect(rest).not.toMatch(/<h[23](?! id=)/);
    expect(families).toHaveLength(report.summary.byFamily.length);
  });

  test('every link points at an element of the page, and every ID is unique', () => {
    const ids = all(html, /\sid="([^"]*)"/g);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = new Set(ids);
    const links = all(html, /href="#([^"]*)"/g);
    expect(links.filter((l) => !targets.has(l))).toEqual([]);
    const labels = all(html, /aria-labelledby="([^"]*)"/g);
    expect(labels).toHaveLength(report.summary.byFamily.length + 1);
    expect(labels.filter((l) => !targets.has(l))).toEqual([]);
    expect(links.length).toBeGreaterThan(report.summary.byFamily.length + 8);
  });

  test('has one picture per family whose segments count what byFamily counts', () => {
    const svgs = svgsOf(html);
    expect(svgs).toHaveLength(report.summary.byFamily.length);
    report.summary.byFamily.forEach((family, i) => {
      const segments = [...svgs[i].matchAll(/data-status="([^"]*)" data-count="(\d+)"/g)].map(
        (m) => ({ status: m[1], count: Number(m[2]) }),
      );
      expect(segments).toEqual(family.counts.filter((c) => c.count > 0));
    });
  });

  test('stays one self-contained file: no script, no external source, links only inside', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc\s*=|xlink:href|https?:\/\//i);
    expect(all(html, /\shref="([^"]*)"/g).filter((h) => !h.startsWith('#'))).toEqual([]);
  });

  test('the clause tables and the record of processing print as blocks, cells labelled', () => {
    expect(html.split('<table class="stacked clauses">')).toHaveLength(
      report.summary.byFamily.length + 1,
    );
    const processing = html.slice(html.indexOf('<h2 id="processing-activities">'));
    expect(processing).toMatch(/^<h2[^>]*>[^<]*<\/h2>\n<table class="stacked">/);
    const firstRow = processing.slice(processing.indexOf('<tr>', processing.indexOf('<tbody>')));
    expect(all(firstRow.slice(0, firstRow.indexOf('</tr>')), /data-label="([^"]*)"/g)).toEqual([
      'Store',
      'Data class',
      'PII fields',
      'Purpose',
      'Collection',
      'Sharing',
      'Retention',
      'Disposal',
      'Erasure',
      'Readers',
    ]);
    const summaryAt = html.indexOf('<h2 id="summary">');
    const family = html.slice(summaryAt, html.indexOf('<h3', summaryAt));
    expect(family).toContain('\n<table>\n<thead>');
  });
});

describe('the picture of a family', () => {
  test('lays out the bar and the legend from the counts', () => {
    const bar = familyStatusBar(TWO_FAMILIES.summary.byFamily[0]);
    expect(bar).toEqual({
      family: 'Network Protection',
      name: 'Network Protection',
      total: '4 clauses',
      headingBaseline: 15,
      description: 'Network Protection: 4 clauses: 1 violated, 3 met.',
      segments: [
        { status: 'violated', count: 1, x: 0, width: 133, centre: 66.5, label: '1 violated' },
        { status: 'met', count: 3, x: 135, width: 405, centre: 337.5, label: '3 met' },
      ],
      legend: [
        { status: 'violated', text: '1 violated', x: 0, textX: 14, y: 62 },
        { status: 'met', text: '3 met', x: 94, textX: 108, y: 62 },
      ],
      height: 67,
      bar: { top: 22, height: 22 },
      swatch: 10,
    });
  });

  test('wraps a long legend onto a second line and labels segments as their width allows', () => {
    const sizes: Record<string, number> = { [ClauseStatus.MECHANISM_MISSING]: 5, met: 28 };
    const counts = CLAUSE_STATUSES.map((status) => ({ status, count: sizes[status] ?? 1 }));
    const bar = familyStatusBar({ family: 'Wide', total: 40, counts });
    expect(bar.segments.map((s) => [s.count, s.width, s.label])).toEqual([
      [1, 11.5, ''],
      [1, 11.5, ''],
      [5, 65.5, '5'],
      [1, 11.5, ''],
      [28, 376, '28 met'],
      [1, 11.5, ''],
      [1, 11.5, ''],
      [1, 13.5, ''],
    ]);
    expect(bar.legend.map((l) => [l.text, l.x, l.y])).toEqual([
      ['1 violated', 0, 62],
      ['1 unverified', 94, 62],
      ['5 mechanism missing', 201.2, 62],
      ['1 acknowledged', 354.6, 62],
      ['28 met', 475, 62],
      ['1 provided', 0, 78],
      ['1 not applicable', 94, 78],
      ['1 organizational', 227.6, 78],
    ]);
    expect(bar.height).toBe(83);
  });

  test('draws an empty family as an empty bar without a legend', () => {
    const counts = CLAUSE_STATUSES.map((status) => ({ status, count: 0 }));
    const bar = familyStatusBar({ family: 'Empty', total: 0, counts });
    expect([bar.segments, bar.legend, bar.height, bar.description]).toEqual([
      [],
      [],
      51,
      'Empty: 0 clauses.',
    ]);
  });

  test('cuts a family name short where it would reach the total, and names it in full', () => {
    const family = `Family ${'y'.repeat(73)}`;
    const bar = familyStatusBar({ family, total: 0, counts: [] });
    expect(bar.name).toBe(`Family ${'y'.repeat(50)}…`);
    expect(bar.name).toHaveLength(58);
    expect(bar.description).toBe(`${family}: 0 clauses.`);
  });

  test('is an accessible inline SVG named by its counts in words, text escaped', () => {
    const svgs = svgsOf(renderHtml(TWO_FAMILIES));
    expect(svgs).toHaveLength(2);
    expect(svgs[1]).toBe(
      '<svg role="img" aria-labelledby="family-audit-review-status" width="540" height="67" ' +
        'viewBox="0 0 540 67" font-family="system-ui, sans-serif">' +
        '<title id="family-audit-review-status">Audit &amp; &lt;Review&gt;: 1 clause: ' +
        '1 organizational.</title>' +
        '<text x="0" y="15" font-size="13" font-weight="700" fill="#1b1d21">' +
        'Audit &amp; &lt;Review&gt;</text>' +
        '<text x="540" y="15" font-size="13" text-anchor="end" fill="#4a4f57">1 clause</text>' +
        '<rect data-status="organizational" data-count="1" x="0" y="22" width="540" ' +
        'height="22" fill="#55595f"/>' +
        '<text x="270" y="33" font-size="12" font-weight="700" text-anchor="middle" ' +
        'dominant-baseline="central" fill="#ffffff">1 organizational</text>' +
        '<rect x="0" y="53" width="10" height="10" fill="#55595f"/>' +
        '<text x="14" y="62" font-size="11" fill="#1b1d21">1 organizational</text></svg>',
    );
  });

  test('links to its family section from the summary', () => {
    const html = renderHtml(TWO_FAMILIES);
    expect(all(html, /<a href="#([^"]*)"><svg/g)).toEqual([
      'family-network-protection',
      'family-audit-review',
    ]);
    expect(all(html, /<h2 id="(family-[^"]*)"/g)).toEqual([
      'family-network-protection',
      'family-audit-review',
    ]);
  });
});

describe('family anchors', () => {
  test('are the family name in lower case with dashes, unique, never empty', () => {
    expect(
      familyAnchors([
        'Network Protection',
        'DPP revision of November 2025',
        'network  protection!',
        '***',
        'Network Protection',
      ]),
    ).toEqual([
      'family-network-protection',
      'family-dpp-revision-of-november-2025',
      'family-network-protection-2',
      'family-unnamed',
      'family-network-protection-3',
    ]);
  });
});

describe('print rules', () => {
  const html = renderHtml(TWO_FAMILIES);

  test('set the page margins and number the pages', () => {
    expect(html).toContain(
      '@page { margin: 15mm; @bottom-right { content: "Page " counter(page) " of " ' +
        'counter(pages);',
    );
  });

  test('keep colours, rows and headings together and repeat table headers', () => {
    const rules = printRules(html);
    for (const rule of [
      '* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }',
      'h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }',
      'thead { display: table-header-group; }',
      'tr { break-inside: avoid; page-break-inside: avoid; }',
      'table.stacked tr { display: grid;',
      'table.stacked td::before { content: attr(data-label);',
      '.family-bars svg, .family-bars a { break-inside: avoid;',
      'a { color: #0b4f8a; text-decoration: underline; }',
    ]) {
      expect(rules).toContain(rule);
    }
  });

  test('let long names and words wrap: after / and : in names, every 16 characters in both', () => {
    expect(html).toContain('\ntd { overflow-wrap: break-word; }');
    expect(html).toMatch(/\ncode \{[^}]*overflow-wrap: break-word; \}/);
    const word = 'w'.repeat(60);
    const page = renderHtml({
      ...TWO_FAMILIES,
      acknowledgements: [
        {
          rule: 'DPP-IamNoWildcard[arn:aws:iam::123456789012:role/Admin]',
          path: `App/${'Orders'.repeat(5)}/Resource`,
          reason: `Reviewed ${word}, see a/b: ok.`,
          clauses: [],
          pack: 'DPP',
          builtIn: false,
          governed: false,
        },
      ],
    });
    expect(page).toContain(
      '<td data-label="Rule"><code>DPP-IamNoWildcar<wbr>d[arn:<wbr>aws:<wbr>iam:<wbr>:<wbr>' +
        '123456789012:<wbr>role/<wbr>Admin]</code></td>' +
        '<td data-label="On"><code>App/<wbr>OrdersOrdersOrde<wbr>rsOrdersOrders/<wbr>Resource</code></td>' +
        '<td data-label="Clauses">none</td>' +
        `<td data-label="Reason">Reviewed ${'w'.repeat(16)}<wbr>${'w'.repeat(16)}<wbr>${'w'.repeat(16)}<wbr>${'w'.repeat(12)}, see a/b: ok.</td>`,
    );
  });
});
