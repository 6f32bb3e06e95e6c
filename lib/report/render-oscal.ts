import { ClauseEvidence, EvidenceReport } from './evidence-report';
import { compare } from './order';
import {
  cdkDppProps,
  nonEmpty,
  OSCAL_VERSION,
  OscalId,
  oscalIds,
  OscalJson,
  templateResources,
} from './oscal-common';
import { reasonText } from './report-tables';

const OPERATOR_ROLE = 'operator';
const DPP_SOURCE = 'Amazon SP-API Data Protection Policy';
const SOC_SOURCE = 'SOC 2 service commitments';
const DPP_POLICY_URL = 'https://developer-docs.amazon.com/sp-api/docs/data-protection-policy';

interface Requirement {
  /** The clause implemented. */
  readonly clause: ClauseEvidence;
  /** How the component implements it. */
  readonly description: string;
  /** The cdk-dpp properties of the requirement, as name and value. */
  readonly props?: ReadonlyArray<[string, string]>;
}

/**
 * Renders the report as an OSCAL 1.1.2 component definition. The synthesized app, the DPP check
 * pack and each cdk-dpp construct are components. Every clause is an implemented requirement of
 * the app: its `status` and `kind` are properties in the cdk-dpp namespace (`OSCAL_NAMESPACE`),
 * its description starts with the status in prose (`Status: met.`), and its remarks list open
 * findings, acknowledgements and opt-outs with their reasons; the check pack and each construct
 * implement the clauses they check or implement. The operator's duty is a responsible role.
 * Templates are back-matter resources carrying their SHA-256 hashes. Identifiers are name-based
 * UUIDs, so the same assembly gives the same document apart from `last-modified`.
 */
export function renderOscal(report: EvidenceReport): OscalJson {
  const { summary } = report;
  const id = oscalIds(report);
  const sources = { dpp: id('source', 'dpp'), soc: id('source', 'soc') };
  const templates = templateResources(report, id);

  const controlImplementations = (component: string, requirements: Requirement[]): OscalJson[] =>
    (['dpp', 'soc'] as const)
      .map((source) => ({
        source,
        items: requirements.filter((r) => sourceOf(r.clause) === source),
      }))
      .filter((group) => group.items.length > 0)
      .map(({ source, items }) => ({
        uuid: id(component, 'implementation', source),
        source: `#${sources[source]}`,
        description: `How ${component} meets the ${source === 'dpp' ? DPP_SOURCE : SOC_SOURCE}.`,
        'implemented-requirements': items.map((requirement) =>
          implementedRequirement(id, component, requirement),
        ),
      }));

  const application = {
    uuid: id('component', 'application'),
    type: 'software',
    title: 'Synthesized AWS CDK application',
    description:
      `The application whose cloud assembly was read: stacks ` +
      `${summary.templates.map((t) => t.stack).join(', ')}, synthesized with aws-cdk-lib ` +
      `${summary.cdkVersion}. Each implemented requirement starts with the status of its clause ` +
      'in the evidence report.',
    links: templates.map((r) => ({ href: `#${r.uuid}`, rel: 'evidence' })),
    'control-implementations': controlImplementations(
      'the application',
      report.clauses.map((clause) => ({
        clause,
        description:
          `Status: ${clause.status}. ${clause.statusReason} (${clause.kind}) ${clause.requirement}` +
          clause.mapsTo.map((m) => ` Maps to ${m.id}: ${m.status}.`).join(''),
        props: [
          ['status', clause.status],
          ['kind', clause.kind],
        ],
      })),
    ),
  };

  const checkPack = {
    uuid: id('component', 'dpp-checks'),
    type: 'validation',
    title: 'DppChecks (cdk-nag pack)',
    description:
      `The cdk-dpp ${summary.toolVersion} check pack, run at synth time as a CDK ` +
      'policy-validation plugin; it fails the synth of any stack that breaks an enforced clause.',
    ...nonEmpty(
      'control-implementations',
      controlImplementations(
        'DppChecks',
        report.clauses
          .filter((c) => c.rules.length > 0)
          .map((clause) => ({
            clause,
            description: `Checked at synth time: ${clause.rules
              .map((r) => `${r.rule} (${r.level}) ${r.outcome}`)
              .join('; ')}.`,
          })),
      ),
    ),
  };

  const constructNames = [
    ...new Set(report.clauses.flatMap((c) => c.resources.flatMap((r) => r.construct ?? []))),
  ].sort(compare);
  const constructs = constructNames.map((name) => {
    const implemented = report.clauses
      .map((clause) => ({
        clause,
        resources: clause.resources.filter((r) => r.construct === name),
      }))
      .filter((entry) => entry.resources.length > 0);
    const paths = [...new Set(implemented.flatMap((e) => e.resources.map((r) => r.path)))].sort(
      compare,
    );
    return {
      uuid: id('component', 'construct', name),
      type: 'software',
      title: name,
      description: `The cdk-dpp construct ${name}, at ${paths.join(', ')}.`,
      'control-implementations': controlImplementations(
        name,
        implemented.map(({ clause, resources }) => ({
          clause,
          description:
            `${name} implements ${clause.id} by default on ` +
            resources.map((r) => `${r.logicalId} (${r.type}) in ${r.stack}`).join(', ') +
            '.',
        })),
      ),
    };
  });

  return {
    'component-definition': {
      uuid: id('component-definition'),
      metadata: {
        title: `${summary.title}: component definition`,
        'last-modified': summary.generatedAt,
        version: summary.toolVersion,
        'oscal-version': OSCAL_VERSION,
        roles: [
          {
            id: OPERATOR_ROLE,
            title: 'Operator of the application',
            description: 'Owes the duties of supported and organizational clauses.',
          },
        ],
        remarks:
          `Generated by ${summary.toolName} ${summary.toolVersion} from a cloud assembly ` +
          `(schema ${summary.cloudAssemblyVersion}) synthesized with aws-cdk-lib ` +
          `${summary.cdkVersion}.`,
      },
      components: [application, checkPack, ...constructs],
      'back-matter': {
        resources: [
          {
            uuid: sources.dpp,
            title: DPP_SOURCE,
            description: 'The policy SP-API developers sign, with its November 2025 revision.',
            rlinks: [{ href: DPP_POLICY_URL }],
          },
          {
            uuid: sources.soc,
            title: SOC_SOURCE,
            description: 'The service commitments of a SOC 2 system description.',
          },
          ...templates,
        ],
      },
    },
  };
}

function implementedRequirement(
  id: OscalId,
  component: string,
  { clause, description, props = [] }: Requirement,
): OscalJson {
  const remarks = [
    ...clause.findings.map((f) => `Open finding ${f.rule} (${f.severity}) on ${f.path}.`),
    ...clause.acknowledgements.map((a) => `Acknowledged ${a.rule} on ${a.path}: ${a.reason}`),
    ...clause.optOuts.map((o) => `Opt-out ${o.setting} on ${o.path}: ${reasonText(o)}`),
  ];
  return {
    uuid: id(component, clause.id),
    'control-id': clause.id,
    description,
    ...cdkDppProps(props),
    ...(clause.operatorDuty && {
      'responsible-roles': [{ 'role-id': OPERATOR_ROLE, remarks: clause.operatorDuty }],
    }),
    ...(remarks.length > 0 && { remarks: remarks.join('\n\n') }),
  };
}

function sourceOf(clause: ClauseEvidence): 'dpp' | 'soc' {
  return clause.id.startsWith('SOC-') ? 'soc' : 'dpp';
}
