import * as fs from 'fs';
import * as path from 'path';
import { cx_api as cxapi, cloud_assembly_schema as schema, Stage } from 'aws-cdk-lib';
import { findingsSummaryLine, summarizeFindings } from './findings-summary';

/** What the packs of one cloud assembly said, waiting for the process to end. */
interface PendingSummary {
  /** The mtime of the validation report before this synth, if there was one. */
  readonly reportBefore: number | undefined;
  /** The findings each pack instance skipped as acknowledged in its last validation. */
  readonly acknowledged: Map<object, { readonly plugin: string; readonly count: number }>;
}

/** The summaries to print, by cloud assembly folder: one line per folder, however many packs. */
const PENDING = new Map<string, PendingSummary>();

/**
 * Prints one line to stderr when the process ends, after CDK has run every validation plugin and
 * written `validation-report.json`: the open findings of all plugins by severity, and the
 * acknowledged ones (`findingsSummaryLine`). A pack calls this from `validate` on every synth;
 * several packs, or one pack per stage, still print one line per cloud assembly.
 *
 * Run by `app.synth()` alone, the line follows CDK's report. Under the CDK CLI it comes first:
 * the CLI prints the report from the cloud assembly once the app has exited.
 *
 * Nothing is printed when CDK synthesizes in memory (`NODE_ENV=test`, pytest, or the
 * `@aws-cdk/core:appMode` context or `CDK_APP_MODE` variable set to `inmemory`): there CDK
 * raises the report in the exception it throws, and the caller reads it.
 *
 * @param plugin the pack's name in the report
 * @param acknowledged the findings the pack skipped as acknowledged in this validation
 */
export function summarizeFindingsAtExit(
  root: Stage,
  pack: object,
  plugin: string,
  acknowledged: number,
): void {
  if (synthesizesInMemory(root)) return;
  const reportFile = path.join(root.outdir, cxapi.VALIDATION_REPORT_FILE);
  let pending = PENDING.get(reportFile);
  if (!pending) {
    pending = { reportBefore: modifiedAt(reportFile), acknowledged: new Map() };
    PENDING.set(reportFile, pending);
    const summary = pending;
    // The synth ends with the process: normally ('exit'), or with the exception `app.synth()`
    // throws when validation fails outside the CDK CLI, after which Node emits no 'exit'. The
    // line goes first on 'exit': aws-cdk-lib deletes a temporary cloud assembly then.
    const print = () => {
      process.off('exit', print);
      process.off('uncaughtExceptionMonitor', print);
      printSummary(reportFile, summary);
    };
    process.prependOnceListener('exit', print);
    process.once('uncaughtExceptionMonitor', print);
  }
  pending.acknowledged.set(pack, { plugin, count: acknowledged });
}

/**
 * Whether CDK synthesizes in memory, as aws-cdk-lib decides it: the `@aws-cdk/core:appMode`
 * context, then the `CDK_APP_MODE` variable, then a test runner's environment.
 */
function synthesizesInMemory(root: Stage): boolean {
  for (const mode of [
    root.node.tryGetContext(cxapi.CDK_APP_MODE_CONTEXT) as unknown,
    process.env[cxapi.CDK_APP_MODE_ENV],
  ]) {
    if (mode === 'inmemory' || mode === 'process') return mode === 'inmemory';
  }
  return (
    process.env.NODE_ENV === 'test' ||
    process.env.PYTEST_VERSION !== undefined ||
    process.env.PYTEST_CURRENT_TEST !== undefined
  );
}

function modifiedAt(file: string): number | undefined {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : undefined;
}

/** Prints the line, unless CDK wrote no report in this process (the synth stopped before). */
function printSummary(reportFile: string, pending: PendingSummary): void {
  const written = modifiedAt(reportFile);
  if (written === undefined || written === pending.reportBefore) return;
  const byPlugin = new Map<string, number>();
  for (const { plugin, count } of pending.acknowledged.values()) {
    byPlugin.set(plugin, (byPlugin.get(plugin) ?? 0) + count);
  }
  try {
    const report = JSON.parse(
      fs.readFileSync(reportFile, 'utf8'),
    ) as schema.PolicyValidationReportJson;
    process.stderr.write(findingsSummaryLine(summarizeFindings(report, byPlugin)) + '\n');
  } catch (error) {
    process.stderr.write(
      `Validation summary: ${reportFile} could not be read (${(error as Error).message}).\n`,
    );
  }
}
