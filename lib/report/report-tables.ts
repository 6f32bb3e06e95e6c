import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  isSupportedStatus,
  ProcessingActivity,
} from './evidence-report';

/**
 * What the tables of the human-readable formats show: their columns, their rows, in which order,
 * and what each cell holds. The Markdown and HTML renderers only decide how a cell looks.
 */

/** One piece of a cell or of a sentence. */
export type Cell =
  /** Plain text. */
  | { readonly text: string }
  /** A name to show verbatim: a rule, a path, a hash. */
  | { readonly code: string }
  /** Text that must not break across lines. */
  | { readonly nowrap: string }
  /** A number; `status` colours it where there is something to count. */
  | { readonly count: number; readonly status?: ClauseStatus }
  /** Catalog clause IDs, which a page can link to. */
  | { readonly clauses: readonly string[] }
  /** A resource: its construct path and, as a detail, its type and stack. */
  | { readonly resource: string; readonly type: string; readonly stack: string }
  /** Several values of one cell; `empty` stands in when there are none. */
  | { readonly list: readonly Cell[]; readonly empty: Cell }
  /** A warning about the evidence itself, e.g. a stack no pack recorded itself on. */
  | { readonly flag: string; readonly status: ClauseStatus }
  /** Pieces that read as one sentence. */
  | { readonly parts: readonly Cell[] };

/** A column of a table. */
export interface Column {
  /** The header. */
  readonly header: string;
  /** Whether the column holds numbers (aligned right where the format can). */
  readonly numeric?: boolean;
}

/** A table: its columns and its rows, one cell per column. */
export interface Table {
  /** The columns. */
  readonly columns: readonly Column[];
  /** The rows. */
  readonly rows: readonly (readonly Cell[])[];
}

/** A section of the report listing items: a heading, and a table or the text saying there are none. */
export interface ListSection {
  /** An anchor for the section. */
  readonly id: string;
  /** The heading. */
  readonly title: string;
  /** The items, or undefined when there are none. */
  readonly table?: Table;
  /** What the section says when there are no items. */
  readonly empty: Cell;
}

const text = (value: string): Cell => ({ text: value });
const code = (value: string): Cell => ({ code: value });
const columns = (...headers: string[]): Column[] => headers.map((header) => ({ header }));

/** How a value of the record of processing that cdk-dpp wrote, not the operator, begins. */
export const LIBRARY_DEFAULT = 'cdk-dpp default: ';

/** How a reason that cdk-dpp wrote, not the operator, begins. */
export const LIBRARY_REASON = 'written by cdk-dpp: ';

/** The data class of resources declared to hold no Amazon data. */
const NO_AMAZON_DATA = 'no-amazon-data';

/** A field of a record of processing: marked as the library's when the operator did not write it. */
function recorded(activity: ProcessingActivity, field: string, cell: Cell): Cell {
  return activity.defaults.includes(field) ? { parts: [text(LIBRARY_DEFAULT), cell] } : cell;
}

/** A reason as the report shows it: marked as the library's when cdk-dpp wrote it. */
export function reasonText(written: {
  readonly reason: string;
  readonly byLibrary?: boolean;
}): string {
  return written.byLibrary ? `${LIBRARY_REASON}${written.reason}` : written.reason;
}

/**
 * Every resource declared to hold no Amazon data, and why: the purpose its record of processing
 * gives, or a flag when only the tag declares it.
 */
function noAmazonDataRows(report: EvidenceReport): Cell[][] {
  return report.dataInventory
    .filter((i) => i.dataClass === NO_AMAZON_DATA)
    .map((i) => {
      const record = report.processingActivities.find(
        (p) => p.stack === i.stack && p.logicalId === i.logicalId,
      );
      return [
        code(i.path),
        text(i.type),
        text(i.stack),
        record
          ? text(
              reasonText({
                reason: record.purpose,
                byLibrary: record.defaults.includes('purpose'),
              }),
            )
          : {
              flag: 'no reason declared: only the dpp:data-class tag says so',
              status: ClauseStatus.UNVERIFIED,
            },
      ];
    });
}

/** Clauses per family and status. */
export function familyTable(report: EvidenceReport): Table {
  const { summary } = report;
  return {
    columns: [
      { header: 'Family' },
      { header: 'Clauses', numeric: true },
      ...summary.byStatus.map((s) => ({ header: s.status, numeric: true })),
    ],
    rows: summary.byFamily.map((f) => [
      text(f.family),
      { count: f.total },
      ...f.counts.map((c) => ({ count: c.count, status: c.status })),
    ]),
  };
}

/** What each check pack concluded. */
export function checkPackTable(report: EvidenceReport): Table {
  return {
    columns: [
      { header: 'Pack' },
      { header: 'Conclusion' },
      { header: 'Open findings', numeric: true },
    ],
    rows: report.summary.checkPacks.map((p) => [
      text(p.name),
      text(p.conclusion),
      { count: p.openFindings },
    ]),
  };
}

/** How to read the check packs table. */
export const CHECK_PACKS_NOTE: Cell = {
  parts: [
    text('CDK records a check pack in '),
    code('validation-report.json'),
    text(
      ' only when it has findings; the DPP pack also leaves a record on every stack it checks ' +
        '(below), so "no findings" means it checked them and found nothing, and "not ' +
        'registered" that no stack holds its record.',
    ),
  ],
};

/** Every template, its hash, and the packs that recorded themselves on its stack. */
export function templateTable(report: EvidenceReport): Table {
  return {
    columns: [
      { header: 'Stack' },
      { header: 'Template' },
      { header: 'Resources', numeric: true },
      { header: 'SHA-256' },
      { header: 'Checked by' },
    ],
    rows: report.summary.templates.map((t) => [
      text(t.stack),
      code(t.file),
      { count: t.resources },
      code(t.sha256),
      {
        list: t.checkedBy.map(text),
        empty: { flag: 'no record of a check pack', status: ClauseStatus.UNVERIFIED },
      },
    ]),
  };
}

/** The sections after the clauses: findings, acknowledgements, opt-outs, inventory, record. */
export function listSections(report: EvidenceReport): ListSection[] {
  const none = text('None.');
  const section = (
    id: string,
    title: string,
    headers: string[],
    rows: Cell[][],
    empty: Cell = none,
  ): ListSection => ({
    id,
    title,
    table: rows.length === 0 ? undefined : { columns: columns(...headers), rows },
    empty,
  });
  return [
    section(
      'open-findings',
      'Open findings',
      ['Pack', 'Rule', 'Severity', 'Resource', 'Clauses'],
      report.findings.map((f) => [
        text(f.plugin),
        code(f.rule),
        text(f.severity),
        code(f.path),
        { clauses: f.clauses },
      ]),
    ),
    section(
      'acknowledgements',
      'Acknowledgements',
      ['Rule', 'On', 'Clauses', 'Reason'],
      report.acknowledgements.map((a) => [
        code(a.rule),
        code(a.path),
        { clauses: a.clauses },
        text(a.reason),
      ]),
    ),
    section(
      'opt-outs',
      'Opt-outs of safe defaults',
      ['Setting', 'Resource', 'Clauses', 'Reason'],
      report.optOuts.map((o) => [
        code(o.setting),
        code(o.path),
        { clauses: o.clauses },
        text(reasonText(o)),
      ]),
    ),
    section(
      'data-inventory',
      'Data inventory (DPP-DG-2)',
      ['Resource', 'Type', 'Stack', 'Data class', 'In the record of processing'],
      report.dataInventory.map((i) => [
        code(i.path),
        text(i.type),
        text(i.stack),
        text(i.dataClass),
        text(i.declared ? 'yes' : 'no'),
      ]),
      {
        parts: [
          text('No resource in this app carries the '),
          code('dpp:data-class'),
          text(' tag.'),
        ],
      },
    ),
    section(
      'no-amazon-data',
      'Declared to hold no Amazon data',
      ['Resource', 'Type', 'Stack', 'Why'],
      noAmazonDataRows(report),
      text('No resource in this app is declared to hold no Amazon data.'),
    ),
    section(
      'processing-activities',
      'Record of processing activities (DPP-DG-3)',
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
        { resource: p.store, type: p.type, stack: p.stack },
        text(p.dataClass),
        recorded(p, 'piiFields', text(p.piiFields.join(', ') || 'none')),
        recorded(p, 'purpose', text(p.purpose)),
        recorded(p, 'collection', text(p.collection)),
        recorded(p, 'sharing', text(p.sharing)),
        p.retentionDays === undefined
          ? text('undeclared')
          : recorded(p, 'retentionDays', { nowrap: `${p.retentionDays} days` }),
        recorded(p, 'disposal', text(p.disposal)),
        recorded(p, 'erasure', text(p.erasure)),
        { list: p.readers.map(code), empty: text('none') },
      ]),
      text('No store in this app declares the data it holds.'),
    ),
  ];
}

/** The clauses of one family, in catalog order. */
export function clausesOfFamily(report: EvidenceReport, family: string): ClauseEvidence[] {
  return report.clauses.filter((c) => c.family === family);
}

/** How many open findings a supported clause shows beside its status (open warnings). */
export function openOnSupported(clause: ClauseEvidence): number {
  return isSupportedStatus(clause.status) ? clause.findings.length : 0;
}
