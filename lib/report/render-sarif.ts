import { createHash } from 'crypto';
import { baseRule } from '../checks/base-rule';
import { DppChecks } from '../checks/dpp-checks';
import { DppRule, ruleName } from '../checks/dpp-rule';
import { DPP_RULES } from '../checks/rule-table';
import { controlById, isControlId } from '../controls';
import { VALIDATION_REPORT_FILE } from './cloud-assembly';
import { EvidenceReport, ReportFinding } from './evidence-report';
import { compare } from './order';

/** The SARIF version the export conforms to. */
export const SARIF_VERSION = '2.1.0';

/** The OASIS SARIF 2.1.0 schema (Errata 01) the export is valid against. */
const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The base every file location is relative to: the cloud assembly folder. */
const ASSEMBLY_BASE = 'CDK_OUT';

/** The policy the DPP pack checks, the documentation its findings point to. */
const DPP_POLICY_URL = 'https://developer-docs.amazon.com/sp-api/docs/data-protection-policy';

/** The key of the fingerprint that stays the same across runs for the same finding. */
const FINGERPRINT = 'cdkDppFinding/v1';

const DPP_PACK = new DppChecks().name;

type Json = Record<string, unknown>;

/**
 * Renders the open findings of the report as a SARIF 2.1.0 log, for code-scanning tools (GitHub
 * code scanning and others). One run per check pack the validation report lists (those with open
 * findings, and those it says succeeded) and always one for the DPP pack, so a pack that ran and
 * found nothing has a run without results, so tools can close its earlier alerts. The DPP run lists every
 * rule of the pack; the other runs list the rules that have findings. Each open finding is one
 * result: `ruleId` is the base rule (`DPP-S3BucketTlsOnly`) and `properties.finding` the
 * granular one (`DPP-S3BucketTlsOnly[SecureTransport]`); its physical location is the template
 * (relative to the cloud assembly, base `CDK_OUT`), at the line of the resource's logical ID
 * when known, or `validation-report.json` when the finding names no stack; its logical location
 * is the construct path. Every template is an artifact with its SHA-256. In an app of several
 * stages, `properties.stage` names the section of the finding's stack (`EvidenceReport.stages`).
 *
 * Acknowledged findings are not in the validation report, so they are not results: each run
 * lists the acknowledgements of its pack, with their reasons, in `properties.acknowledgements`.
 * When the DPP pack left no record of applying every rule on some stacks, its invocation is not
 * successful and names them, so zero results there never reads as a clean app. The log holds no
 * time stamp: the same report gives the same log.
 */
export function renderSarif(report: EvidenceReport): Json {
  const packs = [
    DPP_PACK,
    ...report.summary.checkPacks.map((p) => p.name),
    ...report.findings.map((f) => f.plugin),
  ]
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort(compare);
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: packs.map((pack) => run(report, pack)),
  };
}

function run(report: EvidenceReport, pack: string): Json {
  const { summary } = report;
  const findings = report.findings.filter((f) => f.plugin === pack);
  const isDpp = pack === DPP_PACK;
  const rules = [
    ...(isDpp ? DPP_RULES.map(dppRuleDescriptor) : []),
    ...findings.map(findingRuleDescriptor),
  ].filter((rule, i, all) => all.findIndex((r) => r.id === rule.id) === i);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifactIndex = new Map(summary.templates.map((t, i) => [t.file, i]));
  const conclusion = summary.checkPacks.find((p) => p.name === pack)?.conclusion;
  const stageOf = new Map(
    (report.stages ?? []).flatMap((stage) => stage.stacks.map((s) => [s.stack, stage.name])),
  );
  return {
    tool: {
      driver: {
        name: pack,
        ...(isDpp
          ? {
              fullName: `${summary.toolName} ${pack} check pack`,
              version: summary.toolVersion,
              informationUri: DPP_POLICY_URL,
            }
          : {}),
        rules: rules.map(({ descriptor }) => descriptor),
      },
    },
    ...(isDpp ? { invocations: [dppInvocation(report)] } : {}),
    originalUriBaseIds: {
      [ASSEMBLY_BASE]: {
        description: { text: 'The cloud assembly folder (`cdk synth` output) the report read.' },
      },
    },
    artifacts: summary.templates.map((t) => ({
      location: { uri: t.file, uriBaseId: ASSEMBLY_BASE },
      description: { text: `CloudFormation template of stack ${t.stack}.` },
      mimeType: 'application/json',
      hashes: { 'sha-256': t.sha256 },
      roles: ['analysisTarget'],
    })),
    results: findings.map((f) => result(f, ruleIndex, artifactIndex, stageOf)),
    properties: {
      ...(conclusion === undefined ? {} : { conclusion }),
      acknowledgements: report.acknowledgements.filter((a) => a.pack === pack),
    },
  };
}

interface RuleDescriptor {
  /** The rule id, as results name it. */
  readonly id: string;
  /** The SARIF reportingDescriptor. */
  readonly descriptor: Json;
}

function dppRuleDescriptor(rule: DppRule): RuleDescriptor {
  const id = ruleName(rule);
  return {
    id,
    descriptor: {
      id,
      name: rule.id,
      shortDescription: { text: `${rule.summary}.` },
      fullDescription: { text: rule.explanation },
      help: { text: `Fix: ${rule.fix.charAt(0).toUpperCase()}${rule.fix.slice(1)}` },
      defaultConfiguration: { level: sarifLevel(String(rule.level)) },
      properties: { clauses: [...rule.clauses], tags: tags(rule.clauses) },
    },
  };
}

/** A rule known only from its finding: another pack's, or a DPP rule no longer in the table. */
function findingRuleDescriptor(finding: ReportFinding): RuleDescriptor {
  const id = baseRule(finding.rule);
  return {
    id,
    descriptor: {
      id,
      shortDescription: { text: finding.description },
      defaultConfiguration: { level: sarifLevel(finding.severity) },
      properties: { clauses: [...finding.clauses], tags: tags(finding.clauses) },
    },
  };
}

function result(
  f: ReportFinding,
  ruleIndex: ReadonlyMap<string, number>,
  artifactIndex: ReadonlyMap<string, number>,
  stageOf: ReadonlyMap<string, string>,
): Json {
  const stage = f.stack === undefined ? undefined : stageOf.get(f.stack);
  const ruleId = baseRule(f.rule);
  const file = f.templateFile ?? VALIDATION_REPORT_FILE;
  const index = artifactIndex.get(file);
  return {
    ruleId,
    ruleIndex: ruleIndex.get(ruleId),
    level: sarifLevel(f.severity),
    message: { text: f.description },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: file,
            uriBaseId: ASSEMBLY_BASE,
            ...(index === undefined ? {} : { index }),
          },
          ...(f.templateLine === undefined ? {} : { region: { startLine: f.templateLine } }),
        },
        logicalLocations: [
          {
            ...(f.logicalId === undefined ? {} : { name: f.logicalId }),
            fullyQualifiedName: f.path,
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: {
      [FINGERPRINT]: createHash('sha256')
        .update([f.plugin, f.rule, f.path].join('\u0000'))
        .digest('hex'),
    },
    properties: {
      finding: f.rule,
      clauses: [...f.clauses],
      ...(f.stack === undefined ? {} : { stack: f.stack }),
      ...(stage === undefined ? {} : { stage }),
      ...(f.logicalId === undefined ? {} : { logicalId: f.logicalId }),
    },
  };
}

/**
 * The invocation of the DPP pack: not successful when a stack holds no record that the pack
 * applied every rule to it, since finding nothing there proves nothing.
 */
function dppInvocation(report: EvidenceReport): Json {
  const notChecked = [
    ...new Set(report.clauses.flatMap((c) => c.rules.flatMap((r) => r.stacksNotChecked))),
  ].sort(compare);
  if (notChecked.length === 0) return { executionSuccessful: true };
  return {
    executionSuccessful: false,
    toolExecutionNotifications: [
      {
        level: 'error',
        message: {
          text:
            `No record that the ${DPP_PACK} pack applied all its rules to ` +
            `${notChecked.length === 1 ? 'stack' : 'stacks'} ${notChecked.join(', ')}: ` +
            'register it with `Validations.of(app).addPlugins(new DppChecks(app))` and synth again.',
        },
      },
    ],
  };
}

/** A finding's or rule's level as SARIF names it; an unknown severity counts as an error. */
function sarifLevel(severity: string): string {
  switch (severity.toLowerCase()) {
    case 'warning':
      return 'warning';
    case 'info':
      return 'note';
    default:
      return 'error';
  }
}

/** `security`, then the families of the clauses, for filtering in code-scanning tools. */
function tags(clauses: readonly string[]): string[] {
  const families = clauses.filter(isControlId).map((id) => String(controlById(id).family));
  return ['security', ...new Set(families)];
}
