import { IConstruct } from 'constructs';

/**
 * The file the DPP pack writes at the root of the cloud assembly: what every rule concluded on
 * every resource it judged. CDK's validation report lists only findings; this is the positive
 * evidence an auditor needs to tell "judged, and it holds" from "never looked at".
 */
export const JUDGEMENTS_FILE = 'cdk-dpp-judgements.json';

/** What a rule of the DPP pack concluded on one resource it was applied to. */
export enum JudgementOutcome {
  /** The rule judged the resource and found nothing wrong. */
  PASS = 'pass',
  /** The rule reported at least one open finding on the resource. */
  FAIL = 'fail',
  /** The rule's findings on the resource are all acknowledged. */
  ACKNOWLEDGED = 'acknowledged',
  /** The rule does not govern this resource (for example, a PII rule on a store without PII). */
  NOT_APPLICABLE = 'not applicable',
}

/** What the rules concluded on one resource. */
export interface ResourceJudgements {
  /** The construct path of the resource, without a leading slash. */
  readonly path: string;
  /** The CloudFormation type. */
  readonly type: string;
  /** Each rule applied (`DPP-<id>`), and its outcome. */
  readonly rules: Record<string, JudgementOutcome>;
}

/** The content of {@link JUDGEMENTS_FILE}. */
export interface JudgementsRecord {
  /** The pack name, e.g. `DPP`. */
  readonly pack: string;
  /** The version of cdk-dpp that judged. */
  readonly version: string;
  /** Every resource a rule was applied to, by construct path. */
  readonly resources: ResourceJudgements[];
}

/** Collects the outcomes of one validation, resource by resource. */
export class JudgementLog {
  private readonly byPath = new Map<string, ResourceJudgements>();

  /** Records what `rule` concluded on `resource`; a failure outweighs an earlier outcome. */
  public record(resource: IConstruct, type: string, rule: string, outcome: JudgementOutcome): void {
    const key = resource.node.path;
    let entry = this.byPath.get(key);
    if (!entry) {
      entry = { path: key, type, rules: {} };
      this.byPath.set(key, entry);
    }
    const before = entry.rules[rule];
    if (before === undefined || OUTCOME_WEIGHT[outcome] > OUTCOME_WEIGHT[before]) {
      entry.rules[rule] = outcome;
    }
  }

  /** Forgets every outcome, before a new validation. */
  public clear(): void {
    this.byPath.clear();
  }

  /** The record of every outcome, sorted by construct path and rule. */
  public toRecord(pack: string, version: string): JudgementsRecord {
    return {
      pack,
      version,
      resources: [...this.byPath.values()]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((r) => ({
          path: r.path,
          type: r.type,
          rules: Object.fromEntries(Object.entries(r.rules).sort(([a], [b]) => (a < b ? -1 : 1))),
        })),
    };
  }
}

/** A rule applied twice to one resource keeps its worst outcome. */
const OUTCOME_WEIGHT: Readonly<Record<JudgementOutcome, number>> = {
  [JudgementOutcome.NOT_APPLICABLE]: 0,
  [JudgementOutcome.PASS]: 1,
  [JudgementOutcome.ACKNOWLEDGED]: 2,
  [JudgementOutcome.FAIL]: 3,
};
