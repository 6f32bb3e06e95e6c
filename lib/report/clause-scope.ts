import { DataClass } from '../../constructs/common/data-class';
import { OUT_OF_SCOPE, OutOfScopeReason } from '../checks/coverage';
import { DppRule, ruleName } from '../checks/dpp-rule';
import { JudgementOutcome, ResourceJudgements } from '../checks/judgements';
import { DATASTORES_RULES } from '../checks/rules/datastores/datastores-rule-table';
import { AssemblyResource } from './cloud-assembly';
import { JudgedResource, ReportResource, UnjudgedResource } from './evidence-report';
import { compare } from './order';

/** The types that hold or move data but that no rule judges yet: the coverage table's known gaps. */
const KNOWN_GAP_TYPES: ReadonlySet<string> = new Set(
  Object.entries(OUT_OF_SCOPE)
    .filter(([, reason]) => reason === OutOfScopeReason.KNOWN_GAP)
    .map(([type]) => type),
);

/**
 * The clauses every data store is judged against: a resource of a known-gap type leaves them
 * unproven, unless it is declared (tagged) to hold no Amazon data.
 */
const DATA_STORE_CLAUSES: ReadonlySet<string> = new Set(DATASTORES_RULES.flatMap((r) => r.clauses));

/** What the assembly proves about the resources one clause governs. */
export interface ClauseScope {
  /**
   * The types that bring the clause into scope: those its rules judge, the types most of its
   * rules judge first, then the known gaps.
   */
  readonly scopeTypes: string[];
  /** Resources a rule of the clause judged, with the outcome (not-applicable outcomes left out). */
  readonly judged: JudgedResource[];
  /** Resources the clause governs that no rule of it judged, with why. */
  readonly unjudged: UnjudgedResource[];
  /** How many resources the clause's rules looked at and found outside its scope. */
  readonly outOfScope: number;
}

/** What the report knows of the DPP pack's run, for the scope of every clause. */
export interface PackEvidence {
  /** The judgements the pack wrote, by construct path; undefined when it wrote none. */
  readonly judgements?: ReadonlyMap<string, ResourceJudgements>;
  /** The rules the pack recorded it applies, by stack display name. */
  readonly rulesRunOn: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The resources of the app one clause governs, and what the DPP pack proved about each: a
 * resource counts as judged by a rule only when its stack holds the pack's record of that rule and
 * the pack wrote the rule's outcome on it.
 */
export function clauseScope(
  clauseId: string,
  rules: readonly DppRule[],
  resources: readonly AssemblyResource[],
  pack: PackEvidence,
): ClauseScope {
  const knownGapsCount = DATA_STORE_CLAUSES.has(clauseId);
  const rulesPerType = new Map<string, number>();
  rules
    .flatMap((r) => r.resourceTypes)
    .forEach((t) => rulesPerType.set(t, (rulesPerType.get(t) ?? 0) + 1));
  const scopeTypes = [...rulesPerType.keys()].sort(
    (a, b) => (rulesPerType.get(b) ?? 0) - (rulesPerType.get(a) ?? 0) || compare(a, b),
  );
  if (knownGapsCount) {
    scopeTypes.push(...[...KNOWN_GAP_TYPES].filter((t) => !rulesPerType.has(t)).sort(compare));
  }
  const judged: JudgedResource[] = [];
  const unjudged: UnjudgedResource[] = [];
  let outOfScope = 0;
  for (const resource of resources) {
    if (
      knownGapsCount &&
      KNOWN_GAP_TYPES.has(resource.type) &&
      resource.dataClassTag !== DataClass.NO_AMAZON_DATA
    ) {
      unjudged.push({
        ...toReportResource(resource),
        reason: `No rule of the DPP pack judges ${resource.type} yet (a known gap of the coverage table).`,
      });
      continue;
    }
    const applicable = rules.filter((r) => r.resourceTypes.includes(resource.type)).map(ruleName);
    if (applicable.length === 0) continue;
    const missing = applicable.filter(
      (rule) => !pack.rulesRunOn.get(resource.stack)?.has(rule) || !outcomeOf(pack, resource, rule),
    );
    if (missing.length > 0) {
      unjudged.push({
        ...toReportResource(resource),
        reason: whyUnjudged(pack, resource, missing),
      });
      continue;
    }
    const outcomes = applicable.map((rule) => [rule, outcomeOf(pack, resource, rule)] as const);
    for (const [rule, outcome] of outcomes) {
      if (outcome && outcome !== JudgementOutcome.NOT_APPLICABLE) {
        judged.push({ ...toReportResource(resource), rule, outcome });
      }
    }
    if (outcomes.every(([, outcome]) => outcome === JudgementOutcome.NOT_APPLICABLE)) outOfScope++;
  }
  return {
    scopeTypes,
    judged: judged.sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule)),
    unjudged: unjudged.sort((a, b) => compare(a.path, b.path)),
    outOfScope,
  };
}

function outcomeOf(
  pack: PackEvidence,
  resource: AssemblyResource,
  rule: string,
): JudgementOutcome | undefined {
  return pack.judgements?.get(resource.path)?.rules[rule];
}

function whyUnjudged(pack: PackEvidence, resource: AssemblyResource, missing: string[]): string {
  if (!pack.rulesRunOn.get(resource.stack)?.size) {
    return `Stack ${resource.stack} holds no record that the DPP pack checked it.`;
  }
  if (!pack.judgements) {
    return 'The assembly holds no record of what the DPP pack judged (cdk-dpp-judgements.json).';
  }
  return `No outcome of ${missing.join(', ')} is recorded for it.`;
}

/** The report's view of an assembly resource. */
export function toReportResource(r: AssemblyResource): ReportResource {
  return {
    stack: r.stack,
    logicalId: r.logicalId,
    type: r.type,
    path: r.path,
    construct: r.construct,
  };
}
