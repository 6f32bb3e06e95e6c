import { JudgementOutcome } from '../checks/judgements';

export { JudgementOutcome };

/**
 * Where a clause stands in the synthesized app.
 */
export enum ClauseStatus {
  /**
   * Enforced, and proven: at least one resource the clause governs was judged by a rule of the
   * clause, on a stack the DPP pack checked, and passed; no finding is open.
   */
  MET = 'met',
  /** Met, except for findings acknowledged or safe defaults opted out of, each with its reason. */
  ACKNOWLEDGED = 'acknowledged',
  /** At least one finding is open. */
  VIOLATED = 'violated',
  /**
   * Enforced, but nothing proves it: the app holds resources the clause governs that no rule
   * judged (a type no rule knows yet, or a stack the pack left no record on), or no rule of the
   * pack checks the clause.
   */
  UNVERIFIED = 'unverified',
  /** Enforced, but the app holds nothing the clause governs. */
  NOT_APPLICABLE = 'not applicable',
  /** Supported: the app holds the mechanism; the operator owes the named duty. */
  PROVIDED = 'provided',
  /** Supported: the app lacks the mechanism the operator needs; the report says what to add. */
  MECHANISM_MISSING = 'mechanism missing',
  /** Outside infrastructure: the operator's duty, with guidance. */
  ORGANIZATIONAL = 'organizational',
}

/** Every status, in the order reports list them. */
export const CLAUSE_STATUSES: readonly ClauseStatus[] = [
  ClauseStatus.VIOLATED,
  ClauseStatus.UNVERIFIED,
  ClauseStatus.MECHANISM_MISSING,
  ClauseStatus.ACKNOWLEDGED,
  ClauseStatus.MET,
  ClauseStatus.PROVIDED,
  ClauseStatus.NOT_APPLICABLE,
  ClauseStatus.ORGANIZATIONAL,
];

/** Whether a status is one a supported clause takes. */
export function isSupportedStatus(status: ClauseStatus): boolean {
  return status === ClauseStatus.PROVIDED || status === ClauseStatus.MECHANISM_MISSING;
}

/** What one rule concluded across the whole app. */
export enum RuleOutcome {
  /** No finding. */
  PASS = 'pass',
  /** Findings, all acknowledged. */
  ACKNOWLEDGED = 'acknowledged',
  /** At least one open finding. */
  FAIL = 'fail',
  /** No open finding, but at least one stack holds no record that the rule ran on it. */
  NOT_RUN = 'not run',
  /** The app holds no resource of the types the rule judges. */
  NOTHING_TO_JUDGE = 'nothing to judge',
}

/** A resource of the app. */
export interface ReportResource {
  /** The stack display name. */
  readonly stack: string;
  /** The logical ID in the template. */
  readonly logicalId: string;
  /** The CloudFormation type. */
  readonly type: string;
  /** The construct path. */
  readonly path: string;
  /** The cdk-dpp construct that made it. */
  readonly construct?: string;
}

/** A resource of the app that a rule of a clause judged, and what the rule concluded. */
export interface JudgedResource extends ReportResource {
  /** The rule as reported, `DPP-<id>`. */
  readonly rule: string;
  /** What the rule concluded on the resource. */
  readonly outcome: JudgementOutcome;
}

/** A resource a clause governs that no rule of the clause judged, and why. */
export interface UnjudgedResource extends ReportResource {
  /** Why no rule judged it. */
  readonly reason: string;
}

/** One rule that checks a clause, and what it concluded. */
export interface RuleResult {
  /** The rule as reported, `DPP-<id>`. */
  readonly rule: string;
  /** `error` or `warning`. */
  readonly level: string;
  /** What the rule finds wrong, in one sentence. */
  readonly summary: string;
  /** What the rule concluded across the app. */
  readonly outcome: RuleOutcome;
  /** Open findings of the rule. */
  readonly openFindings: number;
  /** Acknowledgements of the rule or of its granular findings. */
  readonly acknowledgements: number;
  /** The stacks without a record that the DPP pack applied the rule to them. */
  readonly stacksNotChecked: string[];
}

/** Where in the assembly a finding's resource is: its stack, template and logical ID. */
export interface FindingLocation {
  /**
   * The stack display name of the resource.
   * @default - the path names no resource or stack of the assembly
   */
  readonly stack?: string;
  /**
   * The logical ID of the resource in its template.
   * @default - the path names no single resource of the assembly
   */
  readonly logicalId?: string;
  /**
   * The template file of the stack, relative to the cloud assembly.
   * @default - the path names no stack of the assembly
   */
  readonly templateFile?: string;
  /**
   * The line, counted from 1, of the logical ID in the template file.
   * @default - the path names no single resource, or its logical ID was not found in the file
   */
  readonly templateLine?: number;
}

/** One open finding: a resource a check pack reported, and where it is when the path says. */
export interface ReportFinding extends FindingLocation {
  /** The check pack, e.g. `DPP` or `AwsSolutions`. */
  readonly plugin: string;
  /** The rule as reported, with `[finding]` when granular. */
  readonly rule: string;
  /** `error`, `warning`, `info`, `fatal` or `custom`. */
  readonly severity: string;
  /** What the plugin says is wrong. */
  readonly description: string;
  /** The construct path of the resource. */
  readonly path: string;
  /** The clauses it bears on. */
  readonly clauses: string[];
}

/** One acknowledgement of a rule, with the reason given. */
export interface ReportAcknowledgement {
  /** The acknowledged rule, e.g. `DPP-S3BucketTlsOnly[SecureTransport]`. */
  readonly rule: string;
  /** The construct path it covers (and everything below it). */
  readonly path: string;
  /** The reason given. */
  readonly reason: string;
  /** The clauses the acknowledged rule checks. */
  readonly clauses: string[];
  /**
   * The check pack whose rule it acknowledges: `DPP`, `AwsSolutions`, `NIST.800.53.R5`,
   * `cdk-validator-cfnguard`... (the rule id's namespace, or its prefix before `-`).
   */
  readonly pack: string;
  /** Whether a cdk-dpp construct made it, rather than the operator. */
  readonly builtIn: boolean;
  /**
   * The cdk-dpp construct that made it, for a built-in acknowledgement.
   * @default - none
   */
  readonly construct?: string;
  /**
   * The team or role answerable for it.
   * @default - none
   */
  readonly owner?: string;
  /**
   * The last day it holds, `YYYY-MM-DD`.
   * @default - none
   */
  readonly expires?: string;
  /**
   * The ticket that tracks it.
   * @default - none
   */
  readonly ticket?: string;
  /**
   * Whether it names an owner and an expiry date. An operator's acknowledgement that does not
   * (a plain `Validations.of().acknowledge`) is ungoverned, and the report flags it.
   */
  readonly governed: boolean;
}

/** One recorded opt-out of a safe default. */
export interface ReportOptOut {
  /** The prop that opted out. */
  readonly setting: string;
  /** Why, in the operator's words. */
  readonly reason: string;
  /** The construct path of the resource it was recorded on. */
  readonly path: string;
  /** The cdk-dpp construct that recorded it. */
  readonly construct?: string;
  /** The clauses the opt-out gives up or weakens. */
  readonly clauses: string[];
  /**
   * Whether cdk-dpp wrote the reason, not the operator (a construct's or the reference
   * environment's own words).
   * @default false
   */
  readonly byLibrary?: boolean;
}

/** A clause that a SOC 2 commitment maps to, and that clause's status. */
export interface MappedClause {
  /** The mapped clause ID. */
  readonly id: string;
  /** The mapped clause's status. */
  readonly status: ClauseStatus;
}

/** The evidence for one clause of the catalog. */
export interface ClauseEvidence {
  /** The clause ID, e.g. `DPP-NP-7`. */
  readonly id: string;
  /** The section of the source document. */
  readonly family: string;
  /** `enforced`, `supported` or `organizational`. */
  readonly kind: string;
  /** The requirement, in one line. */
  readonly requirement: string;
  /** Where the clause stands in this app. */
  readonly status: ClauseStatus;
  /** Why the clause has its status, in one sentence. */
  readonly statusReason: string;
  /** What the operator still owes. */
  readonly operatorDuty?: string;
  /** For SOC 2 commitments: the clauses they map to, with their status. */
  readonly mapsTo: MappedClause[];
  /** For SOC 2 commitments: the mechanisms they name that are not clauses. */
  readonly mechanisms: string[];
  /** The resources whose construct says they implement the clause. */
  readonly resources: ReportResource[];
  /**
   * The resources of the app that a rule of the clause judged on a checked stack, with the
   * outcome: the positive evidence behind `met`.
   */
  readonly judged: JudgedResource[];
  /**
   * The resources of the app the clause governs that no rule judged (a type no rule knows yet,
   * or a stack the DPP pack left no record on): the evidence behind `unverified`.
   */
  readonly unjudged: UnjudgedResource[];
  /** The resource types that bring the clause into scope; for `not applicable`, what to look for. */
  readonly scopeTypes: string[];
  /** The rules of the DPP pack that check the clause, and their outcome. */
  readonly rules: RuleResult[];
  /** Open findings on the clause. */
  readonly findings: ReportFinding[];
  /** Acknowledgements of rules that check the clause, with reasons. */
  readonly acknowledgements: ReportAcknowledgement[];
  /** Opt-outs of safe defaults the clause depends on, with reasons. */
  readonly optOuts: ReportOptOut[];
  /**
   * The declarations that the clause does not apply to a stack (`declareNotApplicable`), with
   * their reasons: those the construct may make, by stack then construct path, listed beside a
   * violation they do not hide.
   */
  readonly notApplicable: ReportNotApplicable[];
  /**
   * In a report of several stages: the clause's status in each section, workload stages first.
   * The clause's `status` is the worst of the statuses that count.
   * @default - none: the app makes one section, and the status is the app's
   */
  readonly stages?: StageStatus[];
}

/** A construct's declaration that a supported clause does not apply to its stack. */
export interface ReportNotApplicable {
  /** The stack's display name, e.g. `NonProduction/Data`. */
  readonly stack: string;
  /** The construct path the declaration is written on. */
  readonly path: string;
  /** The cdk-dpp construct that declared it, e.g. `DppEnvironment`. */
  readonly construct: string;
  /** Why the clause does not apply there, as declared. */
  readonly reason: string;
}

/** What a section of a report of several stages covers. */
export enum StageRole {
  /** A stage that deploys a workload: each of its clause statuses counts for the report's. */
  WORKLOAD = 'workload',
  /**
   * The stacks outside every workload stage: the app's own stacks and those that hold
   * organization-level controls. The mechanisms they hold count for every workload stage.
   */
  ORGANIZATION = 'organization',
}

/** The status of one clause in one section of a report of several stages. */
export interface StageStatus {
  /** The section: the stage's construct path, or `organization`. */
  readonly stage: string;
  /** A workload stage or the organization-level stacks. */
  readonly role: StageRole;
  /** The clause's status in the section alone. */
  readonly status: ClauseStatus;
  /**
   * Whether the status counts for the clause's status across stages: always for a workload stage;
   * for the organization section, when the clause is violated there or is not a supported clause
   * (its mechanisms count in every workload stage instead).
   */
  readonly counted: boolean;
}

/** The status of one clause in one section, and why. */
export interface StageClause {
  /** The clause ID. */
  readonly id: string;
  /** Its status in the section alone. */
  readonly status: ClauseStatus;
  /** Why, in one sentence. */
  readonly statusReason: string;
}

/** Where a section deploys: one account and region its stacks name. */
export interface StageEnvironment {
  /** The account, or `environment-agnostic`. */
  readonly account: string;
  /** The region, or `environment-agnostic`. */
  readonly region: string;
}

/** One stack of a section. */
export interface StageStack {
  /** The stack display name. */
  readonly stack: string;
  /** The stage whose assembly holds it: `app`, or the stage's construct path. */
  readonly stage: string;
  /** The account of its environment, or `environment-agnostic`. */
  readonly account: string;
  /** The region of its environment, or `environment-agnostic`. */
  readonly region: string;
  /** How many resources its template holds. */
  readonly resources: number;
  /** The check packs that recorded themselves on it, e.g. `DPP 0.1.0 (54 rules)`. */
  readonly checkedBy: string[];
  /**
   * Why it is an organization-level stack.
   * @default - it is a stack of a workload stage
   */
  readonly organizationLevel?: string;
}

/**
 * One section of a report of several stages: a workload stage, or the organization-level stacks,
 * with the statuses the clauses take on its stacks alone.
 */
export interface StageSection {
  /** The stage's construct path, or `organization`. */
  readonly name: string;
  /** A workload stage or the organization-level stacks. */
  readonly role: StageRole;
  /** Every account and region its stacks deploy to, in order. */
  readonly environments: StageEnvironment[];
  /** Its stacks. */
  readonly stacks: StageStack[];
  /** How many resources its templates hold. */
  readonly resources: number;
  /** Its clauses per status. */
  readonly byStatus: StatusCount[];
  /** Open findings on its stacks (and those the report cannot place in a stack). */
  readonly openFindings: number;
  /** Acknowledgements on its stacks. */
  readonly acknowledgements: number;
  /** Opt-outs of safe defaults on its stacks. */
  readonly optOuts: number;
  /** What each check pack concluded on its stacks. */
  readonly checkPacks: CheckPackResult[];
  /**
   * For a workload stage: the mechanisms of supported clauses that the organization-level stacks
   * provide it, `clause: mechanism`.
   */
  readonly fromOrganization: string[];
  /** Every clause, in catalog order, with its status in the section. */
  readonly clauses: StageClause[];
}

/** One entry of the record of processing activities (DPP-DG-3). */
export interface ProcessingActivity {
  /** The construct path of the store. */
  readonly store: string;
  /** The stack display name. */
  readonly stack: string;
  /** The logical ID in the template. */
  readonly logicalId: string;
  /** The CloudFormation type. */
  readonly type: string;
  /** The cdk-dpp construct that made the store. */
  readonly construct?: string;
  /** The data class (`pii`, `amazon-data`, ...). */
  readonly dataClass: string;
  /** The PII fields held. */
  readonly piiFields: string[];
  /** Why the data is held. */
  readonly purpose: string;
  /** How the data is collected. */
  readonly collection: string;
  /** With whom the data is shared. */
  readonly sharing: string;
  /** Days a record is kept. */
  readonly retentionDays?: number;
  /** How data is disposed of at the end of its retention. */
  readonly disposal: string;
  /** How one person's data is erased on request (DPP-DG-4). */
  readonly erasure: string;
  /** Construct paths of the principals that may read it. */
  readonly readers: string[];
  /**
   * The fields above whose value cdk-dpp wrote (a library default, or what a construct declares
   * of itself), not the operator: `purpose`, `piiFields`, `collection`, `sharing`,
   * `retentionDays`, `disposal`, `erasure`.
   */
  readonly defaults: string[];
}

/**
 * A resource tagged with its data class: one line of the data inventory (DPP-DG-2). The inventory
 * lists the entries grouped by owner, the owners in order and the group without one last.
 */
export interface InventoryEntry {
  /** The stack display name. */
  readonly stack: string;
  /** The logical ID in the template. */
  readonly logicalId: string;
  /** The CloudFormation type. */
  readonly type: string;
  /** The construct path. */
  readonly path: string;
  /** The `dpp:data-class` tag. */
  readonly dataClass: string;
  /**
   * The `dpp:owner` tag: who answers for the resource.
   * @default - none: the resource is in the inventory's group without an owner
   */
  readonly owner?: string;
  /** Whether the resource also declares its data (and is in the record of processing). */
  readonly declared: boolean;
}

/** A count of clauses with one status. */
export interface StatusCount {
  /** The status counted. */
  readonly status: ClauseStatus;
  /** How many clauses have it. */
  readonly count: number;
}

/** The status counts of one family of clauses. */
export interface FamilyCount {
  /** The family. */
  readonly family: string;
  /** How many clauses the family has. */
  readonly total: number;
  /** How many of them have each status. */
  readonly counts: StatusCount[];
}

/** One synthesized template and its hash. */
export interface TemplateDigest {
  /** The stack display name. */
  readonly stack: string;
  /** The template file, relative to the cloud assembly. */
  readonly file: string;
  /** SHA-256 of the template file, hex. */
  readonly sha256: string;
  /** How many resources the template holds. */
  readonly resources: number;
  /** The check packs that recorded themselves on the stack, e.g. `DPP 0.1.0 (54 rules)`. */
  readonly checkedBy: string[];
}

/** What one check pack concluded. */
export interface CheckPackResult {
  /** The check pack (validation plugin) name. */
  readonly name: string;
  /**
   * `success` or `failure` as the validation report says; for the DPP pack without findings,
   * `no findings` when stacks hold its record and `not registered` when none does.
   */
  readonly conclusion: string;
  /** Open findings, one per violating resource. */
  readonly openFindings: number;
}

/** Where one stack of the app deploys, as far as the synth knew. */
export interface StackScope {
  /** The stack display name, e.g. `Prod/Keys`. */
  readonly stack: string;
  /** The stage that holds it: `app` for the app itself, else the stage's construct path. */
  readonly stage: string;
  /** The account, or `environment-agnostic` when the synth did not know it. */
  readonly account: string;
  /** The region, or `environment-agnostic` when the synth did not know it. */
  readonly region: string;
}

/** What one check pack (validation plugin) did in the synth. */
export interface PackScope {
  /** The pack (plugin) name, e.g. `DPP`, `AwsSolutions`, `CloudFormation Validate`. */
  readonly name: string;
  /** The stages it was registered on (`app` for the app); empty for an absent pack. */
  readonly registeredOn: string[];
  /** The stacks it validated: those of the stages it was registered on, and of their stages. */
  readonly stacks: string[];
  /**
   * What it concluded: `passed, no findings`, `failed, 2 open findings`, ..., or `absent:
   * registered on no stage`, which is not the same as passing.
   */
  readonly conclusion: string;
  /** Open findings, one per violating resource. */
  readonly openFindings: number;
}

/** The versions of the packages that synthesized the app. */
export interface ScopeVersions {
  /** aws-cdk-lib. */
  readonly awsCdkLib: string;
  /** cdk-nag. */
  readonly cdkNag: string;
  /** cdk-dpp. */
  readonly cdkDpp: string;
}

/** What the report covers: which app, where, from which commit, checked by which packs. */
export interface ReportScope {
  /** The app's package and version, from the synth record. */
  readonly app: string;
  /** Every stage of the app: `app` first, then construct paths. */
  readonly stages: string[];
  /** Every stack, with the environment it deploys to when the synth knew it. */
  readonly stacks: StackScope[];
  /** The git state of the assembly's folder when the report was written, in words. */
  readonly git: string;
  /**
   * The commit checked out when the report was written.
   * @default - none: not in a git repository
   */
  readonly gitCommit?: string;
  /**
   * Whether the work tree held uncommitted changes when the report was written.
   * @default - not known: not in a git repository
   */
  readonly gitDirty?: boolean;
  /** The versions of aws-cdk-lib, cdk-nag and cdk-dpp that synthesized the app. */
  readonly versions: ScopeVersions;
  /**
   * When CDK validated the app (ISO 8601 UTC), from the synth record.
   * @default - not known: no synth record
   */
  readonly synthesizedAt?: string;
  /**
   * The synth attempt, from the synth record.
   * @default - not known: no synth record
   */
  readonly attempt?: string;
  /** Where the scope comes from, or why part of it is not known. */
  readonly source: string;
  /**
   * Why the assembly is not the product of its last synth.
   * @default - nothing says it is stale
   */
  readonly staleness?: string;
  /** Every check pack that was registered or reported, and the DPP pack even when absent. */
  readonly packs: PackScope[];
}

/** The report's header: counts, versions, hashes and time. */
export interface ReportSummary {
  /** The title of the report. */
  readonly title: string;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  /** The tool that wrote the report. */
  readonly toolName: string;
  /** Its version. */
  readonly toolVersion: string;
  /** The aws-cdk-lib version that synthesized the app. */
  readonly cdkVersion: string;
  /** The cloud assembly schema version. */
  readonly cloudAssemblyVersion: string;
  /** How many clauses the report covers: the whole catalog. */
  readonly clauses: number;
  /** Clauses per status. */
  readonly byStatus: StatusCount[];
  /** Clauses per family and status. */
  readonly byFamily: FamilyCount[];
  /** Open findings of every check pack. */
  readonly openFindings: number;
  /** Open warnings on supported clauses (the clause stays `supported`). */
  readonly openWarningsOnSupported: number;
  /** Acknowledgements in the app. */
  readonly acknowledgements: number;
  /** Opt-outs of safe defaults in the app. */
  readonly optOuts: number;
  /** What each check pack concluded. */
  readonly checkPacks: CheckPackResult[];
  /** Every template and its hash. */
  readonly templates: TemplateDigest[];
  /** Which app, stages, environments, commit, versions and packs the report covers. */
  readonly scope: ReportScope;
}

/** The evidence report: what an auditor reads, built from a synthesized app. */
export interface EvidenceReport {
  /** Counts, versions, hashes and time. */
  readonly summary: ReportSummary;
  /** Every clause of the catalog, once, in catalog order. */
  readonly clauses: ClauseEvidence[];
  /** The record of processing activities (DPP-DG-3), by store. */
  readonly processingActivities: ProcessingActivity[];
  /** Every resource tagged with its data class (DPP-DG-2), by stack then logical ID. */
  readonly dataInventory: InventoryEntry[];
  /** Every acknowledgement in the app, with its reason. */
  readonly acknowledgements: ReportAcknowledgement[];
  /** Every opt-out in the app, with its reason. */
  readonly optOuts: ReportOptOut[];
  /** Every open finding of every check pack. */
  readonly findings: ReportFinding[];
  /**
   * The sections of an app of several stages: each workload stage, then the organization-level
   * stacks.
   * @default - none: the app makes one section
   */
  readonly stages?: StageSection[];
}
