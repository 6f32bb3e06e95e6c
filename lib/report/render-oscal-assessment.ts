import { DppChecks } from '../checks/dpp-checks';
import {
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  InventoryEntry,
  JudgedResource,
  JudgementOutcome,
  ReportAcknowledgement,
  ReportFinding,
  ReportOptOut,
  ReportResource,
  TemplateDigest,
  UnjudgedResource,
} from './evidence-report';
import { compare } from './order';
import {
  cdkDppProps,
  nonEmpty,
  OSCAL_VERSION,
  OscalId,
  oscalIds,
  OscalJson,
  templateResourceId,
  templateResources,
} from './oscal-common';
import { NO_OWNER, reasonText } from './report-tables';
import { STATUS_MEANINGS } from './status-meanings';

/** The name the DPP pack reports under: the pack whose rules judge the resources of a clause. */
const DPP_PACK = new DppChecks().name;

/** How an OSCAL finding states the objective of a clause with a given status. */
interface ObjectiveStatus {
  /** `satisfied` or `not-satisfied`: OSCAL knows no third state. */
  readonly state: 'satisfied' | 'not-satisfied';
  /** `pass`, `fail`, or `other` when the objective is neither shown to hold nor to break. */
  readonly reason: 'pass' | 'fail' | 'other';
  /** The finding target's implementation status, where the status says one. */
  readonly implementation?: 'not-applicable';
}

/**
 * The OSCAL objective status of each clause status. OSCAL states an objective `satisfied` only
 * when the assessment shows that it holds, so only `met` (reason `pass`) and `acknowledged`
 * (reason `other`: met, except for findings acknowledged and defaults opted out of, which the
 * finding lists as risks with status `deviation-requested`) are satisfied. Everything else is
 * `not-satisfied`: `violated` and `mechanism missing` with reason `fail`, since the templates
 * show the clause broken or its mechanism absent; `unverified`, `provided` and `organizational`
 * with reason `other`, since a synth-time check cannot show them to hold (nothing judged the
 * resources, or the operator owes a duty the templates do not hold). `not applicable` is what
 * OSCAL expresses with the target's implementation status `not-applicable`, not with its state:
 * the state stays `not-satisfied` with reason `other`, because an app that holds nothing the
 * clause governs proves nothing about it, and a tool that reads only the state must not count
 * it as met.
 */
const OBJECTIVE_STATUS: Readonly<Record<ClauseStatus, ObjectiveStatus>> = {
  [ClauseStatus.MET]: { state: 'satisfied', reason: 'pass' },
  [ClauseStatus.ACKNOWLEDGED]: { state: 'satisfied', reason: 'other' },
  [ClauseStatus.VIOLATED]: { state: 'not-satisfied', reason: 'fail' },
  [ClauseStatus.MECHANISM_MISSING]: { state: 'not-satisfied', reason: 'fail' },
  [ClauseStatus.UNVERIFIED]: { state: 'not-satisfied', reason: 'other' },
  [ClauseStatus.PROVIDED]: { state: 'not-satisfied', reason: 'other' },
  [ClauseStatus.ORGANIZATIONAL]: { state: 'not-satisfied', reason: 'other' },
  [ClauseStatus.NOT_APPLICABLE]: {
    state: 'not-satisfied',
    reason: 'other',
    implementation: 'not-applicable',
  },
};

/** One observation and the risk it raises, if any. */
interface Evidence {
  /** The observation of the evidence. */
  readonly observation: OscalJson;
  /** The risk it raises: an open finding, an acknowledgement or an opt-out. */
  readonly risk?: OscalJson;
}

/**
 * Renders the report as an OSCAL 1.1.2 assessment results document: one result for this synth,
 * whose reviewed controls are every clause of the catalog.
 *
 * - The assessment plan the schema requires (`import-ap`) is a back-matter resource that
 *   describes the synth-time check: no separate plan document exists, the plan is the DPP pack
 *   run as a CDK policy-validation plugin, then `cdk-dpp report` reading the cloud assembly.
 * - One observation per piece of evidence: each open finding (method `TEST`, type `finding`),
 *   each resource a rule of a clause judged (`TEST`; `finding` when it failed, else
 *   `control-objective`), each resource a clause governs that no rule judged (`EXAMINE`), each
 *   acknowledgement and each opt-out with its reason (`EXAMINE`, `mitigation`). Each names its
 *   resource as an inventory item and, as relevant evidence, the template with its SHA-256.
 * - One risk per open finding (status `open`) and per acknowledgement and opt-out (status
 *   `deviation-requested`: the app's owner asks for the deviation; the report cannot tell
 *   whether anyone approved it).
 * - One finding per clause, targeting the clause (`objective-id`), with the cdk-dpp status, kind
 *   and family as properties, the objective status of `OBJECTIVE_STATUS`, and its observations
 *   and risks.
 *
 * - In an app of several stages (`EvidenceReport.stages`), the result names each section in a
 *   `stage` property (its role, accounts, regions and stacks), each finding gives the clause's
 *   status in every section in a `stage-status` property (`Prod: met`; `(not counted)` when the
 *   section does not count for the status across stages), and each inventory item its `stage`.
 *
 * Identifiers are name-based UUIDs, so the same assembly gives the same document apart from the
 * report time (`last-modified`, `start`, `collected`).
 *
 * @throws Error when the report holds no clause (OSCAL requires at least one reviewed control)
 */
export function renderOscalAssessmentResults(report: EvidenceReport): OscalJson {
  const { summary, clauses } = report;
  if (clauses.length === 0) {
    throw new Error(
      'the evidence report holds no clause, so it has no control to assess: build it with ' +
        'buildEvidenceReport, which covers the whole catalog',
    );
  }
  const id = oscalIds(report);
  const planId = id('assessment-plan');
  const reader = id('tool', summary.toolName);
  const pack = (name: string) => id('tool', 'pack', name);
  const packNames = [
    ...new Set([
      DPP_PACK,
      ...summary.checkPacks.map((p) => p.name),
      ...report.findings.map((f) => f.plugin),
      ...clauses.flatMap((c) => c.findings.map((f) => f.plugin)),
    ]),
  ].sort(compare);

  const known = new Map<string, ReportResource>();
  const resources = [
    ...clauses.flatMap((c) => [...c.resources, ...c.judged, ...c.unjudged]),
    ...report.dataInventory,
  ];
  for (const r of resources) if (!known.has(r.path)) known.set(r.path, r);
  const templateOf = (path: string): TemplateDigest | undefined => {
    const stack = known.get(path)?.stack;
    return stack !== undefined
      ? summary.templates.find((t) => t.stack === stack)
      : summary.templates
          .filter((t) => path === t.stack || path.startsWith(`${t.stack}/`))
          .sort((a, b) => b.stack.length - a.stack.length)[0];
  };
  const stageOf = new Map(
    (report.stages ?? []).flatMap((stage) => stage.stacks.map((s) => [s.stack, stage.name])),
  );
  const subjects = new Set<string>();
  const observed = (
    key: string,
    path: string,
    actor: string,
    fields: { title: string; description: string; methods: string[]; types: string[] },
    props: ReadonlyArray<[string, string | undefined]>,
  ): OscalJson => {
    subjects.add(path);
    const template = templateOf(path);
    return {
      uuid: id('observation', key),
      title: fields.title,
      description: fields.description,
      ...cdkDppProps(props),
      methods: fields.methods,
      types: fields.types,
      origins: [{ actors: [{ type: 'tool', 'actor-uuid': actor }] }],
      subjects: [
        { 'subject-uuid': id('inventory-item', path), type: 'inventory-item', title: path },
      ],
      ...(template && {
        'relevant-evidence': [
          {
            href: `#${templateResourceId(id, template)}`,
            description:
              `CloudFormation template of stack ${template.stack} (${template.file}), ` +
              `SHA-256 ${template.sha256}.`,
          },
        ],
      }),
      collected: summary.generatedAt,
    };
  };
  const risk = (
    key: string,
    observation: OscalJson,
    status: 'open' | 'deviation-requested',
    statement: string,
  ): OscalJson => ({
    uuid: id('risk', key),
    title: observation.title,
    description: observation.description,
    statement,
    status,
    'related-observations': [{ 'observation-uuid': observation.uuid }],
  });

  const evidence = new Map<string, Evidence>();
  const record = (parts: string[], make: (key: string) => Evidence): Evidence => {
    const key = parts.join('|');
    const existing = evidence.get(key) ?? make(key);
    evidence.set(key, existing);
    return existing;
  };
  const findingEvidence = (f: ReportFinding) =>
    record(['finding', f.plugin, f.rule, f.severity, f.path], (key) => {
      const observation = observed(
        key,
        f.path,
        pack(f.plugin),
        {
          title: `Open finding ${f.rule} (${f.severity}) on ${f.path}`,
          description: f.description,
          methods: ['TEST'],
          types: ['finding'],
        },
        [
          ['plugin', f.plugin],
          ['rule', f.rule],
          ['severity', f.severity],
        ],
      );
      return {
        observation,
        risk: risk(
          key,
          observation,
          'open',
          `The resource at ${f.path} breaks ${listOr(f.clauses, 'no clause of the catalog')} ` +
            `until the finding is fixed or acknowledged with a reason.`,
        ),
      };
    });
  const judgedEvidence = (j: JudgedResource) =>
    record(['judged', j.rule, j.path, j.outcome], (key) => ({
      observation: observed(
        key,
        j.path,
        pack(DPP_PACK),
        {
          title: `${j.rule} judged ${j.path}: ${j.outcome}`,
          description:
            `At synth time the rule ${j.rule} judged ${describe(j)} and concluded ` +
            `${j.outcome}.`,
          methods: ['TEST'],
          types: [j.outcome === JudgementOutcome.FAIL ? 'finding' : 'control-objective'],
        },
        [
          ['rule', j.rule],
          ['outcome', j.outcome],
        ],
      ),
    }));
  const unjudgedEvidence = (clause: ClauseEvidence, r: UnjudgedResource) =>
    record(['unjudged', clause.id, r.path], (key) => ({
      observation: observed(
        key,
        r.path,
        reader,
        {
          title: `No rule of ${clause.id} judged ${r.path}`,
          description: `${clause.id} governs ${describe(r)}, but no rule of the clause judged it. ${r.reason}`,
          methods: ['EXAMINE'],
          types: ['control-objective'],
        },
        [['clause', clause.id]],
      ),
    }));
  const acknowledgementEvidence = (a: ReportAcknowledgement) =>
    record(['acknowledgement', a.rule, a.path, a.reason], (key) => {
      const observation = observed(
        key,
        a.path,
        reader,
        {
          title: `Acknowledged ${a.rule} on ${a.path}`,
          description: `The app acknowledges ${a.rule} on ${a.path} and below it: ${a.reason}`,
          methods: ['EXAMINE'],
          types: ['mitigation'],
        },
        [['rule', a.rule]],
      );
      return {
        observation,
        risk: risk(
          key,
          observation,
          'deviation-requested',
          `The rule's findings on ${a.path} and below are not enforced; ` +
            `${listOr(a.clauses, 'the clauses of the rule')} rest on the reason given.`,
        ),
      };
    });
  const optOutEvidence = (o: ReportOptOut) =>
    record(['opt-out', o.setting, o.path, o.reason], (key) => {
      const observation = observed(
        key,
        o.path,
        reader,
        {
          title: `Opt-out of ${o.setting} on ${o.path}`,
          description:
            `${o.construct ?? 'The construct'} at ${o.path} opts out of its safe default ` +
            `${o.setting}: ${reasonText(o)}`,
          methods: ['EXAMINE'],
          types: ['mitigation'],
        },
        [
          ['setting', o.setting],
          ['construct', o.construct],
        ],
      );
      return {
        observation,
        risk: risk(
          key,
          observation,
          'deviation-requested',
          `The resource at ${o.path} gives up the safe default ${o.setting}; ` +
            `${listOr(o.clauses, 'the clauses it weakens')} rest on the reason given.`,
        ),
      };
    });

  report.findings.forEach(findingEvidence);
  report.acknowledgements.forEach(acknowledgementEvidence);
  report.optOuts.forEach(optOutEvidence);
  const findings = clauses.map((clause) => {
    const found = [
      ...clause.findings.map(findingEvidence),
      ...clause.judged.map(judgedEvidence),
      ...clause.unjudged.map((r) => unjudgedEvidence(clause, r)),
      ...clause.acknowledgements.map(acknowledgementEvidence),
      ...clause.optOuts.map(optOutEvidence),
    ];
    return clauseFinding(id, reader, clause, [...new Set(found)]);
  });
  const stageProps = (report.stages ?? []).map((stage): [string, string] => [
    'stage',
    `${stage.name} (${stage.role}): ${stage.environments
      .map((e) => `${e.account} ${e.region}`)
      .join(', ')}; stacks ${stage.stacks.map((s) => s.stack).join(', ')}`,
  ]);
  const all = [...evidence.values()];
  const inventoried = new Map(report.dataInventory.map((i) => [i.path, i]));
  const inventory = [...subjects]
    .sort(compare)
    .map((path) => inventoryItem(id, path, known, inventoried.get(path), stageOf));
  const stacks = summary.templates.map((t) => t.stack).join(', ') || 'none';

  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `${summary.title}: assessment results`,
        'last-modified': summary.generatedAt,
        version: summary.toolVersion,
        'oscal-version': OSCAL_VERSION,
        remarks:
          `Generated by ${summary.toolName} ${summary.toolVersion} from a cloud assembly ` +
          `(schema ${summary.cloudAssemblyVersion}) synthesized with aws-cdk-lib ` +
          `${summary.cdkVersion}.`,
      },
      'import-ap': {
        href: `#${planId}`,
        remarks:
          'No separate assessment plan document exists: the plan is the synth-time check ' +
          'described by the back-matter resource this reference points to.',
      },
      results: [
        {
          uuid: id('result'),
          title: `Synth-time check of stacks ${stacks}`,
          description:
            `What the check packs concluded on the synthesized app (stacks ${stacks}) and the ` +
            `status ${summary.toolName} gives each of the ${clauses.length} clauses of the ` +
            'catalog from them.',
          start: summary.generatedAt,
          ...cdkDppProps(stageProps),
          'local-definitions': {
            ...nonEmpty('inventory-items', inventory),
            'assessment-assets': {
              components: [
                toolComponent(
                  reader,
                  `${summary.toolName} ${summary.toolVersion} report`,
                  'Reads the cloud assembly and gives each clause its status.',
                ),
                ...packNames.map((name) => {
                  const result = summary.checkPacks.find((p) => p.name === name);
                  return toolComponent(
                    pack(name),
                    `${name} check pack`,
                    `The ${name} validation plugin, run at synth time` +
                      (result
                        ? `: ${result.conclusion} (open findings: ${result.openFindings}).`
                        : '.'),
                  );
                }),
              ],
              'assessment-platforms': [
                {
                  uuid: id('assessment-platform'),
                  title: 'AWS CDK synth with policy-validation plugins',
                  'uses-components': [reader, ...packNames.map(pack)].map((uuid) => ({
                    'component-uuid': uuid,
                  })),
                },
              ],
            },
          },
          'reviewed-controls': {
            'control-selections': [
              { 'include-controls': clauses.map((c) => ({ 'control-id': c.id })) },
            ],
          },
          ...nonEmpty(
            'observations',
            all.map((e) => e.observation),
          ),
          ...nonEmpty(
            'risks',
            all.flatMap((e) => e.risk ?? []),
          ),
          findings,
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: planId,
            title: `Assessment plan: the synth-time check of ${summary.toolName}`,
            description:
              `The ${DPP_PACK} pack of ${summary.toolName} ${summary.toolVersion} runs at synth ` +
              'time as an AWS CDK policy-validation plugin on every stack under its scope, with ' +
              'any other packs the app registers; each rule judges the CloudFormation resources ' +
              'of its types and reports a finding per resource that breaks a clause. ' +
              `\`${summary.toolName} report\` then reads the cloud assembly (templates, ` +
              'manifests, metadata, acknowledgements and `validation-report.json`) and gives ' +
              'every clause of the catalog a status. Nothing is deployed and no AWS API is ' +
              'called: the evidence is the templates, identified by their SHA-256.',
          },
          ...templateResources(report, id),
        ],
      },
    },
  };
}

function clauseFinding(
  id: OscalId,
  reader: string,
  clause: ClauseEvidence,
  found: readonly Evidence[],
): OscalJson {
  const { state, reason, implementation } = OBJECTIVE_STATUS[clause.status];
  const remarks = [
    clause.operatorDuty && `The operator owes: ${clause.operatorDuty}`,
    ...clause.mapsTo.map((m) => `Maps to ${m.id}: ${m.status}.`),
    clause.scopeTypes.length > 0 && `In scope through: ${clause.scopeTypes.join(', ')}.`,
  ].filter((r): r is string => typeof r === 'string' && r !== '');
  return {
    uuid: id('finding', clause.id),
    title: `${clause.id}: ${clause.status}`,
    description: `${clause.requirement} Status: ${clause.status}. ${clause.statusReason}`,
    ...cdkDppProps([
      ['status', clause.status],
      ['kind', clause.kind],
      ['family', clause.family],
      ...(clause.stages ?? []).map((s): [string, string] => [
        'stage-status',
        `${s.stage}: ${s.status}${s.counted ? '' : ' (not counted)'}`,
      ]),
    ]),
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': reader }] }],
    target: {
      type: 'objective-id',
      'target-id': clause.id,
      status: { state, reason, remarks: STATUS_MEANINGS[clause.status] },
      ...(implementation && { 'implementation-status': { state: implementation } }),
    },
    ...nonEmpty(
      'related-observations',
      found.map((e) => ({ 'observation-uuid': e.observation.uuid })),
    ),
    ...nonEmpty(
      'related-risks',
      found.flatMap((e) => (e.risk ? [{ 'risk-uuid': e.risk.uuid }] : [])),
    ),
    ...(remarks.length > 0 && { remarks: remarks.join('\n\n') }),
  };
}

/**
 * One inventory item; a resource of the data inventory also carries its data class and owner
 * (DPP-DG-2), or a remark that it has no owner.
 */
function inventoryItem(
  id: OscalId,
  path: string,
  known: Map<string, ReportResource>,
  inventoried: InventoryEntry | undefined,
  stageOf: ReadonlyMap<string, string>,
): OscalJson {
  const resource = known.get(path);
  return {
    uuid: id('inventory-item', path),
    description: resource ? describe(resource) : `The construct at ${path}.`,
    ...cdkDppProps([
      ['construct-path', path],
      ['stack', resource?.stack],
      ['stage', resource ? stageOf.get(resource.stack) : undefined],
      ['logical-id', resource?.logicalId],
      ['resource-type', resource?.type],
      ['construct', resource?.construct],
      ['data-class', inventoried?.dataClass],
      ['owner', inventoried?.owner],
    ]),
    ...(inventoried &&
      inventoried.owner === undefined && {
        remarks: `No dpp:owner tag: the data inventory lists it under "${NO_OWNER}" (DPP-DG-2).`,
      }),
  };
}

function toolComponent(uuid: string, title: string, description: string): OscalJson {
  return {
    uuid,
    type: 'software',
    title,
    description,
    status: { state: 'operational' },
  };
}

/** `AWS::S3::Bucket Orders1234 in stack Data, at Data/Orders/Resource`. */
function describe(r: ReportResource): string {
  return `${r.type} ${r.logicalId} in stack ${r.stack}, at ${r.path}`;
}

function listOr(items: readonly string[], none: string): string {
  return items.length > 0 ? items.join(', ') : none;
}
