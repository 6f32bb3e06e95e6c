import { INDUSTRY_CHECKS_CLAUSE } from '../checks/acknowledgement-checks';
import { baseRule } from '../checks/base-rule';
import { ChecksRecord, packageVersion } from '../checks/checks-record';
import { DppChecks } from '../checks/dpp-checks';
import { DppRule, ruleName } from '../checks/dpp-rule';
import { JudgementOutcome } from '../checks/judgements';
import { DPP_RULES } from '../checks/rule-table';
import { Control, ControlKind, controlById, CONTROLS, isControlId } from '../controls';
import { findMechanisms } from '../controls/find-mechanisms';
import { Mechanism, MechanismEvidence } from '../controls/mechanism';
import { whyNotDeclarable } from './clause-not-applicable';
import { ClauseScope, clauseScope, PackEvidence, toReportResource } from './clause-scope';
import { AssemblyContents, AssemblyResource, AssemblyStack } from './cloud-assembly';
import {
  CLAUSE_STATUSES,
  CheckPackResult,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  FamilyCount,
  InventoryEntry,
  isSupportedStatus,
  MappedClause,
  ProcessingActivity,
  ReportAcknowledgement,
  ReportFinding,
  ReportNotApplicable,
  ReportOptOut,
  RuleOutcome,
  RuleResult,
  StageRole,
  StageSection,
  StageStack,
  StageStatus,
  StatusCount,
} from './evidence-report';
import { locateFinding } from './finding-location';
import { compare } from './order';
import { APP_STAGE, ENVIRONMENT_AGNOSTIC, reportScope } from './report-scope';
import {
  planStages,
  sectionContents,
  StagePlan,
  withOrganizationMechanisms,
} from './stage-sections';

/** The name the DPP pack reports its findings under in `validation-report.json`. */
const DPP_PACK = new DppChecks().name;

/** Options of the evidence report. */
export interface EvidenceReportOptions {
  /**
   * The time the report is generated, the only part of the report that changes between runs.
   * @default - now
   */
  readonly generatedAt?: Date;
}

/**
 * Builds the evidence report of a synthesized app from the contents of its cloud assembly and
 * the DPP pack's rule table.
 */
export function buildEvidenceReport(
  contents: AssemblyContents,
  options: EvidenceReportOptions = {},
): EvidenceReport {
  return evaluateAssembly(contents, DPP_RULES, options.generatedAt ?? new Date());
}

/**
 * Builds the report against a given rule table. The statuses follow these rules, for every
 * clause of the catalog:
 * - organizational clauses are `organizational`, whatever the app holds;
 * - an open finding of severity error on the clause, any open finding on an enforced clause, or
 *   a mapped clause (SOC 2 `mapsTo`) that is violated makes it `violated`;
 * - otherwise a supported clause is `provided` when the app holds every mechanism the clause
 *   needs (`SUPPORTED_CLAUSE_MECHANISMS`) or the operator states adopted the service of one
 *   (recorded with its reason, named as a statement in the status reason, never as evidence),
 *   `mechanism missing` otherwise (open warnings stay listed against it);
 * - otherwise an enforced clause is judged on its own evidence (its scope: the resources of the
 *   types its rules judge, see {@link clauseScope}) and on the enforced clauses it maps to, and
 *   takes the worst of them, in the order `unverified`, `acknowledged`, `met`, `not applicable`:
 *   - `unverified` when no rule checks it and it maps to no enforced clause, or when a resource it
 *     governs was not judged (a known-gap type, a stack without the pack's record, no recorded
 *     outcome);
 *   - `not applicable` when no resource it governs was judged in scope;
 *   - `acknowledged` when a judged resource's findings were acknowledged, a rule that checks it
 *     was acknowledged, or a safe default it depends on was opted out of;
 *   - `met` when at least one resource it governs was judged on a checked stack and passed.
 *
 * An assembly of several sections (`planStages`: workload stages, and the organization-level
 * stacks beside them) is evaluated section by section by these rules, and each clause takes the
 * worst of its statuses in the sections that count (see `acrossStages`); an assembly of one
 * section gives the report of the whole app, without `stages`.
 */
export function evaluateAssembly(
  contents: AssemblyContents,
  rules: readonly DppRule[],
  generatedAt: Date,
): EvidenceReport {
  const { report } = evaluateContents(contents, rules, generatedAt);
  const plans = planStages(contents);
  return plans ? acrossStages(report, plans, contents, rules, generatedAt) : report;
}

/** A report of some contents, and the mechanisms the organization-level stacks lent it. */
interface Evaluated {
  readonly report: EvidenceReport;
  /** `clause: mechanism`, for each mechanism a workload stage holds through the organization. */
  readonly lent: string[];
}

/**
 * The report of some contents, by the rules of `evaluateAssembly`; the mechanisms of
 * `organization`, when given, count for the contents as `withOrganizationMechanisms` says.
 */
function evaluateContents(
  contents: AssemblyContents,
  rules: readonly DppRule[],
  generatedAt: Date,
  organization?: ReadonlyMap<string, MechanismEvidence>,
): Evaluated {
  const rulesByName = new Map(rules.map((r) => [ruleName(r), r]));
  const rulesRunOn = new Map(
    contents.stacks.map((s) => [s.name, new Set(dppRecord(s.checks)?.rules ?? [])]),
  );
  const typesByStack = new Map<string, Set<string>>();
  for (const r of contents.resources) {
    typesByStack.set(r.stack, (typesByStack.get(r.stack) ?? new Set()).add(r.type));
  }
  const pack: PackEvidence = {
    rulesRunOn,
    judgements: contents.judgements
      ? new Map(contents.judgements.resources.map((r) => [r.path, r]))
      : undefined,
  };
  const clausesOfRule = (reported: string, description = ''): string[] => {
    const rule = rulesByName.get(baseRule(reported));
    if (rule) return [...rule.clauses];
    return reported.startsWith(`${DPP_PACK}-`) ? clauseIdsIn(description) : [];
  };

  const findings: ReportFinding[] = contents.findings.map((f) => ({
    plugin: f.plugin,
    rule: f.rule,
    severity: f.severity,
    description: f.description,
    path: f.path,
    clauses:
      f.plugin === DPP_PACK ? clausesOfRule(f.rule, f.description) : [INDUSTRY_CHECKS_CLAUSE],
    ...locateFinding(f.path, contents),
  }));
  const acknowledgements: ReportAcknowledgement[] = contents.acknowledgements.map((a) => {
    const rule = a.rule.replace(/^[\w.-]+::/, '');
    const isDpp = rule.startsWith(`${DPP_PACK}-`);
    return {
      rule,
      path: a.path,
      reason: a.reason,
      clauses: isDpp ? clausesOfRule(rule) : [INDUSTRY_CHECKS_CLAUSE],
      pack: packOf(a.rule),
      builtIn: a.builtIn === true,
      ...(a.construct === undefined ? {} : { construct: a.construct }),
      ...(a.owner === undefined ? {} : { owner: a.owner }),
      ...(a.expires === undefined ? {} : { expires: a.expires }),
      ...(a.ticket === undefined ? {} : { ticket: a.ticket }),
      governed: a.owner !== undefined && a.expires !== undefined,
    };
  });
  const optOuts: ReportOptOut[] = contents.resources.flatMap((r) =>
    r.optOuts.map((o) => ({
      setting: o.setting,
      reason: o.reason,
      path: r.path,
      construct: r.construct,
      clauses: [...o.clauses].sort(compare),
      ...(o.byLibrary && { byLibrary: true }),
    })),
  );

  const declared = contents.stacks
    .flatMap((s) => s.notApplicable ?? [])
    .filter((d) => whyNotDeclarable(d.clause, d.construct) === undefined);

  const lent: string[] = [];
  const lentByClause = new Map<string, ReadonlySet<Mechanism>>();
  const mechanisms = new Map(
    mechanismsIn(contents.resources).map((own) => {
      const merged = withOrganizationMechanisms(own, organization?.get(own.clause));
      lentByClause.set(own.clause, merged.lent);
      lent.push(...[...merged.lent].map((m) => `${own.clause}: ${m.name}`));
      return [own.clause, merged.evidence];
    }),
  );
  const evidence = new Map<string, ClauseEvidence>();
  const evaluate = (control: Control): ClauseEvidence => {
    const done = evidence.get(control.id);
    if (done) return done;
    const mapped: MappedClause[] = (control.mapsTo ?? [])
      .filter(isControlId)
      .map((id) => ({ id, status: evaluate(controlById(id)).status }));
    const own = {
      rules: rules
        .filter((r) => r.clauses.includes(control.id))
        .map((r) => ruleResult(r, findings, acknowledgements, rulesRunOn, typesByStack))
        .sort((a, b) => compare(a.rule, b.rule)),
      findings: findings.filter((f) => f.clauses.includes(control.id)),
      acknowledgements: acknowledgements.filter((a) => a.clauses.includes(control.id)),
      optOuts: optOuts.filter((o) => o.clauses.includes(control.id)),
    };
    const resources = contents.resources
      .filter((r) => r.implements.includes(control.id))
      .map(toReportResource);
    const scope = clauseScope(
      control.id,
      rules.filter((r) => r.clauses.includes(control.id)),
      contents.resources,
      pack,
    );
    const notApplicable: ReportNotApplicable[] = declared
      .filter((d) => d.clause === control.id)
      .map((d) => ({ stack: d.stack, path: d.path, construct: d.construct, reason: d.reason }));
    const [status, statusReason] = declaredStatus(
      statusOf(
        control,
        { ...own, scope, mechanisms: mechanisms.get(control.id) },
        mapped,
        pack,
        lentByClause.get(control.id),
      ),
      notApplicable,
      own.findings.length,
    );
    const clause: ClauseEvidence = {
      id: control.id,
      family: control.family,
      kind: control.kind,
      requirement: control.requirement,
      status,
      statusReason,
      operatorDuty: control.operatorDuty,
      mapsTo: mapped,
      mechanisms: (control.mapsTo ?? []).filter((m) => !isControlId(m)),
      resources,
      judged: scope.judged,
      unjudged: scope.unjudged,
      scopeTypes: scope.scopeTypes,
      ...own,
      notApplicable,
    };
    evidence.set(control.id, clause);
    return clause;
  };
  const clauses = CONTROLS.map(evaluate);

  const report: EvidenceReport = {
    summary: {
      title: 'cdk-dpp evidence report',
      generatedAt: generatedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      toolName: 'cdk-dpp',
      toolVersion: packageVersion(),
      cdkVersion: contents.cdkVersion ?? 'unknown',
      cloudAssemblyVersion: contents.schemaVersion,
      clauses: clauses.length,
      byStatus: countByStatus(clauses),
      byFamily: countByFamily(clauses),
      openFindings: findings.length,
      openWarningsOnSupported: clauses
        .filter((c) => isSupportedStatus(c.status))
        .reduce((n, c) => n + c.findings.length, 0),
      acknowledgements: acknowledgements.length,
      optOuts: optOuts.length,
      checkPacks: checkPacks(contents),
      templates: contents.stacks.map((s) => ({
        stack: s.name,
        file: s.templateFile,
        sha256: s.sha256,
        resources: s.resourceCount,
        checkedBy: checkedBy(s),
      })),
      scope: reportScope(contents, DPP_PACK),
    },
    clauses,
    processingActivities: processingActivities(contents.resources),
    dataInventory: dataInventory(contents.resources),
    acknowledgements,
    optOuts,
    findings,
  };
  return { report, lent };
}

/** The check packs that recorded themselves on a stack, e.g. `DPP 0.1.0 (54 rules)`. */
function checkedBy(stack: AssemblyStack): string[] {
  return stack.checks.map((c) => `${c.pack} ${c.version} (${plural(c.rules.length, 'rule')})`);
}

/** The mechanisms of the supported clauses that some resources hold. */
function mechanismsIn(resources: readonly AssemblyResource[]): MechanismEvidence[] {
  return findMechanisms(
    resources.map((r) => ({
      stack: r.stack,
      logicalId: r.logicalId,
      type: r.type,
      properties: r.properties ?? {},
      metadata: r.metadata,
    })),
  );
}

/**
 * The report of an app of several sections (`planStages`): the app's report, whose clause
 * statuses become the worst (in the order of `CLAUSE_STATUSES`) of the statuses that count in the
 * sections, each section evaluated alone by the same rules: every workload stage's, with the
 * mechanisms of the organization-level stacks counting for it; the organization section's when
 * the clause is violated there or is not a supported clause. `not applicable` in a section lowers
 * nothing, as it comes after every other status of its kind. A SOC 2 commitment shows the
 * statuses of its mapped clauses across stages.
 */
function acrossStages(
  whole: EvidenceReport,
  plans: readonly StagePlan[],
  contents: AssemblyContents,
  rules: readonly DppRule[],
  generatedAt: Date,
): EvidenceReport {
  const parts = plans.map((plan) => ({ plan, part: sectionContents(contents, plan.stacks) }));
  const organizationPart = parts.find(({ plan }) => plan.role === StageRole.ORGANIZATION)?.part;
  const organization = organizationPart
    ? new Map(mechanismsIn(organizationPart.resources).map((m) => [m.clause, m]))
    : undefined;
  const sections = parts.map(({ plan, part }) => ({
    plan,
    ...evaluateContents(
      part,
      rules,
      generatedAt,
      plan.role === StageRole.WORKLOAD ? organization : undefined,
    ),
  }));
  const statusIn = (report: EvidenceReport, id: string): ClauseEvidence => {
    const clause = report.clauses.find((c) => c.id === id);
    if (!clause) throw new Error(`${id} is missing from the report of a stage`);
    return clause;
  };
  const rank = (s: ClauseStatus) => CLAUSE_STATUSES.indexOf(s);
  const overall = new Map<string, [ClauseStatus, string, StageStatus[]]>();
  for (const clause of whole.clauses) {
    const inStages = sections.map(({ plan, report }) => {
      const own = statusIn(report, clause.id);
      const counted =
        plan.role === StageRole.WORKLOAD ||
        own.status === ClauseStatus.VIOLATED ||
        clause.kind !== ControlKind.SUPPORTED;
      return { stage: plan.name, role: plan.role, status: own.status, counted, own };
    });
    const counted = inStages.filter((s) => s.counted);
    const status = counted
      .map((s) => s.status)
      .reduce((worst, s) => (rank(s) < rank(worst) ? s : worst));
    const groups = CLAUSE_STATUSES.map((s) => ({
      status: s,
      stages: counted.filter((c) => c.status === s).map((c) => c.stage),
    })).filter((g) => g.stages.length > 0);
    const worst = counted.filter((s) => s.status === status);
    const reasons = [...new Set(worst.map((s) => s.own.statusReason))];
    const why =
      reasons.length === 1 && worst.length > 1
        ? reasons[0]
        : worst.map((s) => `${s.stage}: ${s.own.statusReason}`).join(' ');
    overall.set(clause.id, [
      status,
      `Across ${plural(counted.length, 'section')}: ` +
        `${groups.map((g) => `${g.status} in ${g.stages.join(', ')}`).join('; ')}. ${why}`,
      inStages.map(({ stage, role, status: s, counted: c }) => ({
        stage,
        role,
        status: s,
        counted: c,
      })),
    ]);
  }
  const clauses: ClauseEvidence[] = whole.clauses.map((clause) => {
    const [status, statusReason, stages] = overall.get(clause.id) ?? [
      clause.status,
      clause.statusReason,
      [],
    ];
    return {
      ...clause,
      status,
      statusReason,
      mapsTo: clause.mapsTo.map((m) => ({ id: m.id, status: overall.get(m.id)?.[0] ?? m.status })),
      stages,
    };
  });
  return {
    ...whole,
    summary: {
      ...whole.summary,
      byStatus: countByStatus(clauses),
      byFamily: countByFamily(clauses),
      openWarningsOnSupported: clauses
        .filter((c) => isSupportedStatus(c.status))
        .reduce((n, c) => n + c.findings.length, 0),
    },
    clauses,
    stages: sections.map(({ plan, report, lent }) => stageSection(plan, report, lent)),
  };
}

/** One section as the report shows it. */
function stageSection(plan: StagePlan, report: EvidenceReport, lent: string[]): StageSection {
  const stacks: StageStack[] = plan.stacks.map((s) => ({
    stack: s.name,
    stage: s.stage ?? APP_STAGE,
    account: s.account ?? ENVIRONMENT_AGNOSTIC,
    region: s.region ?? ENVIRONMENT_AGNOSTIC,
    resources: s.resourceCount,
    checkedBy: checkedBy(s),
    ...(plan.why.has(s.name) && { organizationLevel: plan.why.get(s.name) }),
  }));
  const environments = new Map(
    stacks.map((s) => [`${s.account}\u0000${s.region}`, { account: s.account, region: s.region }]),
  );
  return {
    name: plan.name,
    role: plan.role,
    environments: [...environments.values()].sort(
      (a, b) => compare(a.account, b.account) || compare(a.region, b.region),
    ),
    stacks,
    resources: stacks.reduce((n, s) => n + s.resources, 0),
    byStatus: report.summary.byStatus,
    openFindings: report.findings.length,
    acknowledgements: report.acknowledgements.length,
    optOuts: report.optOuts.length,
    checkPacks: report.summary.checkPacks,
    fromOrganization: lent,
    clauses: report.clauses.map((c) => ({
      id: c.id,
      status: c.status,
      statusReason: c.statusReason,
    })),
  };
}

/**
 * Every resource tagged with its data class, grouped by its `dpp:owner` tag: the owners in
 * order, then the resources without one (DPP-DG-2); the app's order within a group.
 */
function dataInventory(resources: readonly AssemblyResource[]): InventoryEntry[] {
  const entries: InventoryEntry[] = resources.flatMap((r) =>
    r.dataClassTag === undefined
      ? []
      : [
          {
            stack: r.stack,
            logicalId: r.logicalId,
            type: r.type,
            path: r.path,
            dataClass: r.dataClassTag,
            ...(r.ownerTag !== undefined && r.ownerTag.trim() !== '' && { owner: r.ownerTag }),
            declared: r.data !== undefined,
          },
        ],
  );
  const group = (e: InventoryEntry) => (e.owner === undefined ? 1 : 0);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        group(a.entry) - group(b.entry) ||
        compare(a.entry.owner ?? '', b.entry.owner ?? '') ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

interface OwnEvidence {
  /** The rules that check the clause. */
  readonly rules: RuleResult[];
  /** Open findings on the clause. */
  readonly findings: ReportFinding[];
  /** Acknowledgements of its rules. */
  readonly acknowledgements: ReportAcknowledgement[];
  /** Opt-outs recorded against it. */
  readonly optOuts: ReportOptOut[];
  /** The resources it governs, and what the pack proved about them. */
  readonly scope: ClauseScope;
  /** For a supported clause: the mechanisms the app holds and those it misses. */
  readonly mechanisms?: MechanismEvidence;
}

/** The statuses an enforced clause can take without an open finding, best first. */
const ENFORCED_ORDER: readonly ClauseStatus[] = [
  ClauseStatus.NOT_APPLICABLE,
  ClauseStatus.MET,
  ClauseStatus.ACKNOWLEDGED,
  ClauseStatus.UNVERIFIED,
];

/** How many resources or types a status reason names before it says "and N more". */
const NAMED_IN_REASON = 3;

function statusOf(
  control: Control,
  own: OwnEvidence,
  mapped: readonly MappedClause[],
  pack: PackEvidence,
  lent: ReadonlySet<Mechanism> = new Set(),
): [ClauseStatus, string] {
  if (control.kind === ControlKind.ORGANIZATIONAL) {
    return [ClauseStatus.ORGANIZATIONAL, 'Outside infrastructure: the operator owes the duty.'];
  }
  const errors = own.findings.filter((f) => !isWarning(f.severity));
  const violatedMapped = mapped.filter((m) => m.status === ClauseStatus.VIOLATED).map((m) => m.id);
  const enforced = control.kind === ControlKind.ENFORCED;
  if (errors.length > 0 || (enforced && own.findings.length > 0) || violatedMapped.length > 0) {
    const parts = [
      own.findings.length > 0 ? `${plural(own.findings.length, 'open finding')}` : '',
      violatedMapped.length > 0 ? `maps to violated ${violatedMapped.join(', ')}` : '',
    ].filter(Boolean);
    return [ClauseStatus.VIOLATED, `${capitalize(parts.join('; '))}.`];
  }
  if (!enforced) return supportedStatus(control.id, own.mechanisms, own.findings.length, lent);
  const enforcedMapped = mapped.filter(
    (m) => !isSupportedStatus(m.status) && m.status !== ClauseStatus.ORGANIZATIONAL,
  );
  if (own.rules.length === 0 && enforcedMapped.length === 0) {
    return [ClauseStatus.UNVERIFIED, 'No rule of the DPP pack checks this clause yet.'];
  }
  const verdicts: Array<[ClauseStatus, string]> = [];
  if (own.rules.length > 0) verdicts.push(ownVerdict(own, pack));
  if (enforcedMapped.length > 0) {
    const worst = worstOf(enforcedMapped.map((m) => m.status));
    const listed = enforcedMapped.map((m) => `${m.id} (${m.status})`).join(', ');
    verdicts.push([worst, `Maps to ${listed}.`]);
  }
  const status = worstOf(verdicts.map(([s]) => s));
  return [status, verdicts.map(([, reason]) => reason).join(' ')];
}

/**
 * The status of a clause that constructs declared not applicable where they stand: `not
 * applicable`, with each declaration's construct, path and reason, unless the clause is violated
 * (a declaration never hides an open finding). Without a declaration, the status as judged.
 */
function declaredStatus(
  judged: [ClauseStatus, string],
  declarations: readonly ReportNotApplicable[],
  warnings: number,
): [ClauseStatus, string] {
  if (declarations.length === 0 || judged[0] === ClauseStatus.VIOLATED) return judged;
  const declared = declarations
    .map((d) => `declared by ${d.construct} on \`${d.path}\`: ${d.reason}`)
    .join('; ');
  const toAct = warnings > 0 ? ` ${plural(warnings, 'open warning')} to act on.` : '';
  return [ClauseStatus.NOT_APPLICABLE, `Not applicable, ${declared}${toAct}`];
}

/** The status of an enforced clause from its own rules and the resources they judged. */
function ownVerdict(own: OwnEvidence, pack: PackEvidence): [ClauseStatus, string] {
  const { scope } = own;
  const ruleNames = own.rules.map((r) => r.rule);
  if (scope.unjudged.length > 0) {
    return [
      ClauseStatus.UNVERIFIED,
      `${plural(scope.unjudged.length, 'resource')} it governs ` +
        `${scope.unjudged.length === 1 ? 'was' : 'were'} not judged, so nothing proves it there: ` +
        `${named(scope.unjudged.map((r) => `\`${r.path}\` (${r.reason})`))}`,
    ];
  }
  const evidence = scope.judged.filter((j) => j.outcome !== JudgementOutcome.FAIL);
  if (evidence.length === 0) {
    const judgedNothing =
      scope.outOfScope > 0
        ? `Its rules judged ${plural(scope.outOfScope, 'resource')} and found none in its scope`
        : 'The app holds nothing it governs';
    const record = pack.judgements
      ? ''
      : ' (and the assembly holds no record of what the DPP pack judged)';
    return [
      ClauseStatus.NOT_APPLICABLE,
      `${judgedNothing}${record}; a resource of type ${named(scope.scopeTypes, 'or')} would bring it into scope.`,
    ];
  }
  const resources = new Set(evidence.map((j) => j.path)).size;
  const rulesUsed = [...new Set(evidence.map((j) => j.rule))];
  const judged = `Judged on ${plural(resources, 'resource')} by ${named(rulesUsed)}`;
  const acknowledgedOutcomes = evidence.filter((j) => j.outcome === JudgementOutcome.ACKNOWLEDGED);
  const exceptions = [
    acknowledgedOutcomes.length > 0
      ? plural(acknowledgedOutcomes.length, 'acknowledged judgement')
      : '',
    own.acknowledgements.length > 0 ? plural(own.acknowledgements.length, 'acknowledgement') : '',
    own.optOuts.length > 0 ? plural(own.optOuts.length, 'opt-out') : '',
  ].filter(Boolean);
  if (exceptions.length > 0) {
    return [
      ClauseStatus.ACKNOWLEDGED,
      `${judged}; it holds except for ${exceptions.join(', ')}, each with its reason.`,
    ];
  }
  const unused = ruleNames.length - rulesUsed.length;
  return [
    ClauseStatus.MET,
    `${judged}; every judgement passed${unused > 0 ? ` (${plural(unused, 'other rule')} of the clause had nothing to judge)` : ''}.`,
  ];
}

/** The worst of enforced statuses without an open finding. */
function worstOf(statuses: readonly ClauseStatus[]): ClauseStatus {
  return statuses.reduce(
    (worst, s) => (ENFORCED_ORDER.indexOf(s) > ENFORCED_ORDER.indexOf(worst) ? s : worst),
    ClauseStatus.NOT_APPLICABLE,
  );
}

/** The first few items, and how many more. */
function named(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= NAMED_IN_REASON) {
    return items.length <= 1
      ? (items[0] ?? '')
      : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
  }
  return `${items.slice(0, NAMED_IN_REASON).join(', ')} ${conjunction} ${items.length - NAMED_IN_REASON} more`;
}

/**
 * A supported clause is provided when the app holds every mechanism it needs, or the operator's
 * recorded statement adopts the service of those it does not hold, and misses its mechanism
 * otherwise; the reason names what the app provides, what is adopted and why, what is missing and
 * what to add.
 */
function supportedStatus(
  id: string,
  evidence: MechanismEvidence | undefined,
  warnings: number,
  lent: ReadonlySet<Mechanism>,
): [ClauseStatus, string] {
  if (
    !evidence ||
    evidence.present.length + evidence.adopted.length + evidence.missing.length === 0
  ) {
    throw new Error(
      `${id} is a supported clause without mechanisms: add them in lib/controls/mechanisms.ts.`,
    );
  }
  const present = evidence.present.map((p) =>
    lent.has(p.mechanism)
      ? `${p.mechanism.name}, in the organization-level stacks`
      : p.mechanism.name,
  );
  // The cdk-dpp constructs that build these mechanisms, so the auditor finds their defaults; the
  // resources themselves may come from plain aws-cdk-lib code.
  const constructs = [...new Set(evidence.present.flatMap((p) => p.mechanism.construct ?? []))].map(
    (c) => `\`${c}\``,
  );
  const builtBy =
    constructs.length > 0
      ? ` (what ${[constructs.slice(0, -1).join(', '), constructs[constructs.length - 1]].filter(Boolean).join(' and ')} ${constructs.length === 1 ? 'builds' : 'build'})`
      : '';
  const { adopted, missing } = evidence;
  const toAct = warnings > 0 ? ` ${plural(warnings, 'open warning')} to act on.` : '';
  const provided =
    present.length > 0 ? `Provided by this app: ${present.join('; ')}${builtBy}.` : '';
  const statement =
    adopted.length > 0
      ? `Adopted, on the operator’s statement, not evidenced by the templates: ${adopted
          .map((a) => `${a.mechanism.name} (${a.reasons.join('; ')})`)
          .join('; ')}.`
      : '';
  if (missing.length === 0) {
    return [
      ClauseStatus.PROVIDED,
      [provided, statement, `The operator owes the duty.${toAct}`].filter(Boolean).join(' '),
    ];
  }
  const total = present.length + adopted.length + missing.length;
  return [
    ClauseStatus.MECHANISM_MISSING,
    `Missing ${missing.length} of ${plural(total, 'mechanism')}: ` +
      `${missing.map((m) => m.name).join('; ')}. To add: ${missing.map((m) => m.toAdd).join(' ')}` +
      (statement ? ` ${statement}` : '') +
      toAct,
  ];
}

function ruleResult(
  rule: DppRule,
  findings: readonly ReportFinding[],
  acknowledgements: readonly ReportAcknowledgement[],
  rulesRunOn: ReadonlyMap<string, ReadonlySet<string>>,
  typesByStack: ReadonlyMap<string, ReadonlySet<string>>,
): RuleResult {
  const name = ruleName(rule);
  const open = findings.filter((f) => f.plugin === DPP_PACK && baseRule(f.rule) === name).length;
  const acked = acknowledgements.filter((a) => baseRule(a.rule) === name).length;
  // A stack without the rule's record matters only when it holds something the rule judges.
  const stacksNotChecked = [...rulesRunOn]
    .filter(([, ran]) => !ran.has(name))
    .map(([stack]) => stack)
    .filter((stack) => rule.resourceTypes.some((t) => typesByStack.get(stack)?.has(t)));
  return {
    rule: name,
    level: String(rule.level).toLowerCase(),
    summary: rule.summary,
    outcome:
      open > 0
        ? RuleOutcome.FAIL
        : stacksNotChecked.length > 0
          ? RuleOutcome.NOT_RUN
          : acked > 0
            ? RuleOutcome.ACKNOWLEDGED
            : [...typesByStack.values()].some((types) =>
                  rule.resourceTypes.some((t) => types.has(t)),
                )
              ? RuleOutcome.PASS
              : RuleOutcome.NOTHING_TO_JUDGE,
    openFindings: open,
    acknowledgements: acked,
    stacksNotChecked,
  };
}

/** The record the DPP pack left on a stack, if it left one. */
function dppRecord(records: readonly ChecksRecord[]): ChecksRecord | undefined {
  return records.find((r) => r.pack === DPP_PACK);
}

function checkPacks(contents: AssemblyContents): CheckPackResult[] {
  const packs: CheckPackResult[] = contents.plugins.map((p) => ({
    name: p.name,
    conclusion: p.conclusion,
    openFindings: p.findingCount,
  }));
  if (!packs.some((p) => p.name === DPP_PACK)) {
    const recorded = contents.stacks.filter((s) => dppRecord(s.checks)).length;
    packs.push({
      name: DPP_PACK,
      conclusion:
        recorded === 0
          ? 'not registered'
          : recorded === contents.stacks.length
            ? 'no findings'
            : `no findings; not registered on ${plural(contents.stacks.length - recorded, 'stack')}`,
      openFindings: 0,
    });
  }
  return packs.sort((a, b) => compare(a.name, b.name));
}

function processingActivities(resources: readonly AssemblyResource[]): ProcessingActivity[] {
  return resources
    .filter((r) => r.data !== undefined)
    .map((r) => {
      const data = r.data as NonNullable<AssemblyResource['data']>;
      return {
        store: r.path,
        stack: r.stack,
        logicalId: r.logicalId,
        type: r.type,
        construct: r.construct,
        dataClass: data.dataClass || r.dataClassTag || 'undeclared',
        piiFields: [...data.piiFields],
        purpose: data.purpose,
        collection: data.collection,
        sharing: data.sharing,
        retentionDays: data.retentionDays,
        disposal: data.disposal,
        erasure: data.erasure,
        readers: [...data.readers],
        defaults: [...data.defaults],
      };
    })
    .sort((a, b) => compare(a.store, b.store));
}

function countByStatus(clauses: readonly ClauseEvidence[]): StatusCount[] {
  return CLAUSE_STATUSES.map((status) => ({
    status,
    count: clauses.filter((c) => c.status === status).length,
  }));
}

function countByFamily(clauses: readonly ClauseEvidence[]): FamilyCount[] {
  const families = [...new Set(clauses.map((c) => c.family))];
  return families.map((family) => {
    const members = clauses.filter((c) => c.family === family);
    return { family, total: members.length, counts: countByStatus(members) };
  });
}

/**
 * The check pack of an acknowledged rule id: its namespace (`cdk-validator-cfnguard::rule`,
 * `DPP::DPP-Rule`), else its prefix before `-` (`AwsSolutions-S1`, `NIST.800.53.R5-LambdaDLQ`),
 * else `annotation`, the namespace CDK gives an id without either.
 */
function packOf(rule: string): string {
  return /^([\w.-]+)::/.exec(rule)?.[1] ?? /^([\w.]+)-/.exec(rule)?.[1] ?? 'annotation';
}

/** The catalog IDs a finding's text cites, for rules no longer in the table. */
function clauseIdsIn(text: string): string[] {
  return [...new Set(text.match(/\b(?:DPP|SOC)-[A-Z0-9]+(?:-[A-Z0-9]+)?\b/g) ?? [])]
    .filter(isControlId)
    .sort(compare);
}

function isWarning(severity: string): boolean {
  return severity === 'warning' || severity === 'info';
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
