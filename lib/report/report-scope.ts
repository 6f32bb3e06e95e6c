import { ROOT_STAGE, SYNTH_RECORD_FILE, SynthRecord } from '../checks/synth-record';
import { AssemblyContents, AssemblyPluginReport } from './cloud-assembly';
import { PackScope, ReportScope } from './evidence-report';
import { compare } from './order';

/** How the scope names the app's root stage. */
export const APP_STAGE = 'app';

/** What the scope says where the synth did not know an account or a region. */
export const ENVIRONMENT_AGNOSTIC = 'environment-agnostic';

/** What the scope says of a fact that only the synth record holds, when there is none. */
const NOT_RECORDED = 'not recorded';

/** The conclusion of a pack registered on some stage that reported nothing. */
export const PASSED_NO_FINDINGS = 'passed, no findings';

/** The conclusion of a pack registered on no stage. */
export const ABSENT = 'absent: registered on no stage';

/**
 * The scope of the report: the app, its stages, where each stack deploys, the git state, the
 * versions and time of the synth, and every check pack with the stacks it validated and what
 * it concluded. CDK's validation report lists only the packs that found something; the synth
 * record lists the packs registered on each stage, so a pack that passed is told from a pack
 * that never ran.
 */
export function reportScope(contents: AssemblyContents, dppPack: string): ReportScope {
  const record = contents.synthRecord;
  const git = contents.git ?? { description: 'not read' };
  return {
    app: record ? [record.app.name, record.app.version].filter(Boolean).join(' ') : NOT_RECORDED,
    stages: record ? record.stages.map((s) => stageLabel(s.stage)) : [],
    stacks: (record?.stacks ?? []).map((s) => ({
      stack: s.stack,
      stage: stageLabel(s.stage),
      account: s.account ?? ENVIRONMENT_AGNOSTIC,
      region: s.region ?? ENVIRONMENT_AGNOSTIC,
    })),
    git: git.description,
    gitCommit: git.commit,
    gitDirty: git.dirty,
    versions: record
      ? { ...record.versions }
      : {
          awsCdkLib: contents.cdkVersion ?? NOT_RECORDED,
          cdkNag: NOT_RECORDED,
          cdkDpp: NOT_RECORDED,
        },
    synthesizedAt: record?.validatedAt,
    attempt: record?.attempt,
    source: record
      ? SYNTH_RECORD_FILE
      : `no ${SYNTH_RECORD_FILE}: construct the DPP pack with the app (\`new DppChecks(app)\`) ` +
        'and synth again to record the stages, environments, versions and packs',
    staleness: contents.staleness,
    packs: packs(contents, record, dppPack),
  };
}

function packs(
  contents: AssemblyContents,
  record: SynthRecord | undefined,
  dppPack: string,
): PackScope[] {
  const registeredOn = new Map<string, string[]>();
  for (const stage of record?.stages ?? []) {
    for (const plugin of stage.plugins) {
      registeredOn.set(plugin, [...new Set([...(registeredOn.get(plugin) ?? []), stage.stage])]);
    }
  }
  const reported = new Map(contents.plugins.map((p) => [p.name, p]));
  const names = [...new Set([...registeredOn.keys(), ...reported.keys(), dppPack])];
  return names.sort(compare).map((name) => {
    const stages = registeredOn.get(name) ?? [];
    const report = reported.get(name);
    if (!record && name === dppPack && !report) return dppWithoutRecord(contents, dppPack);
    return {
      name,
      registeredOn: stages.map(stageLabel),
      stacks: (record?.stacks ?? [])
        .filter((s) => stages.some((stage) => holds(stage, s.stage)))
        .map((s) => s.stack),
      conclusion: report
        ? reportedConclusion(report)
        : !record
          ? `${NOT_RECORDED}: no ${SYNTH_RECORD_FILE}`
          : stages.length > 0
            ? PASSED_NO_FINDINGS
            : ABSENT,
      openFindings: report?.findingCount ?? 0,
    };
  });
}

/** Without a synth record, the DPP pack is known only by the record it leaves on each stack. */
function dppWithoutRecord(contents: AssemblyContents, dppPack: string): PackScope {
  const recorded = contents.stacks
    .filter((s) => s.checks.some((c) => c.pack === dppPack))
    .map((s) => s.name);
  return {
    name: dppPack,
    registeredOn: [],
    stacks: recorded,
    conclusion:
      recorded.length === 0
        ? 'absent: no stack holds its record'
        : `no findings; its record is on ${recorded.length} of ${plural(contents.stacks.length, 'stack')}`,
    openFindings: 0,
  };
}

function reportedConclusion(report: AssemblyPluginReport): string {
  const n = report.findingCount;
  if (report.conclusion === 'failure') {
    return n > 0 ? `failed, ${plural(n, 'open finding')}` : 'failed: the pack itself failed';
  }
  return n > 0 ? `passed, ${plural(n, 'open finding')}, none an error` : 'passed, no open findings';
}

/** Whether the stage at `stage` holds the stage at `inner` (itself included). */
function holds(stage: string, inner: string): boolean {
  return stage === ROOT_STAGE || inner === stage || inner.startsWith(`${stage}/`);
}

function stageLabel(stage: string): string {
  return stage === ROOT_STAGE ? APP_STAGE : stage;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
