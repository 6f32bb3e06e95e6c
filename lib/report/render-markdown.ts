import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  ReportResource,
  RuleResult,
} from './evidence-report';
import {
  Cell,
  CHECK_PACKS_NOTE,
  checkPackTable,
  clausesOfFamily,
  evidenceNotes,
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

/** Renders the report as Markdown, for a pull request or a wiki. */
export function renderMarkdown(report: EvidenceReport): string {
  const { summary } = report;
  const lines: string[] = [
    `# ${summary.title}`,
    '',
    `Generated ${summary.generatedAt} by ${summary.toolName} ${summary.toolVersion} from a cloud ` +
      `assembly synthesized with aws-cdk-lib ${summary.cdkVersion} (cloud assembly schema ` +
      `${summary.cloudAssemblyVersion}).`,
    '',
    ...scopeSection(report),
    '## Summary',
    '',
    table(
      ['Status', 'Clauses', 'Meaning'],
      summary.byStatus.map((s) => [
        statusLabel(s.status),
        String(s.count),
        STATUS_MEANINGS[s.status],
      ]),
    ),
    '',
    `${summary.clauses} clauses; ${summary.openFindings} open findings` +
      ` (${summary.openWarningsOnSupported} of them warnings on supported clauses);` +
      ` ${summary.acknowledgements} acknowledgements; ${summary.optOuts} opt-outs.`,
    '',
    tableOf(familyTable(report)),
    '',
    '### Check packs',
    '',
    tableOf(checkPackTable(report)),
    '',
    inline(CHECK_PACKS_NOTE),
    '',
    '### Templates',
    '',
    tableOf(templateTable(report)),
    '',
    ...stagesSection(report),
    '## Clauses',
  ];
  for (const family of summary.byFamily) {
    lines.push('', `### ${family.family}`, '');
    lines.push(
      table(
        ['Clause', 'Kind', 'Status', 'Implemented by', 'Checked by', 'Notes'],
        clausesOfFamily(report, family.family).map(clauseRow),
      ),
    );
  }
  for (const section of listSections(report)) {
    lines.push('', `## ${section.title}`, '');
    lines.push(section.table ? tableOf(section.table) : inline(section.empty));
  }
  return lines.join('\n') + '\n';
}

/** The scope: app, commit, synth, versions; where each stack deploys; every pack that ran. */
function scopeSection(report: EvidenceReport): string[] {
  return [
    '## Scope',
    '',
    tableOf(scopeTable(report)),
    '',
    '### Stacks',
    '',
    tableOf(stackScopeTable(report)),
    '',
    '### Check packs that ran',
    '',
    tableOf(packScopeTable(report)),
    '',
    inline(packScopeNote(report)),
    '',
  ];
}

/** For an app of several stages: each workload stage, then the organization-level stacks. */
function stagesSection(report: EvidenceReport): string[] {
  const parts = stageParts(report);
  if (parts.length === 0) return [];
  return [
    `## ${STAGES.title}`,
    '',
    inline(STAGES_NOTE),
    '',
    ...parts.flatMap((part) => [
      `### ${part.title}`,
      '',
      inline(part.summary),
      '',
      tableOf(part.stacks),
      '',
      ...(part.fromOrganization ? [inline(part.fromOrganization), ''] : []),
      tableOf(part.statuses),
      '',
      tableOf(part.clauses),
      '',
    ]),
  ];
}

function clauseRow(clause: ClauseEvidence): string[] {
  const byStage = stageStatusNote(clause);
  const notes = [
    clause.statusReason,
    byStage ? inline(byStage) : '',
    ...evidenceNotes(clause).map(inline),
    ...clause.mapsTo.map((m) => `Maps to ${m.id}: ${m.status}.`),
    ...clause.mechanisms.map((m) => `Mechanism: ${m}.`),
    ...clause.findings.map((f) => `Open: ${code(f.rule)} on ${code(f.path)}.`),
    ...clause.acknowledgements.map(
      (a) => `Acknowledged ${code(a.rule)} on ${code(a.path)}: ${a.reason}`,
    ),
    ...clause.optOuts.map((o) => `Opt-out ${code(o.setting)} on ${code(o.path)}: ${reasonText(o)}`),
    ...clause.notApplicable.map(
      (d) => `Not applicable on ${code(d.path)}, declared by ${d.construct}: ${d.reason}`,
    ),
    clause.operatorDuty ? `Operator: ${clause.operatorDuty}` : '',
  ].filter(Boolean);
  return [
    `**${clause.id}** ${clause.requirement}`,
    clause.kind,
    statusLabel(clause.status) +
      (openOnSupported(clause) > 0 ? ` (${openOnSupported(clause)} open)` : ''),
    clause.resources.map(resourceLabel).join('<br>') || 'none',
    clause.rules.map(ruleLabel).join('<br>') || 'none',
    notes.join('<br>'),
  ];
}

function resourceLabel(r: ReportResource): string {
  return `${code(r.logicalId)} ${r.type} ${code(r.path)} in ${r.stack}`;
}

function ruleLabel(r: RuleResult): string {
  return `${code(r.rule)} (${r.level}): ${r.outcome}`;
}

function statusLabel(status: ClauseStatus): string {
  return `**${status}**`;
}

/** A cell as Markdown; `table` escapes it. */
function inline(cell: Cell): string {
  if ('text' in cell) return cell.text;
  if ('code' in cell) return code(cell.code);
  if ('nowrap' in cell) return cell.nowrap;
  if ('count' in cell) return String(cell.count);
  if ('clauses' in cell) return cell.clauses.join(', ');
  if ('resource' in cell) return `${code(cell.resource)} (${cell.type})`;
  if ('list' in cell) return cell.list.map(inline).join(', ') || inline(cell.empty);
  if ('flag' in cell) return cell.flag;
  if ('badge' in cell) return statusLabel(cell.badge);
  return cell.parts.map(inline).join('');
}

function tableOf(t: Table): string {
  return table(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.map(inline)),
  );
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A table cell: pipes escaped, line breaks folded. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
