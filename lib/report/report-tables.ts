import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  InventoryEntry,
  isSupportedStatus,
  ProcessingActivity,
  ReportAcknowledgement,
  StageRole,
  StageSection,
} from './evidence-report';
import { compare } from './order';

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
  /** A clause status, which a page can show in its colour. */
  | { readonly badge: ClauseStatus }
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

/** What the report covers: the app, its stages, the commit, the synth and its versions. */
export function scopeTable(report: EvidenceReport): Table {
  const { scope } = report.summary;
  const rows: Cell[][] = [
    [text('App'), text(scope.app)],
    [text('Stages'), { list: scope.stages.map(text), empty: text('not recorded') }],
    [text('Git commit'), scope.gitCommit ? code(scope.git) : text(scope.git)],
    [
      text('Synthesized'),
      scope.synthesizedAt
        ? { parts: [text(`${scope.synthesizedAt}, attempt `), code(scope.attempt ?? '')] }
        : text('not recorded'),
    ],
    [text('aws-cdk-lib'), text(scope.versions.awsCdkLib)],
    [text('cdk-nag'), text(scope.versions.cdkNag)],
    [text('cdk-dpp'), text(scope.versions.cdkDpp)],
    [text('Recorded in'), text(scope.source)],
  ];
  if (scope.staleness) {
    rows.push([text('Stale'), text(scope.staleness)]);
  }
  return { columns: columns('Scope', 'Value'), rows };
}

/** Where each stack deploys, as far as the synth knew. */
export function stackScopeTable(report: EvidenceReport): Table {
  return {
    columns: columns('Stack', 'Stage', 'Account', 'Region'),
    rows: report.summary.scope.stacks.map((s) => [
      text(s.stack),
      text(s.stage),
      text(s.account),
      text(s.region),
    ]),
  };
}

/** Every check pack that ran (and the DPP pack when it did not): where, on what, with what result. */
export function packScopeTable(report: EvidenceReport): Table {
  return {
    columns: [
      { header: 'Pack' },
      { header: 'Registered on' },
      { header: 'Stacks checked' },
      { header: 'Conclusion' },
      { header: 'Open findings', numeric: true },
    ],
    rows: report.summary.scope.packs.map((p) => [
      text(p.name),
      { list: p.registeredOn.map(text), empty: text('no stage') },
      { list: p.stacks.map(text), empty: text('none') },
      p.registeredOn.length === 0 && p.stacks.length === 0
        ? { flag: p.conclusion, status: ClauseStatus.UNVERIFIED }
        : text(p.conclusion),
      { count: p.openFindings },
    ]),
  };
}

/** What a pack missing from the pack table means, which depends on the synth record. */
/** The name of the inventory's group of resources without a `dpp:owner` tag. */
export const NO_OWNER = 'no owner';

/** An owner as the inventory shows it: flagged when the resource has none. */
function dataOwnerCell(owner: string | undefined): Cell {
  return owner === undefined
    ? { flag: `${NO_OWNER}: no dpp:owner tag`, status: ClauseStatus.UNVERIFIED }
    : text(owner);
}

/**
 * One row per group of the data inventory, in its order: the owner, how many resources it
 * answers for and their data classes.
 */
function ownerRows(report: EvidenceReport): Cell[][] {
  const groups = new Map<string | undefined, InventoryEntry[]>();
  for (const entry of report.dataInventory) {
    groups.set(entry.owner, [...(groups.get(entry.owner) ?? []), entry]);
  }
  return [...groups].map(([owner, entries]) => [
    dataOwnerCell(owner),
    text(String(entries.length)),
    text([...new Set(entries.map((e) => e.dataClass))].sort(compare).join(', ')),
  ]);
}

export function packScopeNote(report: EvidenceReport): Cell {
  return text(
    report.summary.scope.attempt === undefined
      ? 'Without a synth record only the packs with findings are known: a pack not listed may ' +
          'have passed or never run.'
      : 'A pack not listed was registered on no stage: it did not run.',
  );
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
    ...acknowledgementSections(report),
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
      'data-owners',
      'Data owners (DPP-DG-2)',
      ['Owner', 'Resources', 'Data classes'],
      ownerRows(report),
      text('No resource in this app carries the dpp:data-class tag, so none has an owner to list.'),
    ),
    section(
      'data-inventory',
      'Data inventory (DPP-DG-2)',
      ['Owner', 'Resource', 'Type', 'Stack', 'Data class', 'In the record of processing'],
      report.dataInventory.map((i) => [
        dataOwnerCell(i.owner),
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

/**
 * An anchor per family, in the order given: `family-` and the name in lower case with dashes,
 * e.g. `family-network-protection`, made unique with `-2`, `-3`... when two names give the same.
 */
export function familyAnchors(families: readonly string[]): string[] {
  return anchorsOf('family', families);
}

/** An anchor per name, `<prefix>-` and the name in lower case with dashes, made unique. */
function anchorsOf(prefix: string, names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const base = `${prefix}-${slug || 'unnamed'}`;
    let anchor = base;
    for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
    taken.add(anchor);
    return anchor;
  });
}

/**
 * The acknowledgements, three ways: counted by pack and owner; the operator's, each with its
 * owner, expiry and ticket, an ungoverned one (no owner, no expiry) flagged; and the ones
 * cdk-dpp constructs make themselves, with the construct. Rows go by pack, owner, rule, path.
 * Nothing depends on the time the report is generated: an acknowledgement past its date is an
 * open `DPP-AcknowledgementExpired` finding of the synth.
 */
export function acknowledgementSections(report: EvidenceReport): ListSection[] {
  const byGroup = (a: ReportAcknowledgement, b: ReportAcknowledgement) =>
    compare(a.pack, b.pack) ||
    Number(a.builtIn) - Number(b.builtIn) ||
    compare(a.owner ?? '', b.owner ?? '') ||
    compare(a.rule, b.rule) ||
    compare(a.path, b.path);
  const sorted = [...report.acknowledgements].sort(byGroup);
  const operator = sorted.filter((a) => !a.builtIn);
  const builtIn = sorted.filter((a) => a.builtIn);
  const groups = new Map<string, { first: ReportAcknowledgement; count: number }>();
  for (const a of sorted) {
    const key = `${a.pack}\u0000${a.builtIn}\u0000${a.owner ?? ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: a, count: 1 });
  }
  const table = (headers: string[], rows: Cell[][]): Table | undefined =>
    rows.length === 0 ? undefined : { columns: columns(...headers), rows };
  return [
    {
      id: 'acknowledgements',
      title: 'Acknowledgements by pack and owner',
      table: table(
        ['Pack', 'Owner', 'Acknowledgements'],
        [...groups.values()].map(({ first, count }) => [
          text(first.pack),
          ownerCell(first),
          { count },
        ]),
      ),
      empty: text('None.'),
    },
    {
      id: 'operator-acknowledgements',
      title: 'Acknowledgements by the operator',
      table: table(
        ['Pack', 'Owner', 'Expires', 'Ticket', 'Rule', 'On', 'Clauses', 'Reason'],
        operator.map((a) => [
          text(a.pack),
          ownerCell(a),
          a.expires === undefined
            ? { flag: 'no expiry', status: ClauseStatus.UNVERIFIED }
            : { nowrap: a.expires },
          a.ticket === undefined ? text('none') : code(a.ticket),
          code(a.rule),
          code(a.path),
          { clauses: a.clauses },
          text(a.reason),
        ]),
      ),
      empty: text('None: every acknowledgement in the app is built into cdk-dpp.'),
    },
    {
      id: 'built-in-acknowledgements',
      title: 'Acknowledgements built into cdk-dpp',
      table: table(
        ['Pack', 'Construct', 'Rule', 'On', 'Clauses', 'Reason'],
        builtIn.map((a) => [
          text(a.pack),
          text(a.construct ?? 'unknown'),
          code(a.rule),
          code(a.path),
          { clauses: a.clauses },
          text(a.reason),
        ]),
      ),
      empty: text('None.'),
    },
  ];
}

/** Who answers for an acknowledgement: the library, its owner, or a flag that nobody does. */
function ownerCell(a: ReportAcknowledgement): Cell {
  if (a.builtIn) return text('cdk-dpp (built in)');
  if (a.owner !== undefined) return text(a.owner);
  return {
    flag: a.expires === undefined ? 'ungoverned: no owner, no expiry' : 'no owner',
    status: ClauseStatus.UNVERIFIED,
  };
}

/** The clauses of one family, in catalog order. */
export function clausesOfFamily(report: EvidenceReport, family: string): ClauseEvidence[] {
  return report.clauses.filter((c) => c.family === family);
}

/** How many open findings a supported clause shows beside its status (open warnings). */
export function openOnSupported(clause: ClauseEvidence): number {
  return isSupportedStatus(clause.status) ? clause.findings.length : 0;
}

/** How many resources or types an evidence note names before it says how many more. */
const NAMED_IN_NOTE = 8;

/**
 * The evidence behind a clause's status, as notes for its row: the resources judged (met,
 * acknowledged), the resources nobody judged (unverified), or the types that would bring it into
 * scope (not applicable). The JSON report lists them all.
 */
export function evidenceNotes(clause: ClauseEvidence): Cell[] {
  const named = (label: string, items: readonly string[]): Cell => ({
    parts: [
      { text: `${label}: ` },
      { list: items.slice(0, NAMED_IN_NOTE).map((code) => ({ code })), empty: { text: 'none' } },
      ...(items.length > NAMED_IN_NOTE
        ? [{ text: ` and ${items.length - NAMED_IN_NOTE} more (in the JSON report)` }]
        : []),
    ],
  });
  const notes: Cell[] = [];
  const judged = [...new Set(clause.judged.map((j) => j.path))];
  if (judged.length > 0) notes.push(named('Judged', judged));
  if (clause.unjudged.length > 0) {
    notes.push(named('Not judged', [...new Set(clause.unjudged.map((r) => r.path))]));
  }
  if (clause.status === ClauseStatus.NOT_APPLICABLE && clause.scopeTypes.length > 0) {
    notes.push(named('In scope with', clause.scopeTypes));
  }
  return notes;
}

/** The heading and anchor of the sections of an app of several stages. */
export const STAGES = { id: 'stages', title: 'Stages' };

/** How the report of an app of several stages is made, for the top of its stages section. */
export const STAGES_NOTE: Cell = {
  parts: [
    text(
      'Each workload stage is evaluated alone, by the same rules as a one-stage app. The stacks ' +
        'outside every workload stage (the app’s own stacks, and those that hold ' +
        'organization-level controls: AWS Organizations resources, an organization trail, an ' +
        'organization analyzer, delegated administration, or the ',
    ),
    code('cdk-dpp:organization-level'),
    text(
      ' mark) form the organization section; the mechanisms they hold count for every workload ' +
        'stage. A clause’s status is the worst of its statuses in the stages; the organization ' +
        'section counts too, except for a supported clause that is not violated there.',
    ),
  ],
};

/** One section of an app of several stages, as the human-readable formats show it. */
export interface StagePart {
  /** An anchor for the section. */
  readonly id: string;
  /** The heading. */
  readonly title: string;
  /** Where it deploys and what it holds, in a sentence. */
  readonly summary: Cell;
  /** Its stacks. */
  readonly stacks: Table;
  /** For a workload stage: the mechanisms the organization-level stacks provide it. */
  readonly fromOrganization?: Cell;
  /** Its clauses per status, the statuses it has. */
  readonly statuses: Table;
  /** Every clause with its status in the section and why. */
  readonly clauses: Table;
}

/** The sections of an app of several stages; none for an app of one. */
export function stageParts(report: EvidenceReport): StagePart[] {
  const stages = report.stages ?? [];
  const anchors = anchorsOf(
    'stage',
    stages.map((s) => s.name),
  );
  return stages.map((stage, i) => ({
    id: anchors[i],
    title: stageTitle(stage),
    summary: text(
      `Deploys to ${stage.environments.map((e) => `${e.account} ${e.region}`).join(', ')}. ` +
        `${stage.resources} resources in ${plural(stage.stacks.length, 'stack')}; ` +
        `${plural(stage.openFindings, 'open finding')}; ` +
        `${plural(stage.acknowledgements, 'acknowledgement')}; ${plural(stage.optOuts, 'opt-out')}.`,
    ),
    stacks: {
      columns: [
        { header: 'Stack' },
        { header: 'Stage' },
        { header: 'Account' },
        { header: 'Region' },
        { header: 'Resources', numeric: true },
        { header: 'Checked by' },
        ...(stage.role === StageRole.ORGANIZATION ? [{ header: 'Why organization-level' }] : []),
      ],
      rows: stage.stacks.map((s) => [
        text(s.stack),
        text(s.stage),
        text(s.account),
        text(s.region),
        { count: s.resources },
        {
          list: s.checkedBy.map(text),
          empty: { flag: 'no record of a check pack', status: ClauseStatus.UNVERIFIED },
        },
        ...(stage.role === StageRole.ORGANIZATION ? [text(s.organizationLevel ?? '')] : []),
      ]),
    },
    ...(stage.fromOrganization.length > 0 && {
      fromOrganization: {
        parts: [
          text('Provided by the organization-level stacks: '),
          text(stage.fromOrganization.join('; ')),
          text('.'),
        ],
      },
    }),
    statuses: {
      columns: [{ header: 'Status' }, { header: 'Clauses', numeric: true }],
      rows: stage.byStatus
        .filter((s) => s.count > 0)
        .map((s) => [{ badge: s.status }, { count: s.count }]),
    },
    clauses: {
      columns: columns('Clause', 'Status', 'Why'),
      rows: stage.clauses.map((c) => [code(c.id), { badge: c.status }, text(c.statusReason)]),
    },
  }));
}

/** The heading of a section of an app of several stages. */
function stageTitle(stage: StageSection): string {
  return stage.role === StageRole.ORGANIZATION
    ? 'Organization-level stacks'
    : `Stage ${stage.name}`;
}

/** A clause's status in each section of an app of several stages; undefined for an app of one. */
export function stageStatusNote(clause: ClauseEvidence): Cell | undefined {
  if (clause.stages === undefined) return undefined;
  return {
    parts: [
      text('By stage: '),
      ...clause.stages.flatMap((s, i): Cell[] => [
        text(`${i > 0 ? '; ' : ''}${s.stage} `),
        { badge: s.status },
        ...(s.counted ? [] : [text(' (not counted)')]),
      ]),
      text('.'),
    ],
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
