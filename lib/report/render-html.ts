import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  ReportResource,
  RuleOutcome,
  RuleResult,
} from './evidence-report';
import {
  Cell,
  CHECK_PACKS_NOTE,
  checkPackTable,
  clausesOfFamily,
  familyTable,
  listSections,
  openOnSupported,
  reasonText,
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
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 8px; }
.card { min-width: 150px; flex: 1 1 150px; padding: 10px 14px; border-radius: 8px; color: #fff; }
.card .count { font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label { font-weight: 600; text-transform: capitalize; }
.card .meaning { font-size: 12px; opacity: 0.95; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 12px; }
th, td { border: 1px solid #d5d9e0; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eceff3; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef0f3; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.clause-id { font-weight: 700; white-space: nowrap; }
.rule { display: block; margin: 2px 0; }
.rule code { overflow-wrap: normal; }
.reason { color: #4a4f57; }
ul.notes { margin: 0; padding-left: 16px; }
ul.notes li { margin: 2px 0; }
.duty { color: #1b1d21; }
.warn { color: #8a5a00; font-weight: 600; }
.muted { color: #6b7079; }
`;

/** Renders the report as one self-contained HTML page: inline style, no script, no external asset. */
export function renderHtml(report: EvidenceReport): string {
  const { summary } = report;
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
    '<h2>Summary by family</h2>',
    tableOf(familyTable(report)),
    '<h3>Check packs</h3>',
    tableOf(checkPackTable(report)),
    `<p class="muted">${inline(CHECK_PACKS_NOTE)}</p>`,
    '<h3>Templates</h3>',
    tableOf(templateTable(report)),
  ];
  for (const family of summary.byFamily) {
    const members = clausesOfFamily(report, family.family);
    body.push(`<h2>${esc(family.family)}</h2>`);
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
        { rowIds: members.map((c) => c.id), widths: ['20%', '7%', '8%', '18%', '24%', '23%'] },
      ),
    );
  }
  for (const section of listSections(report)) {
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

function clauseRow(clause: ClauseEvidence): string[] {
  const open = openOnSupported(clause);
  const warnings = open > 0 ? ` <span class="warn">${open} open</span>` : '';
  const notes = [
    `<span class="reason">${esc(clause.statusReason)}</span>`,
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
  if ('text' in cell) return esc(cell.text);
  if ('code' in cell) return code(cell.code);
  if ('nowrap' in cell) return esc(cell.nowrap).replace(/ /g, '&nbsp;');
  if ('count' in cell) return count(cell.count, cell.status);
  if ('clauses' in cell) return clauseLinks(cell.clauses);
  if ('resource' in cell) {
    return `${code(cell.resource)}<br><span class="muted">${esc(cell.type)} in ${esc(cell.stack)}</span>`;
  }
  if ('list' in cell) return cell.list.map(inline).join('<br>') || inline(cell.empty);
  if ('flag' in cell) return badge(cell.status, cell.flag);
  return cell.parts.map(inline).join('');
}

function tableOf(t: Table): string {
  return table(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.map(inline)),
    { numeric: t.columns.flatMap((c, i) => (c.numeric ? [i] : [])) },
  );
}

interface TableLayout {
  /** An anchor ID per row. */
  readonly rowIds?: string[];
  /** Indexes of the columns holding numbers, aligned right. */
  readonly numeric?: number[];
  /** CSS widths of the columns. */
  readonly widths?: string[];
}

function table(header: string[], rows: string[][], layout: TableLayout = {}): string {
  const numeric = new Set(layout.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  const colgroup = layout.widths
    ? `<colgroup>${layout.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>\n`
    : '';
  const head = header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const bodyRows = rows
    .map((r, i) => {
      const id = layout.rowIds ? ` id="${esc(layout.rowIds[i])}"` : '';
      return `<tr${id}>${r.map((c, j) => `<td${cls(j)}>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n${colgroup}<thead><tr>${head}</tr></thead>\n<tbody>\n${bodyRows}\n</tbody>\n</table>`;
}

/** A count; a badge in the status colour when there is something to count. */
function count(n: number, status?: ClauseStatus): string {
  return n > 0 && status
    ? badge(status, String(n))
    : `<span${n > 0 ? '' : ' class="muted"'}>${n}</span>`;
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
