import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  ReportResource,
  RuleResult,
} from './evidence-report';
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
    table(
      ['Family', 'Clauses', ...summary.byStatus.map((s) => s.status)],
      summary.byFamily.map((f) => [
        f.family,
        String(f.total),
        ...f.counts.map((c) => String(c.count)),
      ]),
    ),
    '',
    '### Check packs',
    '',
    table(
      ['Pack', 'Conclusion', 'Open findings'],
      summary.checkPacks.map((p) => [p.name, p.conclusion, String(p.openFindings)]),
    ),
    '',
    'CDK records a check pack in `validation-report.json` only when it has findings; the DPP ' +
      'pack also leaves a record on every stack it checks (below), so "no findings" means it ' +
      'checked them and found nothing, and "not registered" that no stack holds its record.',
    '',
    '### Templates',
    '',
    table(
      ['Stack', 'Template', 'Resources', 'SHA-256', 'Checked by'],
      summary.templates.map((t) => [
        t.stack,
        t.file,
        String(t.resources),
        code(t.sha256),
        t.checkedBy.join(', ') || 'no record of a check pack',
      ]),
    ),
    '',
    '## Clauses',
  ];
  for (const family of summary.byFamily) {
    lines.push('', `### ${family.family}`, '');
    lines.push(
      table(
        ['Clause', 'Kind', 'Status', 'Implemented by', 'Checked by', 'Notes'],
        report.clauses.filter((c) => c.family === family.family).map(clauseRow),
      ),
    );
  }
  lines.push('', '## Open findings', '');
  lines.push(
    report.findings.length === 0
      ? 'None.'
      : table(
          ['Pack', 'Rule', 'Severity', 'Resource', 'Clauses'],
          report.findings.map((f) => [
            f.plugin,
            code(f.rule),
            f.severity,
            code(f.path),
            f.clauses.join(', '),
          ]),
        ),
  );
  lines.push('', '## Acknowledgements', '');
  lines.push(
    report.acknowledgements.length === 0
      ? 'None.'
      : table(
          ['Rule', 'On', 'Clauses', 'Reason'],
          report.acknowledgements.map((a) => [
            code(a.rule),
            code(a.path),
            a.clauses.join(', '),
            a.reason,
          ]),
        ),
  );
  lines.push('', '## Opt-outs of safe defaults', '');
  lines.push(
    report.optOuts.length === 0
      ? 'None.'
      : table(
          ['Setting', 'Resource', 'Clauses', 'Reason'],
          report.optOuts.map((o) => [
            code(o.setting),
            code(o.path),
            o.clauses.join(', '),
            o.reason,
          ]),
        ),
  );
  lines.push('', '## Data inventory (DPP-DG-2)', '');
  lines.push(
    report.dataInventory.length === 0
      ? 'No resource in this app carries the `dpp:data-class` tag.'
      : table(
          ['Resource', 'Type', 'Stack', 'Data class', 'In the record of processing'],
          report.dataInventory.map((i) => [
            code(i.path),
            i.type,
            i.stack,
            i.dataClass,
            i.declared ? 'yes' : 'no',
          ]),
        ),
  );
  lines.push('', '## Record of processing activities (DPP-DG-3)', '');
  lines.push(
    report.processingActivities.length === 0
      ? 'No store in this app declares the data it holds.'
      : table(
          [
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
          ],
          report.processingActivities.map((p) => [
            `${code(p.store)} (${p.type})`,
            p.dataClass,
            p.piiFields.join(', ') || 'none',
            p.purpose,
            p.collection,
            p.sharing,
            p.retentionDays === undefined ? 'undeclared' : `${p.retentionDays} days`,
            p.disposal,
            p.erasure,
            p.readers.map(code).join(', ') || 'none',
          ]),
        ),
  );
  return lines.join('\n') + '\n';
}

function clauseRow(clause: ClauseEvidence): string[] {
  const notes = [
    clause.statusReason,
    ...clause.mapsTo.map((m) => `Maps to ${m.id}: ${m.status}.`),
    ...clause.mechanisms.map((m) => `Mechanism: ${m}.`),
    ...clause.findings.map((f) => `Open: ${code(f.rule)} on ${code(f.path)}.`),
    ...clause.acknowledgements.map(
      (a) => `Acknowledged ${code(a.rule)} on ${code(a.path)}: ${a.reason}`,
    ),
    ...clause.optOuts.map((o) => `Opt-out ${code(o.setting)} on ${code(o.path)}: ${o.reason}`),
    clause.operatorDuty ? `Operator: ${clause.operatorDuty}` : '',
  ].filter(Boolean);
  return [
    `**${clause.id}** ${clause.requirement}`,
    clause.kind,
    statusLabel(clause.status) +
      (clause.status === ClauseStatus.SUPPORTED && clause.findings.length > 0
        ? ` (${clause.findings.length} open)`
        : ''),
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
