import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  FamilyCount,
  ReportResource,
  RuleOutcome,
  RuleResult,
} from './evidence-report';
import { familyStatusBar, STATUS_BAR_FONT, STATUS_BAR_WIDTH } from './family-status-bar';
import {
  Cell,
  CHECK_PACKS_NOTE,
  checkPackTable,
  clausesOfFamily,
  evidenceNotes,
  familyAnchors,
  familyTable,
  listSections,
  openOnSupported,
  packScopeNote,
  packScopeTable,
  scopeTable,
  stackScopeTable,
  reasonText,
  stageParts,
  STAGES,
  STAGES_NOTE,
  stageStatusNote,
  Table,
  templateTable,
} from './report-tables';
import { STATUS_MEANINGS } from './status-meanings';

/** Background and text colours of each status badge (WCAG AA contrast on white text or dark). */
const STATUS_COLOURS: Readonly<Record<ClauseStatus, { background: string; text: string }>> = {
  [ClauseStatus.VIOLATED]: { background: '#b3261e', text: '#ffffff' },
  [ClauseStatus.UNVERIFIED]: { background: '#8a5a00', text: '#ffffff' },
  [ClauseStatus.ACKNOWLEDGED]: { background: '#5b3fa8', text: '#ffffff' },
  [ClauseStatus.MET]: { background: '#1e6b35', text: '#ffffff' },
  [ClauseStatus.PROVIDED]: { background: '#1a5b8f', text: '#ffffff' },
  [ClauseStatus.MECHANISM_MISSING]: { background: '#9c3d00', text: '#ffffff' },
  [ClauseStatus.NOT_APPLICABLE]: { background: '#6b6f76', text: '#ffffff' },
  [ClauseStatus.ORGANIZATIONAL]: { background: '#55595f', text: '#ffffff' },
};

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1d21; background: #f6f7f9; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #d5d9e0; }
h3 { font-size: 16px; margin: 22px 0 8px; }
p.meta { margin: 0 0 16px; color: #4a4f57; }
.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px; margin: 12px 0 8px; }
@media (max-width: 640px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.card { padding: 10px 14px; border-radius: 8px; color: #fff; }
.card .count { font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label { font-weight: 600; text-transform: capitalize; }
.card .meaning { font-size: 12px; opacity: 0.95; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 12px; }
th, td { border: 1px solid #d5d9e0; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eceff3; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef0f3; padding: 1px 4px; border-radius: 3px; overflow-wrap: break-word; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.clause-id { font-weight: 700; white-space: nowrap; }
.rule { display: block; margin: 2px 0; }
.reason { color: #4a4f57; }
ul.notes { margin: 0; padding-left: 16px; }
ul.notes li { margin: 2px 0; }
.duty { color: #1b1d21; }
.warn { color: #8a5a00; font-weight: 600; }
.muted { color: #6b7079; }
td { overflow-wrap: break-word; }
h1, h2, h3, p { overflow-wrap: anywhere; }
a { color: #0b4f8a; }
td a { white-space: nowrap; }
nav.toc { background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; padding: 4px 16px 8px; margin: 16px 0; }
nav.toc h2 { margin: 8px 0; border: none; }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2 240px; column-gap: 32px; }
nav.toc ol ol { columns: auto; padding-left: 16px; }
nav.toc li { margin: 2px 0; break-inside: avoid; overflow-wrap: anywhere; }
.family-bars { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 540px), 1fr)); gap: 8px 32px; margin: 12px 0 16px; }
.family-bars a { display: block; max-width: 100%; }
.family-bars svg { display: block; max-width: 100%; height: auto; }
@page { margin: 15mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #4a4f57; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { padding: 0; background: #fff; font-size: 9pt; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 18pt; }
  h3 { font-size: 11pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2::after, h3::after { content: ""; display: block; height: 45mm; margin-bottom: -45mm; }
  h2 + table, h3 + table, h2 + .family-bars { break-before: avoid; }
  a { color: #0b4f8a; text-decoration: underline; }
  .cards { gap: 6px; }
  .card { padding: 6px 10px; break-inside: avoid; }
  .card .count { font-size: 18pt; }
  .card .meaning { font-size: 7.5pt; }
  nav.toc { border-radius: 0; break-inside: avoid; }
  .family-bars svg, .family-bars a { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8pt; margin: 4pt 0 8pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: 3px 4px; }
  th { font-size: 7pt; }
  code { font-size: 7.5pt; padding: 0 2px; }
  .badge { white-space: normal; font-size: 7.5pt; padding: 1px 5px; }
  table.stacked, table.stacked tbody { display: block; border: none; }
  table.stacked thead { display: none; }
  table.stacked tr:first-child { break-inside: auto; page-break-inside: auto; }
  table.stacked tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); border: 1px solid #d5d9e0; margin: 0 0 6pt; }
  table.stacked td { display: block; border: none; border-top: 1px solid #eceff3; }
  table.stacked td::before { content: attr(data-label); display: block; font-weight: 600; color: #4a4f57; }
  table.stacked td:first-child { grid-column: 1 / -1; background: #eceff3; border-top: none; }
  table.stacked td:first-child::before { content: none; }
  table.clauses tr { grid-template-columns: repeat(12, minmax(0, 1fr)); }
  table.clauses td:first-child { grid-column: span 8; }
  table.clauses td:nth-child(2), table.clauses td:nth-child(3) { grid-column: span 2; background: #eceff3; border-top: none; }
  table.clauses td:nth-child(n + 4) { grid-column: span 4; }
}
`;

/** The longest run of characters a word of a table keeps without a place to break. */
const MAX_UNBROKEN = 16;

/** A table with more text columns than this prints as one block per row. */
const MAX_PRINTED_TEXT_COLUMNS = 6;

/** The sections of the page that are not a family or a list. */
const SCOPE = { id: 'scope', title: 'Scope' };
const SCOPE_STACKS = { id: 'scope-stacks', title: 'Stacks' };
const SCOPE_PACKS = { id: 'scope-packs', title: 'Check packs that ran' };
const SUMMARY = { id: 'summary', title: 'Summary by family' };
const CHECK_PACKS = { id: 'check-packs', title: 'Check packs' };
const TEMPLATES = { id: 'templates', title: 'Templates' };
const CONTENTS = { id: 'contents', title: 'Contents' };

/**
 * Renders the report as one self-contained HTML page: inline style and pictures, no script, no
 * external asset. A table of contents links every section and family; each family has a picture
 * of its clauses per status; the page prints on A4 and US Letter without cut columns.
 */
export function renderHtml(report: EvidenceReport): string {
  const { summary } = report;
  const anchors = familyAnchors(summary.byFamily.map((f) => f.family));
  const sections = listSections(report);
  const stages = stageParts(report);
  const body: string[] = [
    `<h1>${esc(summary.title)}</h1>`,
    `<p class="meta">Generated ${esc(summary.generatedAt)} by ${esc(summary.toolName)} ` +
      `${esc(summary.toolVersion)} from a cloud assembly synthesized with aws-cdk-lib ` +
      `${esc(summary.cdkVersion)} (cloud assembly schema ${esc(summary.cloudAssemblyVersion)}). ` +
      `${summary.clauses} clauses; ${summary.openFindings} open findings; ` +
      `${summary.acknowledgements} acknowledgements; ${summary.optOuts} opt-outs.</p>`,
    '<div class="cards">',
    ...summary.byStatus.map((s) => {
      const colour = STATUS_COLOURS[s.status];
      return (
        `<div class="card" style="background:${colour.background};color:${colour.text}">` +
        `<div class="count">${s.count}</div><div class="label">${esc(s.status)}</div>` +
        `<div class="meaning">${esc(STATUS_MEANINGS[s.status])}</div></div>`
      );
    }),
    '</div>',
    contents([
      { ...SCOPE, children: [SCOPE_STACKS, SCOPE_PACKS] },
      { ...SUMMARY, children: [CHECK_PACKS, TEMPLATES] },
      ...(stages.length > 0 ? [{ ...STAGES, children: stages }] : []),
      ...summary.byFamily.map((f, i) => ({ id: anchors[i], title: f.family })),
      ...sections,
    ]),
    ...scopeSection(report),
    `<h2 id="${SUMMARY.id}">${esc(SUMMARY.title)}</h2>`,
    '<div class="family-bars">',
    ...summary.byFamily.map(
      (f, i) => `<a href="#${anchors[i]}">${statusBar(f, `${anchors[i]}-status`)}</a>`,
    ),
    '</div>',
    tableOf(familyTable(report)),
    `<h3 id="${CHECK_PACKS.id}">${esc(CHECK_PACKS.title)}</h3>`,
    tableOf(checkPackTable(report)),
    `<p class="muted">${inline(CHECK_PACKS_NOTE)}</p>`,
    `<h3 id="${TEMPLATES.id}">${esc(TEMPLATES.title)}</h3>`,
    tableOf(templateTable(report)),
    ...stagesSection(stages),
  ];
  summary.byFamily.forEach((family, i) => {
    const members = clausesOfFamily(report, family.family);
    body.push(`<h2 id="${anchors[i]}">${esc(family.family)}</h2>`);
    body.push(
      table(
        [
          'Clause',
          'Kind',
          'Status',
          'Implemented by',
          'Checked by (rule: result)',
          'Evidence and duties',
        ],
        members.map(clauseRow),
        {
          rowIds: members.map((c) => c.id),
          widths: ['20%', '7%', '8%', '18%', '24%', '23%'],
          print: 'stacked clauses',
        },
      ),
    );
  });
  for (const section of sections) {
    body.push(`<h2 id="${section.id}">${esc(section.title)}</h2>`);
    body.push(section.table ? tableOf(section.table) : `<p>${inline(section.empty)}</p>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(summary.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The scope: app, commit, synth, versions; where each stack deploys; every pack that ran. */
function scopeSection(report: EvidenceReport): string[] {
  return [
    `<h2 id="${SCOPE.id}">${SCOPE.title}</h2>`,
    tableOf(scopeTable(report)),
    `<h3 id="${SCOPE_STACKS.id}">${SCOPE_STACKS.title}</h3>`,
    tableOf(stackScopeTable(report)),
    `<h3 id="${SCOPE_PACKS.id}">${SCOPE_PACKS.title}</h3>`,
    tableOf(packScopeTable(report)),
    `<p class="muted">${inline(packScopeNote(report))}</p>`,
  ];
}

/** For an app of several stages: each workload stage, then the organization-level stacks. */
function stagesSection(stages: ReturnType<typeof stageParts>): string[] {
  if (stages.length === 0) return [];
  return [
    `<h2 id="${STAGES.id}">${esc(STAGES.title)}</h2>`,
    `<p class="muted">${inline(STAGES_NOTE)}</p>`,
    ...stages.flatMap((part) => [
      `<h3 id="${esc(part.id)}">${esc(part.title)}</h3>`,
      `<p>${inline(part.summary)}</p>`,
      tableOf(part.stacks),
      ...(part.fromOrganization ? [`<p>${inline(part.fromOrganization)}</p>`] : []),
      tableOf(part.statuses),
      tableOf(part.clauses),
    ]),
  ];
}

/** An entry of the table of contents: a section's anchor and heading, and its subsections. */
interface ContentsEntry {
  readonly id: string;
  readonly title: string;
  readonly children?: readonly ContentsEntry[];
}

function contents(entries: readonly ContentsEntry[]): string {
  const list = (items: readonly ContentsEntry[]): string =>
    '<ol>' +
    items
      .map(
        (e) =>
          `<li><a href="#${esc(e.id)}">${esc(e.title)}</a>` +
          `${e.children ? list(e.children) : ''}</li>`,
      )
      .join('') +
    '</ol>';
  return (
    `<nav class="toc" aria-labelledby="${CONTENTS.id}">` +
    `<h2 id="${CONTENTS.id}">${esc(CONTENTS.title)}</h2>${list(entries)}</nav>`
  );
}

/** The picture of one family's clauses per status, as inline SVG with its counts in words. */
function statusBar(family: FamilyCount, id: string): string {
  const bar = familyStatusBar(family);
  const { top, height } = bar.bar;
  const width = STATUS_BAR_WIDTH;
  const text = (x: number, y: number, size: number, attributes: string, content: string) =>
    `<text x="${x}" y="${y}" font-size="${size}" ${attributes}>${esc(content)}</text>`;
  const segments = bar.segments.map((s) => {
    const colour = STATUS_COLOURS[s.status];
    const rect =
      `<rect data-status="${esc(s.status)}" data-count="${s.count}" x="${s.x}" y="${top}" ` +
      `width="${s.width}" height="${height}" fill="${colour.background}"/>`;
    if (!s.label) return rect;
    return (
      rect +
      text(
        s.centre,
        top + height / 2,
        STATUS_BAR_FONT.count,
        `font-weight="700" text-anchor="middle" dominant-baseline="central" fill="${colour.text}"`,
        s.label,
      )
    );
  });
  const legend = bar.legend.map(
    (l) =>
      `<rect x="${l.x}" y="${l.y - bar.swatch + 1}" width="${bar.swatch}" height="${bar.swatch}" ` +
      `fill="${STATUS_COLOURS[l.status].background}"/>` +
      text(l.textX, l.y, STATUS_BAR_FONT.legend, 'fill="#1b1d21"', l.text),
  );
  const empty =
    bar.segments.length === 0
      ? `<rect x="0.5" y="${top + 0.5}" width="${width - 1}" height="${height - 1}" ` +
        'fill="none" stroke="#d5d9e0"/>'
      : '';
  return [
    `<svg role="img" aria-labelledby="${id}" width="${width}" height="${bar.height}" ` +
      `viewBox="0 0 ${width} ${bar.height}" font-family="system-ui, sans-serif">`,
    `<title id="${id}">${esc(bar.description)}</title>`,
    text(
      0,
      bar.headingBaseline,
      STATUS_BAR_FONT.heading,
      'font-weight="700" fill="#1b1d21"',
      bar.name,
    ),
    text(
      width,
      bar.headingBaseline,
      STATUS_BAR_FONT.heading,
      'text-anchor="end" fill="#4a4f57"',
      bar.total,
    ),
    empty,
    ...segments,
    ...legend,
    '</svg>',
  ].join('');
}

function clauseRow(clause: ClauseEvidence): string[] {
  const open = openOnSupported(clause);
  const warnings = open > 0 ? ` <span class="warn">${open} open</span>` : '';
  const byStage = stageStatusNote(clause);
  const notes = [
    `<span class="reason">${esc(clause.statusReason)}</span>`,
    ...(byStage ? [inline(byStage)] : []),
    ...evidenceNotes(clause).map(inline),
    ...clause.mapsTo.map(
      (m) => `Maps to <a href="#${m.id}">${m.id}</a>: ${badge(m.status, m.status)}`,
    ),
    ...clause.mechanisms.map((m) => `Mechanism: ${esc(m)}`),
    ...clause.findings.map((f) => `Open ${esc(f.severity)}: ${code(f.rule)} on ${code(f.path)}`),
    ...clause.acknowledgements.map(
      (a) => `Acknowledged ${code(a.rule)} on ${code(a.path)}: ${esc(a.reason)}`,
    ),
    ...clause.optOuts.map(
      (o) => `Opt-out ${code(o.setting)} on ${code(o.path)}: ${esc(reasonText(o))}`,
    ),
    ...clause.notApplicable.map(
      (d) => `Not applicable on ${code(d.path)}, declared by ${esc(d.construct)}: ${esc(d.reason)}`,
    ),
    ...(clause.operatorDuty
      ? [`<span class="duty"><strong>Operator:</strong> ${esc(clause.operatorDuty)}</span>`]
      : []),
  ];
  return [
    `<span class="clause-id">${esc(clause.id)}</span><br>${esc(clause.requirement)}`,
    esc(clause.kind),
    badge(clause.status, clause.status) + warnings,
    clause.resources.map(resourceLabel).join('<br>') || '<span class="muted">none</span>',
    clause.rules.map(ruleLabel).join('') || '<span class="muted">none</span>',
    `<ul class="notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul>`,
  ];
}

function resourceLabel(r: ReportResource): string {
  return `${code(r.logicalId)} <span class="muted">${esc(r.type)}</span><br>${code(r.path)}`;
}

function ruleLabel(r: RuleResult): string {
  const status =
    r.outcome === RuleOutcome.FAIL
      ? ClauseStatus.VIOLATED
      : r.outcome === RuleOutcome.NOT_RUN
        ? ClauseStatus.UNVERIFIED
        : r.outcome === RuleOutcome.ACKNOWLEDGED
          ? ClauseStatus.ACKNOWLEDGED
          : ClauseStatus.MET;
  const level = r.level === 'error' ? '' : ` <span class="muted">${esc(r.level)}</span>`;
  return `<span class="rule">${code(r.rule)}${level} ${badge(status, r.outcome)}</span>`;
}

function clauseLinks(ids: readonly string[]): string {
  return ids.map((id) => `<a href="#${esc(id)}">${esc(id)}</a>`).join(', ') || 'none';
}

function badge(status: ClauseStatus, text: string): string {
  const colour = STATUS_COLOURS[status];
  return `<span class="badge" style="background:${colour.background};color:${colour.text}">${esc(text)}</span>`;
}

/** A cell as HTML. */
function inline(cell: Cell): string {
  if ('text' in cell) return breakable(cell.text);
  if ('code' in cell) return code(cell.code);
  if ('nowrap' in cell) return esc(cell.nowrap).replace(/ /g, '&nbsp;');
  if ('count' in cell) return count(cell.count, cell.status);
  if ('clauses' in cell) return clauseLinks(cell.clauses);
  if ('resource' in cell) {
    return `${code(cell.resource)}<br><span class="muted">${esc(cell.type)} in ${esc(cell.stack)}</span>`;
  }
  if ('list' in cell) return cell.list.map(inline).join('<br>') || inline(cell.empty);
  if ('flag' in cell) return badge(cell.status, cell.flag);
  if ('badge' in cell) return badge(cell.badge, cell.badge);
  return cell.parts.map(inline).join('');
}

function tableOf(t: Table): string {
  return table(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.map(inline)),
    {
      numeric: t.columns.flatMap((c, i) => (c.numeric ? [i] : [])),
      print:
        t.columns.filter((c) => !c.numeric).length > MAX_PRINTED_TEXT_COLUMNS
          ? 'stacked'
          : undefined,
    },
  );
}

interface TableLayout {
  /** An anchor ID per row. */
  readonly rowIds?: string[];
  /** Indexes of the columns holding numbers, aligned right. */
  readonly numeric?: number[];
  /** CSS widths of the columns. */
  readonly widths?: string[];
  /**
   * How the table prints: `stacked` for one block per row, each cell under its header (the
   * first across the block, the others three abreast); `stacked clauses` for the clause tables.
   * @default - as on screen
   */
  readonly print?: 'stacked' | 'stacked clauses';
}

function table(header: string[], rows: string[][], layout: TableLayout = {}): string {
  const numeric = new Set(layout.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  const colgroup = layout.widths
    ? `<colgroup>${layout.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>\n`
    : '';
  const head = header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const label = (i: number) => (layout.print ? ` data-label="${esc(header[i])}"` : '');
  const bodyRows = rows
    .map((r, i) => {
      const id = layout.rowIds ? ` id="${esc(layout.rowIds[i])}"` : '';
      return `<tr${id}>${r.map((c, j) => `<td${cls(j)}${label(j)}>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table${layout.print ? ` class="${layout.print}"` : ''}>\n${colgroup}<thead><tr>${head}</tr></thead>\n<tbody>\n${bodyRows}\n</tbody>\n</table>`;
}

/** A count; a badge in the status colour when there is something to count. */
function count(n: number, status?: ClauseStatus): string {
  return n > 0 && status
    ? badge(status, String(n))
    : `<span${n > 0 ? '' : ' class="muted"'}>${n}</span>`;
}

/** A name shown verbatim; a path or an ARN may break after each `/` and `:`. */
function code(text: string): string {
  return `<code>${breakable(text, /(?<=[/:])/)}</code>`;
}

/**
 * Escaped text whose long words may break at least every `MAX_UNBROKEN` characters, and after
 * each match of `separator`, so that no word sets a table column wider than the printed page.
 */
function breakable(text: string, separator?: RegExp): string {
  const chunk = new RegExp(`.{1,${MAX_UNBROKEN}}`, 'gs');
  return text
    .split(/(\s+)/)
    .map((word) =>
      (separator ? word.split(separator) : [word])
        .flatMap((part) => part.match(chunk) ?? [])
        .map(esc)
        .join('<wbr>'),
    )
    .join('');
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
