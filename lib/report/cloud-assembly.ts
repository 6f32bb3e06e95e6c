import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DATA_CLASS_TAG } from '../../constructs/common/data-class';
import { DPP_METADATA_KEY } from '../../constructs/common/dpp-metadata';
import { OWNER_TAG } from '../../constructs/common/owner';
import { ACKNOWLEDGEMENT_METADATA_TYPE } from '../checks/acknowledgement-record';
import { CHECKS_METADATA_TYPE, ChecksRecord } from '../checks/checks-record';
import {
  JUDGEMENTS_FILE,
  JudgementOutcome,
  JudgementsRecord,
  ResourceJudgements,
} from '../checks/judgements';
import {
  SYNTH_ATTEMPT_FILE,
  SYNTH_RECORD_FILE,
  SynthAttempt,
  SynthRecord,
} from '../checks/synth-record';
import { tagOf } from '../controls/template-values';
import { NOT_APPLICABLE_METADATA } from './clause-not-applicable';
import { GitState, gitStateOf } from './git-state';
import { compare } from './order';
import { ORGANIZATION_LEVEL_METADATA } from './organization-level';
import { ReportInputError } from './report-input-error';
import { synthStaleness } from './synth-staleness';
import { resourceLines } from './template-lines';

/** The file CDK's policy validation writes its findings to, at the root of the assembly. */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

const MANIFEST_FILE = 'manifest.json';
const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';
const TREE_ARTIFACT = 'cdk:tree';
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
const LOGICAL_ID = 'aws:cdk:logicalId';
const PATH_METADATA = 'aws:cdk:path';

/** The record of processing one store declares in its `cdk-dpp` metadata (DPP-DG-3). */
export interface DeclaredData {
  /** The data class (`pii`, `amazon-data`, ...). */
  readonly dataClass: string;
  /** Why the data is held. */
  readonly purpose: string;
  /** The PII fields held, in the declared order. */
  readonly piiFields: string[];
  /** How the data is collected. */
  readonly collection: string;
  /** With whom the data is shared. */
  readonly sharing: string;
  /** How long a record is kept, in days; undefined when not declared. */
  readonly retentionDays?: number;
  /** How data is disposed of at the end of its retention. */
  readonly disposal: string;
  /** How one person's data is erased on request (DPP-DG-4). */
  readonly erasure: string;
  /** Construct paths of the principals granted read access. */
  readonly readers: string[];
  /** The fields whose value cdk-dpp wrote, not the operator. */
  readonly defaults: string[];
}

/** An opt-out of a safe default, as a construct recorded it. */
export interface DeclaredOptOut {
  /** The prop that opted out. */
  readonly setting: string;
  /** The clauses the opt-out gives up or weakens. */
  readonly clauses: string[];
  /** Why, in the operator's words. */
  readonly reason: string;
  /**
   * Whether cdk-dpp wrote the reason, not the operator.
   * @default false
   */
  readonly byLibrary?: boolean;
}

/** A supported clause a construct declared not applicable where it stands (`declareNotApplicable`). */
export interface DeclaredNotApplicable {
  /** The clause, e.g. `SOC-C6`. */
  readonly clause: string;
  /** The cdk-dpp construct that declared it. */
  readonly construct: string;
  /** Why the clause does not apply, as declared. */
  readonly reason: string;
  /** The construct path the declaration is written on, without a leading slash. */
  readonly path: string;
  /** The stack's display name, e.g. `NonProduction/Data`. */
  readonly stack: string;
}

/** One CloudFormation resource of a synthesized stack. */
export interface AssemblyResource {
  /** The stack's display name, e.g. `Prod/Data`. */
  readonly stack: string;
  /** The logical ID in the template. */
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::S3::Bucket`. */
  readonly type: string;
  /** The construct path, without a leading slash. */
  readonly path: string;
  /** The cdk-dpp construct that made it, when one did. */
  readonly construct?: string;
  /** The clauses the construct says the resource implements. */
  readonly implements: string[];
  /** The data the resource declares it holds, for data stores. */
  readonly data?: DeclaredData;
  /** The opt-outs of safe defaults recorded on the resource. */
  readonly optOuts: DeclaredOptOut[];
  /** The `dpp:data-class` tag. */
  readonly dataClassTag?: string;
  /**
   * The `dpp:owner` tag (DPP-DG-2).
   * @default - none: the resource carries no owner tag
   */
  readonly ownerTag?: string;
  /**
   * The line, counted from 1, of the logical ID in the template file.
   * @default - not known
   */
  readonly templateLine?: number;
  /**
   * The template `Properties`, as written.
   * @default - none
   */
  readonly properties?: Record<string, unknown>;
  /**
   * The template `Metadata`, as written.
   * @default - none
   */
  readonly metadata?: Record<string, unknown>;
}

/** One synthesized stack template. */
export interface AssemblyStack {
  /** The display name, e.g. `Prod/Data`. */
  readonly name: string;
  /** The template file, relative to the root of the assembly. */
  readonly templateFile: string;
  /** SHA-256 of the template file, hex. */
  readonly sha256: string;
  /** How many resources the template holds. */
  readonly resourceCount: number;
  /**
   * The check packs that recorded themselves on the stack (`cdk-dpp:checks` metadata), by pack
   * name: the packs that checked it, even those that found nothing.
   */
  readonly checks: ChecksRecord[];
  /**
   * The construct path of the stage whose nested cloud assembly holds the stack.
   * @default - the app itself: the stack is in the root assembly
   */
  readonly stage?: string;
  /**
   * The account the manifest gives the stack's environment (`aws://ACCOUNT/REGION`).
   * @default - environment-agnostic: the synth did not know it
   */
  readonly account?: string;
  /**
   * The region the manifest gives the stack's environment.
   * @default - environment-agnostic: the synth did not know it
   */
  readonly region?: string;
  /**
   * Why the stack says it holds organization-level controls: the reasons of its
   * `cdk-dpp:organization-level` metadata (`markOrganizationLevel`), joined.
   * @default - the stack carries no such marker
   */
  readonly organizationLevel?: string;
  /**
   * The supported clauses constructs of the stack declared not applicable to it
   * (`cdk-dpp:not-applicable` metadata), by construct path then clause.
   * @default - none declared
   */
  readonly notApplicable?: DeclaredNotApplicable[];
}

/** A rule acknowledged on a construct and everything below it, with the reason given. */
export interface AssemblyAcknowledgement {
  /** The construct path it was acknowledged on, without a leading slash. */
  readonly path: string;
  /** The acknowledged rule, e.g. `DPP-S3BucketTlsOnly[SecureTransport]` or `AwsSolutions-S1`. */
  readonly rule: string;
  /** The reason given. */
  readonly reason: string;
  /**
   * Whether a cdk-dpp construct made it (its `cdk-dpp:acknowledgement` record says so).
   * @default false
   */
  readonly builtIn?: boolean;
  /**
   * The cdk-dpp construct that made it, for a built-in acknowledgement.
   * @default - none
   */
  readonly construct?: string;
  /**
   * The team or role answerable for it.
   * @default - none: the acknowledgement is ungoverned
   */
  readonly owner?: string;
  /**
   * The last day it holds, `YYYY-MM-DD`.
   * @default - none: the acknowledgement is ungoverned
   */
  readonly expires?: string;
  /**
   * The ticket that tracks it.
   * @default - none
   */
  readonly ticket?: string;
}

/** One resource a validation plugin reported against a rule. */
export interface AssemblyFinding {
  /** The validation plugin that reported it, e.g. `DPP` or `AwsSolutions`. */
  readonly plugin: string;
  /** The rule as reported, e.g. `DPP-S3BucketTlsOnly[SecureTransport]`. */
  readonly rule: string;
  /** `error`, `warning`, `info`, `fatal` or `custom`. */
  readonly severity: string;
  /** What the plugin says is wrong. */
  readonly description: string;
  /** The construct path of the violating resource, without a leading slash. */
  readonly path: string;
}

/** What one validation plugin concluded. */
export interface AssemblyPluginReport {
  /** The plugin name. */
  readonly name: string;
  /** `success` or `failure`. */
  readonly conclusion: string;
  /** Open findings, one per violating resource. */
  readonly findingCount: number;
}

/** Everything the evidence report reads from a cloud assembly. */
export interface AssemblyContents {
  /** The absolute path of the cloud assembly. */
  readonly directory: string;
  /** The cloud assembly schema version. */
  readonly schemaVersion: string;
  /** The aws-cdk-lib version that synthesized it, when the construct tree says. */
  readonly cdkVersion?: string;
  /** Every stack template, nested assemblies included, by name. */
  readonly stacks: AssemblyStack[];
  /** Every resource of every stack, by stack then logical ID. */
  readonly resources: AssemblyResource[];
  /** Every acknowledgement, by construct path then rule. */
  readonly acknowledgements: AssemblyAcknowledgement[];
  /** Plugins with findings; CDK leaves out a plugin that found nothing. */
  readonly plugins: AssemblyPluginReport[];
  /** Every open finding, by plugin, rule and construct path. */
  readonly findings: AssemblyFinding[];
  /**
   * What the DPP pack concluded on every resource it judged, when it wrote its record into the
   * assembly (it does whenever CDK runs it at synth).
   * @default - none: the pack did not write its judgements
   */
  readonly judgements?: JudgementsRecord;
  /**
   * The marker of the last synth attempt the DPP pack started (`cdk-dpp-attempt.json`).
   * @default - none: no DPP pack was constructed with a scope
   */
  readonly synthAttempt?: SynthAttempt;
  /**
   * What the DPP pack recorded when CDK validated the app (`cdk-dpp-synth.json`): versions,
   * plugins per stage, environment per stack.
   * @default - none: no DPP pack constructed with a scope was validated
   */
  readonly synthRecord?: SynthRecord;
  /**
   * Why the assembly is not the product of its last synth, in one line.
   * @default - nothing says it is stale
   */
  readonly staleness?: string;
  /**
   * The git state of the assembly's folder when it was read.
   * @default - not read
   */
  readonly git?: GitState;
}

type Json = Record<string, unknown>;

/**
 * Reads a cloud assembly (`cdk.out`), its nested assemblies (stages) included: templates,
 * manifests, construct metadata and the validation report. Everything is sorted, so the same
 * assembly always gives the same contents.
 *
 * @throws ReportInputError when the directory is missing, empty, not a cloud assembly, or holds
 * a file that cannot be parsed
 */
export function readCloudAssembly(directory: string): AssemblyContents {
  const root = path.resolve(directory);
  if (!fs.existsSync(root)) {
    throw new ReportInputError(`${directory} does not exist: run \`cdk synth\` first.`);
  }
  if (!fs.statSync(root).isDirectory()) {
    throw new ReportInputError(`${directory} is not a directory: pass the cloud assembly folder.`);
  }
  if (fs.readdirSync(root).length === 0) {
    throw new ReportInputError(`${directory} is empty: run \`cdk synth\` first.`);
  }
  const synthAttempt = readSynthFile(root, SYNTH_ATTEMPT_FILE, toSynthAttempt);
  const synthRecord = readSynthFile(root, SYNTH_RECORD_FILE, toSynthRecord);
  const staleness = synthStaleness({
    directory,
    attempt: synthAttempt,
    record: synthRecord,
    manifestWritten: writtenAt(root, MANIFEST_FILE),
    recordWritten: writtenAt(root, SYNTH_RECORD_FILE),
    validationReportWritten: writtenAt(root, VALIDATION_REPORT_FILE),
  });
  if (!fs.existsSync(path.join(root, MANIFEST_FILE))) {
    // A synth that failed before writing its manifest: say so rather than "not an assembly".
    if (staleness) throw new ReportInputError(staleness);
    throw new ReportInputError(
      `${directory} is not a cloud assembly (no ${MANIFEST_FILE}): pass the folder \`cdk synth\` writes.`,
    );
  }
  const reader = new AssemblyReader(root);
  reader.readAssembly('');
  const schemaVersion = stringOr(readJson(root, MANIFEST_FILE).version, 'unknown');
  const validation = readValidationReport(root, directory);
  if (reader.stacks.length === 0) {
    throw new ReportInputError(
      `${directory} is a cloud assembly without stacks: nothing to report.`,
    );
  }
  return {
    directory: root,
    schemaVersion,
    cdkVersion: reader.cdkVersion,
    stacks: reader.stacks.sort((a, b) => compare(a.name, b.name)),
    resources: reader.resources.sort(
      (a, b) => compare(a.stack, b.stack) || compare(a.logicalId, b.logicalId),
    ),
    acknowledgements: dedupe(reader.acknowledgements).sort(
      (a, b) => compare(a.path, b.path) || compare(a.rule, b.rule),
    ),
    plugins: validation.plugins.sort((a, b) => compare(a.name, b.name)),
    findings: validation.findings.sort(
      (a, b) => compare(a.plugin, b.plugin) || compare(a.rule, b.rule) || compare(a.path, b.path),
    ),
    judgements: readJudgements(root),
    synthAttempt,
    synthRecord,
    staleness,
    git: gitStateOf(root),
  };
}

const OUTCOMES: ReadonlySet<string> = new Set(Object.values(JudgementOutcome));

/** The judgements the DPP pack wrote, if it wrote any; a file that is not its record is an error. */
function readJudgements(root: string): JudgementsRecord | undefined {
  if (!fs.existsSync(path.join(root, JUDGEMENTS_FILE))) return undefined;
  const record = readJson(root, JUDGEMENTS_FILE);
  if (!Array.isArray(record.resources)) {
    throw new ReportInputError(
      `${JUDGEMENTS_FILE} is not a record of the DPP pack (no resources list): synth again.`,
    );
  }
  const resources: ResourceJudgements[] = record.resources.map((item: unknown) => {
    const entry = asObject(item, `${JUDGEMENTS_FILE} resource`);
    if (typeof entry.path !== 'string' || entry.path === '') {
      throw new ReportInputError(
        `${JUDGEMENTS_FILE} holds a resource without a construct path: synth again.`,
      );
    }
    const rules = asObject(entry.rules ?? {}, `${JUDGEMENTS_FILE} rules of ${entry.path}`);
    return {
      path: trimSlash(entry.path),
      type: stringOr(entry.type, 'unknown'),
      rules: Object.fromEntries(
        Object.entries(rules).filter(([, outcome]) => OUTCOMES.has(String(outcome))),
      ) as Record<string, JudgementOutcome>,
    };
  });
  return {
    pack: stringOr(record.pack, 'unknown'),
    version: stringOr(record.version, 'unknown'),
    resources,
  };
}

/** Reads one of the files the DPP pack leaves at the root of the assembly, when it is there. */
function readSynthFile<T>(
  root: string,
  file: string,
  parse: (json: Json) => T | undefined,
): T | undefined {
  if (!fs.existsSync(path.join(root, file))) return undefined;
  const parsed = parse(readJson(root, file));
  if (parsed === undefined) {
    throw new ReportInputError(`${file} is not a record cdk-dpp wrote: delete it and synth again.`);
  }
  return parsed;
}

function toSynthAttempt(json: Json): SynthAttempt | undefined {
  if (typeof json.id !== 'string' || typeof json.startedAt !== 'string') return undefined;
  return { id: json.id, startedAt: json.startedAt };
}

function toSynthRecord(json: Json): SynthRecord | undefined {
  const { attempt, startedAt, validatedAt } = json;
  const app = (json.app ?? {}) as Json;
  const versions = (json.versions ?? {}) as Json;
  if (
    typeof attempt !== 'string' ||
    typeof startedAt !== 'string' ||
    typeof validatedAt !== 'string' ||
    typeof app.name !== 'string' ||
    !Array.isArray(json.stages) ||
    !Array.isArray(json.stacks)
  ) {
    return undefined;
  }
  const objects = (items: unknown[]) =>
    items.filter((i): i is Json => !!i && typeof i === 'object' && !Array.isArray(i));
  return {
    attempt,
    startedAt,
    validatedAt,
    app: { name: app.name, version: typeof app.version === 'string' ? app.version : undefined },
    versions: {
      awsCdkLib: stringOr(versions.awsCdkLib, 'unknown'),
      cdkNag: stringOr(versions.cdkNag, 'unknown'),
      cdkDpp: stringOr(versions.cdkDpp, 'unknown'),
    },
    stages: objects(json.stages)
      .filter((s) => typeof s.stage === 'string')
      .map((s) => ({ stage: s.stage as string, plugins: strings(s.plugins) })),
    stacks: objects(json.stacks)
      .filter((s) => typeof s.stack === 'string')
      .map((s) => ({
        stack: s.stack as string,
        stage: stringOr(s.stage, ''),
        account: typeof s.account === 'string' ? s.account : undefined,
        region: typeof s.region === 'string' ? s.region : undefined,
      })),
  };
}

/** When a file of the assembly was last written, in ms; undefined when it is missing. */
function writtenAt(root: string, file: string): number | undefined {
  const full = path.join(root, file);
  return fs.existsSync(full) ? fs.statSync(full).mtimeMs : undefined;
}

class AssemblyReader {
  public readonly stacks: AssemblyStack[] = [];
  public readonly resources: AssemblyResource[] = [];
  public readonly acknowledgements: AssemblyAcknowledgement[] = [];
  public cdkVersion?: string;
  private readonly assembliesRead = new Set<string>();

  public constructor(private readonly root: string) {}

  /**
   * Reads the assembly in `dir` (relative to the root) and the nested assemblies it lists; `stage`
   * is the construct path of the stage it belongs to (a nested assembly's `displayName`), empty
   * for the root.
   */
  public readAssembly(dir: string, stage = ''): void {
    const manifestFile = path.join(dir, MANIFEST_FILE);
    this.assembliesRead.add(path.normalize(dir));
    const artifacts = objectAt(readJson(this.root, manifestFile), 'artifacts', manifestFile);
    for (const id of Object.keys(artifacts).sort()) {
      const artifact = asObject(artifacts[id], `${manifestFile} artifact ${id}`);
      const properties = (artifact.properties ?? {}) as Json;
      if (artifact.type === STACK_ARTIFACT) {
        this.readStack(dir, id, artifact, properties, stage);
      } else if (artifact.type === NESTED_ASSEMBLY_ARTIFACT) {
        const nested = requiredString(properties.directoryName, manifestFile);
        if (this.assembliesRead.has(path.normalize(path.join(dir, nested)))) {
          throw new ReportInputError(
            `${manifestFile} lists the nested assembly ${nested} in a loop: the cloud assembly is corrupt.`,
          );
        }
        this.readAssembly(path.join(dir, nested), stringOr(properties.displayName, nested));
      } else if (artifact.type === TREE_ARTIFACT && this.cdkVersion === undefined) {
        this.cdkVersion = this.readCdkVersion(path.join(dir, stringOr(properties.file, '')));
      }
    }
  }

  private readStack(
    dir: string,
    id: string,
    artifact: Json,
    properties: Json,
    stage: string,
  ): void {
    const name = stringOr(artifact.displayName, id);
    const templateFile = path.join(dir, requiredString(properties.templateFile, MANIFEST_FILE));
    const template = readJson(this.root, templateFile);
    const bytes = fs.readFileSync(path.join(this.root, templateFile));
    const lines = resourceLines(bytes.toString('utf8'));
    const resources = asObject(template.Resources ?? {}, `${templateFile} Resources`);
    const metadata = this.stackMetadata(dir, artifact);
    const pathsByLogicalId = new Map<string, string>();
    const checks = new Map<string, ChecksRecord>();
    const organizationLevel: string[] = [];
    const notApplicable: DeclaredNotApplicable[] = [];
    for (const [constructPath, entries] of Object.entries(metadata)) {
      const governance = governanceByRule(entries);
      for (const entry of entries) {
        if (entry.type === ORGANIZATION_LEVEL_METADATA) {
          organizationLevel.push(stringOr((entry.data as Json | undefined)?.reason, '').trim());
        }
        if (entry.type === NOT_APPLICABLE_METADATA) {
          const declared = toDeclaredNotApplicable(entry.data, trimSlash(constructPath), name);
          if (declared) notApplicable.push(declared);
        }
        if (entry.type === CHECKS_METADATA_TYPE) {
          const record = toChecksRecord(entry.data);
          if (record) checks.set(record.pack, record);
        }
        if (entry.type === LOGICAL_ID && typeof entry.data === 'string') {
          pathsByLogicalId.set(entry.data, trimSlash(constructPath));
        }
        if (entry.type === ACKNOWLEDGED_RULES && entry.data && typeof entry.data === 'object') {
          for (const [rule, reason] of Object.entries(entry.data as Json)) {
            const id = withoutAnnotationNamespace(rule);
            this.acknowledgements.push({
              path: trimSlash(constructPath),
              rule: id,
              reason: String(reason),
              ...governance.get(id),
            });
          }
        }
      }
    }
    for (const logicalId of Object.keys(resources)) {
      const resource = asObject(resources[logicalId], `${templateFile} resource ${logicalId}`);
      this.resources.push({
        ...toResource(
          name,
          logicalId,
          resource,
          pathsByLogicalId,
          `${templateFile} resource ${logicalId}`,
        ),
        templateLine: lines.get(logicalId),
      });
    }
    this.stacks.push({
      name,
      templateFile: toPosix(templateFile),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      resourceCount: Object.keys(resources).length,
      checks: [...checks.values()].sort((a, b) => compare(a.pack, b.pack)),
      ...(stage !== '' && { stage }),
      ...environmentOf(artifact.environment),
      ...(organizationLevel.length > 0 && {
        organizationLevel: [...new Set(organizationLevel)].filter(Boolean).join('; ') || 'marked',
      }),
      ...(notApplicable.length > 0 && {
        notApplicable: notApplicable.sort(
          (a, b) => compare(a.path, b.path) || compare(a.clause, b.clause),
        ),
      }),
    });
  }

  /** Construct metadata of a stack: the additional metadata file, and the manifest's own. */
  private stackMetadata(dir: string, artifact: Json): Record<string, Json[]> {
    const merged: Record<string, Json[]> = {};
    const add = (source: unknown, file: string) => {
      for (const [constructPath, entries] of Object.entries(asObject(source ?? {}, file))) {
        if (!Array.isArray(entries)) continue;
        merged[constructPath] = [
          ...(merged[constructPath] ?? []),
          ...entries.filter((e): e is Json => !!e && typeof e === 'object'),
        ];
      }
    };
    add(artifact.metadata, path.join(dir, MANIFEST_FILE));
    if (typeof artifact.additionalMetadataFile === 'string') {
      const file = path.join(dir, artifact.additionalMetadataFile);
      add(readJson(this.root, file), file);
    }
    return merged;
  }

  private readCdkVersion(treeFile: string): string | undefined {
    if (!fs.existsSync(path.join(this.root, treeFile))) return undefined;
    const tree = (readJson(this.root, treeFile).tree ?? {}) as Json;
    const info = (tree.constructInfo ?? {}) as Json;
    return typeof info.version === 'string' ? info.version : undefined;
  }
}

/**
 * The account and region of a stack artifact's `environment`, `aws://ACCOUNT/REGION`; CDK writes
 * `unknown-account` and `unknown-region` for what it did not know at synth.
 */
function environmentOf(environment: unknown): { account?: string; region?: string } {
  const match = /^aws:\/\/([^/]*)\/(.*)$/.exec(typeof environment === 'string' ? environment : '');
  if (!match) return {};
  const [, account, region] = match;
  return {
    ...(account !== '' && account !== 'unknown-account' && { account }),
    ...(region !== '' && region !== 'unknown-region' && { region }),
  };
}

function toResource(
  stack: string,
  logicalId: string,
  resource: Json,
  pathsByLogicalId: ReadonlyMap<string, string>,
  where: string,
): AssemblyResource {
  const metadata = (resource.Metadata ?? {}) as Json;
  const dpp = (metadata[DPP_METADATA_KEY] ?? {}) as Json;
  const constructPath =
    typeof metadata[PATH_METADATA] === 'string'
      ? trimSlash(metadata[PATH_METADATA])
      : (pathsByLogicalId.get(logicalId) ?? `${stack}/${logicalId}`);
  return {
    stack,
    logicalId,
    type: stringOr(resource.Type, 'unknown'),
    path: constructPath,
    construct: typeof dpp.construct === 'string' ? dpp.construct : undefined,
    implements: strings(dpp.implements),
    data: toDeclaredData(dpp.data),
    optOuts: (Array.isArray(dpp.optOuts) ? dpp.optOuts : [])
      .map((entry: unknown) => asObject(entry, `${where} opt-out`))
      .map((o) => ({
        setting: stringOr(o.setting, ''),
        clauses: strings(o.clauses),
        reason: stringOr(o.reason, ''),
        ...(o.byLibrary === true && { byLibrary: true }),
      })),
    dataClassTag: tagOf((resource.Properties ?? {}) as Json, DATA_CLASS_TAG),
    ownerTag: tagOf((resource.Properties ?? {}) as Json, OWNER_TAG),
    properties: (resource.Properties ?? {}) as Json,
    metadata,
  };
}

type Governance = Pick<
  AssemblyAcknowledgement,
  'builtIn' | 'construct' | 'owner' | 'expires' | 'ticket'
>;

/** The `cdk-dpp:acknowledgement` records among the metadata of one construct, by rule id. */
function governanceByRule(entries: readonly Json[]): Map<string, Governance> {
  const byRule = new Map<string, Governance>();
  for (const entry of entries) {
    if (entry.type !== ACKNOWLEDGEMENT_METADATA_TYPE || !entry.data) continue;
    const d = entry.data as Json;
    if (typeof d.id !== 'string') continue;
    const governance: Governance = {
      builtIn: d.builtIn === true,
      construct: typeof d.construct === 'string' ? d.construct : undefined,
      owner: typeof d.owner === 'string' ? d.owner : undefined,
      expires: typeof d.expires === 'string' ? d.expires : undefined,
      ticket: typeof d.ticket === 'string' ? d.ticket : undefined,
    };
    byRule.set(
      withoutAnnotationNamespace(d.id),
      Object.fromEntries(Object.entries(governance).filter(([, v]) => v !== undefined)),
    );
  }
  return byRule;
}

/** `Annotation::AwsSolutions-S1` (the namespace CDK gives an id without one) -> `AwsSolutions-S1`. */
function withoutAnnotationNamespace(id: string): string {
  return id.replace(/^annotation::/i, '');
}

/** A declaration of the `cdk-dpp:not-applicable` metadata; undefined when it names no clause. */
function toDeclaredNotApplicable(
  data: unknown,
  constructPath: string,
  stack: string,
): DeclaredNotApplicable | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const json = data as Json;
  if (typeof json.clause !== 'string' || json.clause === '') return undefined;
  return {
    clause: json.clause,
    construct: stringOr(json.construct, 'unknown'),
    reason: stringOr(json.reason, ''),
    path: constructPath,
    stack,
  };
}

function toChecksRecord(data: unknown): ChecksRecord | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Json;
  if (typeof d.pack !== 'string' || d.pack === '') return undefined;
  return { pack: d.pack, version: stringOr(d.version, 'unknown'), rules: strings(d.rules) };
}

function toDeclaredData(data: unknown): DeclaredData | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Json;
  return {
    dataClass: stringOr(d.dataClass, ''),
    purpose: stringOr(d.purpose, ''),
    piiFields: strings(d.piiFields),
    collection: stringOr(d.collection, ''),
    sharing: stringOr(d.sharing, ''),
    retentionDays: typeof d.retentionDays === 'number' ? d.retentionDays : undefined,
    disposal: stringOr(d.disposal, ''),
    erasure: stringOr(d.erasure, ''),
    readers: strings(d.readers).map(trimSlash).sort(compare),
    defaults: strings(d.defaults),
  };
}

function readValidationReport(
  root: string,
  directory: string,
): { plugins: AssemblyPluginReport[]; findings: AssemblyFinding[] } {
  if (!fs.existsSync(path.join(root, VALIDATION_REPORT_FILE))) {
    throw new ReportInputError(
      `${directory} has no ${VALIDATION_REPORT_FILE}, so no check pack ran during synth: ` +
        'register one with `Validations.of(app).addPlugins(new DppChecks(app))` and synth again.',
    );
  }
  const report = readJson(root, VALIDATION_REPORT_FILE);
  const pluginReports = report.pluginReports;
  if (!Array.isArray(pluginReports)) {
    throw new ReportInputError(
      `${path.join(directory, VALIDATION_REPORT_FILE)} is not a validation report (no pluginReports list).`,
    );
  }
  const plugins: AssemblyPluginReport[] = [];
  const findings: AssemblyFinding[] = [];
  for (const item of pluginReports) {
    const plugin = asObject(item, VALIDATION_REPORT_FILE);
    const name = stringOr(plugin.pluginName, 'unknown');
    const violations = Array.isArray(plugin.violations) ? plugin.violations : [];
    let count = 0;
    for (const entry of violations) {
      const violation = asObject(entry, `${VALIDATION_REPORT_FILE} violation of ${name}`);
      const constructs = Array.isArray(violation.violatingConstructs)
        ? violation.violatingConstructs
        : [];
      for (const item of constructs) {
        const construct = asObject(
          item,
          `${VALIDATION_REPORT_FILE} violating construct of ${name}`,
        );
        count++;
        findings.push({
          plugin: name,
          rule: stringOr(violation.ruleName, 'unknown'),
          severity: stringOr(violation.severity, 'error'),
          description: stringOr(violation.description, ''),
          path: violatingPath(construct),
        });
      }
    }
    plugins.push({ name, conclusion: stringOr(plugin.conclusion, 'unknown'), findingCount: count });
  }
  return { plugins, findings };
}

/**
 * Where a violation is: the construct path, or the template and logical ID when a plugin that
 * reads templates (CloudFormation Guard) could not name a construct.
 */
function violatingPath(construct: Json): string {
  const constructPath = trimSlash(stringOr(construct.constructPath, ''));
  if (constructPath) return constructPath;
  const resource = (construct.cloudFormationResource ?? {}) as Json;
  const template = path.basename(stringOr(resource.templatePath, ''));
  const logicalId = stringOr(resource.logicalId, '');
  return template || logicalId ? `${template}:${logicalId}` : '(no resource named)';
}

function readJson(root: string, file: string): Json {
  const full = path.join(root, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new ReportInputError(`${file} is missing from the cloud assembly: synth again.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(
      `${file} is not valid JSON (${(error as Error).message.split('\n')[0]}): synth again.`,
    );
  }
  return asObject(parsed, file);
}

function asObject(value: unknown, where: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReportInputError(`${where} is not a JSON object: the cloud assembly is corrupt.`);
  }
  return value as Json;
}

function objectAt(value: Json, key: string, where: string): Json {
  return asObject(value[key] ?? {}, `${where} ${key}`);
}

function requiredString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ReportInputError(
      `${where} names no file for an artifact: the cloud assembly is corrupt.`,
    );
  }
  return value;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function trimSlash(constructPath: string): string {
  return constructPath.replace(/^\/+/, '');
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function dedupe(acks: AssemblyAcknowledgement[]): AssemblyAcknowledgement[] {
  const seen = new Map<string, AssemblyAcknowledgement>();
  for (const ack of acks) seen.set(`${ack.path}\u0000${ack.rule}`, ack);
  return [...seen.values()];
}
