/**
 * Where a clause stands in the synthesized app.
 */
export enum ClauseStatus {
  /** Enforced, checked by at least one rule of the DPP pack, and no finding is open. */
  MET = 'met',
  /** Met except for findings acknowledged or safe defaults opted out of, each with its reason. */
  ACKNOWLEDGED = 'acknowledged',
  /** At least one finding is open. */
  VIOLATED = 'violated',
  /** The infrastructure provides the mechanism; the operator's duty is named. */
  SUPPORTED = 'supported',
  /** Outside infrastructure: the operator's duty, with guidance. */
  ORGANIZATIONAL = 'organizational',
  /** Enforced, but no rule of the DPP pack checks it yet, so nothing proves it. */
  UNVERIFIED = 'unverified',
}

/** Every status, in the order reports list them. */
export const CLAUSE_STATUSES: readonly ClauseStatus[] = [
  ClauseStatus.VIOLATED,
  ClauseStatus.UNVERIFIED,
  ClauseStatus.ACKNOWLEDGED,
  ClauseStatus.MET,
  ClauseStatus.SUPPORTED,
  ClauseStatus.ORGANIZATIONAL,
];

/** What one rule concluded across the whole app. */
export enum RuleOutcome {
  /** No finding. */
  PASS = 'pass',
  /** Findings, all acknowledged. */
  ACKNOWLEDGED = 'acknowledged',
  /** At least one open finding. */
  FAIL = 'fail',
}

/** A resource of the app. */
export interface ReportResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly path: string;
  /** The cdk-dpp construct that made it. */
  readonly construct?: string;
}

/** One rule that checks a clause, and what it concluded. */
export interface RuleResult {
  /** The rule as reported, `DPP-<id>`. */
  readonly rule: string;
  /** `error` or `warning`. */
  readonly level: string;
  readonly summary: string;
  readonly outcome: RuleOutcome;
  readonly openFindings: number;
  readonly acknowledgements: number;
}

/** One open finding: a resource a check pack reported. */
export interface ReportFinding {
  /** The check pack, e.g. `DPP` or `AwsSolutions`. */
  readonly plugin: string;
  /** The rule as reported, with `[finding]` when granular. */
  readonly rule: string;
  readonly severity: string;
  readonly description: string;
  readonly path: string;
  /** The clauses it bears on. */
  readonly clauses: string[];
}

/** One acknowledgement of a rule, with the reason given. */
export interface ReportAcknowledgement {
  readonly rule: string;
  /** The construct path it covers (and everything below it). */
  readonly path: string;
  readonly reason: string;
  /** The clauses the acknowledged rule checks. */
  readonly clauses: string[];
}

/** One recorded opt-out of a safe default. */
export interface ReportOptOut {
  /** The prop that opted out. */
  readonly setting: string;
  readonly reason: string;
  readonly path: string;
  readonly construct?: string;
  readonly clauses: string[];
}

/** A clause that a SOC 2 commitment maps to, and that clause's status. */
export interface MappedClause {
  readonly id: string;
  readonly status: ClauseStatus;
}

/** The evidence for one clause of the catalog. */
export interface ClauseEvidence {
  readonly id: string;
  readonly family: string;
  /** `enforced`, `supported` or `organizational`. */
  readonly kind: string;
  readonly requirement: string;
  readonly status: ClauseStatus;
  /** Why the clause has its status, in one sentence. */
  readonly statusReason: string;
  /** What the operator still owes. */
  readonly operatorDuty?: string;
  /** For SOC 2 commitments: the clauses they map to, with their status. */
  readonly mapsTo: MappedClause[];
  /** For SOC 2 commitments: the mechanisms they name that are not clauses. */
  readonly mechanisms: string[];
  readonly resources: ReportResource[];
  readonly rules: RuleResult[];
  readonly findings: ReportFinding[];
  readonly acknowledgements: ReportAcknowledgement[];
  readonly optOuts: ReportOptOut[];
}

/** One entry of the record of processing activities (DPP-DG-3). */
export interface ProcessingActivity {
  /** The construct path of the store. */
  readonly store: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly construct?: string;
  readonly dataClass: string;
  readonly piiFields: string[];
  readonly purpose: string;
  readonly collection: string;
  readonly sharing: string;
  /** Days a record is kept. */
  readonly retentionDays?: number;
  readonly disposal: string;
  /** How one person's data is erased on request (DPP-DG-4). */
  readonly erasure: string;
  /** Construct paths of the principals that may read it. */
  readonly readers: string[];
}

/** A count of clauses with one status. */
export interface StatusCount {
  readonly status: ClauseStatus;
  readonly count: number;
}

/** The status counts of one family of clauses. */
export interface FamilyCount {
  readonly family: string;
  readonly total: number;
  readonly counts: StatusCount[];
}

/** One synthesized template and its hash. */
export interface TemplateDigest {
  readonly stack: string;
  readonly file: string;
  readonly sha256: string;
  readonly resources: number;
}

/** What one check pack concluded. */
export interface CheckPackResult {
  readonly name: string;
  /** `success`, `failure`, or `no findings recorded`. */
  readonly conclusion: string;
  readonly openFindings: number;
}

/** The report's header: counts, versions, hashes and time. */
export interface ReportSummary {
  readonly title: string;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  readonly toolName: string;
  readonly toolVersion: string;
  readonly cdkVersion: string;
  readonly cloudAssemblyVersion: string;
  readonly clauses: number;
  readonly byStatus: StatusCount[];
  readonly byFamily: FamilyCount[];
  readonly openFindings: number;
  /** Open warnings on supported clauses (the clause stays `supported`). */
  readonly openWarningsOnSupported: number;
  readonly acknowledgements: number;
  readonly optOuts: number;
  readonly checkPacks: CheckPackResult[];
  readonly templates: TemplateDigest[];
}

/** The evidence report: what an auditor reads, built from a synthesized app. */
export interface EvidenceReport {
  readonly summary: ReportSummary;
  /** Every clause of the catalog, once, in catalog order. */
  readonly clauses: ClauseEvidence[];
  readonly processingActivities: ProcessingActivity[];
  /** Every acknowledgement in the app, with its reason. */
  readonly acknowledgements: ReportAcknowledgement[];
  /** Every opt-out in the app, with its reason. */
  readonly optOuts: ReportOptOut[];
  /** Every open finding of every check pack. */
  readonly findings: ReportFinding[];
}
