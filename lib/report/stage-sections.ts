import { MechanismEvidence, PresentMechanism } from '../controls/mechanism';
import { mechanismsOf } from '../controls/mechanisms';
import { AssemblyContents, AssemblyPluginReport, AssemblyStack } from './cloud-assembly';
import { StageRole } from './evidence-report';
import { locateFinding } from './finding-location';
import { compare } from './order';
import { organizationLevelReason } from './organization-level';

/** The name of the section that holds the stacks outside every workload stage. */
export const ORGANIZATION_SECTION = 'organization';

/** One section of a multi-stage report, before it is evaluated: its stacks and why. */
export interface StagePlan {
  /** The construct path of the workload stage, or `ORGANIZATION_SECTION`. */
  readonly name: string;
  /** A workload stage, or the organization-level stacks. */
  readonly role: StageRole;
  /** Its stacks, by name. */
  readonly stacks: AssemblyStack[];
  /** For the organization section: why each stack is in it, by stack name. */
  readonly why: ReadonlyMap<string, string>;
}

/** Why a stack of the app itself is in the organization section. */
export const APP_STACK_REASON = 'a stack of the app itself, outside every stage';

/**
 * How the stacks of an assembly divide into sections, or undefined when the assembly makes one
 * section (only the app's own stacks, or one stage and nothing outside it): then the report is the
 * single-stage report. A stack is organization-level when it is a stack of the app itself (not in
 * a stage), carries the `cdk-dpp:organization-level` marker (`markOrganizationLevel`), or holds a
 * resource that only exists at organization level (`organizationLevelReason`); the
 * organization-level stacks form one section. Every other stack belongs to the innermost stage
 * whose nested assembly holds it: one section per such stage, by construct path.
 */
export function planStages(contents: AssemblyContents): StagePlan[] | undefined {
  const why = new Map<string, string>();
  const workloads = new Map<string, AssemblyStack[]>();
  for (const stack of contents.stacks) {
    const reason = organizationReason(stack, contents);
    if (reason !== undefined) {
      why.set(stack.name, reason);
    } else {
      const stage = stack.stage as string;
      workloads.set(stage, [...(workloads.get(stage) ?? []), stack]);
    }
  }
  const organization = contents.stacks.filter((s) => why.has(s.name));
  if (workloads.size === 0 || (workloads.size === 1 && organization.length === 0)) {
    return undefined;
  }
  return [
    ...[...workloads.keys()].sort(compare).map((name) => ({
      name,
      role: StageRole.WORKLOAD,
      stacks: workloads.get(name) ?? [],
      why: new Map<string, string>(),
    })),
    ...(organization.length > 0
      ? [{ name: ORGANIZATION_SECTION, role: StageRole.ORGANIZATION, stacks: organization, why }]
      : []),
  ];
}

function organizationReason(stack: AssemblyStack, contents: AssemblyContents): string | undefined {
  if (stack.organizationLevel !== undefined) return `marked: ${stack.organizationLevel}`;
  const held = organizationLevelReason(contents.resources.filter((r) => r.stack === stack.name));
  return held ?? (stack.stage === undefined ? APP_STACK_REASON : undefined);
}

/**
 * The part of an assembly one section covers: its stacks and their resources; the findings located
 * in them, and those the report cannot place in any stack (so that no finding is lost); the
 * acknowledgements on or above their constructs; the check packs' results recomputed from those
 * findings. The DPP pack's judgements, synth record and versions stay those of the app.
 */
export function sectionContents(
  contents: AssemblyContents,
  stacks: readonly AssemblyStack[],
): AssemblyContents {
  const names = new Set(stacks.map((s) => s.name));
  // On a stack, below it, or above it (a stage, the app): an acknowledgement covers what is below.
  const within = (path: string) =>
    path === '' ||
    [...names].some((s) => path === s || path.startsWith(`${s}/`) || s.startsWith(`${path}/`));
  const findings = contents.findings.filter((f) => {
    const stack = locateFinding(f.path, contents).stack;
    return stack === undefined || names.has(stack);
  });
  return {
    ...contents,
    stacks: contents.stacks.filter((s) => names.has(s.name)),
    resources: contents.resources.filter((r) => names.has(r.stack)),
    acknowledgements: contents.acknowledgements.filter((a) => within(a.path)),
    findings,
    plugins: contents.plugins.flatMap((p): AssemblyPluginReport[] => {
      const own = findings.filter((f) => f.plugin === p.name);
      if (own.length === 0) {
        // A pack that failed without a finding failed for every section.
        return p.findingCount === 0 && p.conclusion === 'failure' ? [p] : [];
      }
      const errors = own.some((f) => f.severity !== 'warning' && f.severity !== 'info');
      return [
        { name: p.name, conclusion: errors ? 'failure' : 'success', findingCount: own.length },
      ];
    }),
  };
}

/**
 * The mechanisms of one workload stage with those the organization-level stacks hold: a mechanism
 * the stage lacks is present when a resource of the organization's that acts for every account
 * provides it (an organization trail, an organization analyzer: `organizationLevelReason`; a
 * detector or recorder of the management account's own does not), unless the stage's own
 * resources must each match it (`everyResource`, `requiredWhere`: the organization cannot tag or
 * configure the stage's resources). Returns the merged evidence and the mechanisms it lent.
 */
export function withOrganizationMechanisms(
  own: MechanismEvidence,
  organization: MechanismEvidence | undefined,
): { evidence: MechanismEvidence; lent: ReadonlySet<PresentMechanism['mechanism']> } {
  const lent = (organization?.present ?? []).filter(
    (p) =>
      p.resources.some((r) => organizationLevelReason([r]) !== undefined) &&
      p.mechanism.everyResource !== true &&
      p.mechanism.requiredWhere === undefined &&
      !own.present.some((o) => o.mechanism === p.mechanism),
  );
  const lentSet = new Set(lent.map((p) => p.mechanism));
  if (lentSet.size === 0) return { evidence: own, lent: lentSet };
  const order = mechanismsOf(own.clause);
  return {
    evidence: {
      clause: own.clause,
      present: [...own.present, ...lent].sort(
        (a, b) => order.indexOf(a.mechanism) - order.indexOf(b.mechanism),
      ),
      adopted: own.adopted.filter((a) => !lentSet.has(a.mechanism)),
      missing: own.missing.filter((m) => !lentSet.has(m)),
    },
    lent: lentSet,
  };
}
