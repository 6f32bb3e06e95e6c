#!/usr/bin/env node
import { packageVersion } from '../lib/package-version';

/** The exit codes of the command line, as `--help` documents them. */
enum ExitCode {
  /** Done: the report is written and no clause is violated. */
  OK = 0,
  /** No report: the assembly is missing, corrupt or stale, or the report cannot be written. */
  NO_REPORT = 1,
  /** The command line is wrong. */
  USAGE = 2,
  /** The report is written and at least one clause is violated. */
  VIOLATED = 3,
}

const USAGE = 'usage: cdk-dpp <command> [options]; cdk-dpp <command> --help';

const HELP = `${USAGE}

Commands:
  report [CLOUD_ASSEMBLY_DIR]  write the evidence report of a synthesized app (default cdk.out)

Options:
  --help, -h  show this help
  --version   print the version of cdk-dpp
`;

const REPORT_USAGE =
  'usage: cdk-dpp report [CLOUD_ASSEMBLY_DIR (default cdk.out)] [--out DIR] [--allow-violations]';

const REPORT_HELP = `${REPORT_USAGE}

Writes evidence-report.md, .html, .json and .oscal.json for the cloud assembly \`cdk synth\`
wrote. It refuses an assembly that is not the product of its last synth: one older than the last
synth attempt of its app (cdk-dpp-attempt.json without a matching cdk-dpp-synth.json: the synth
failed before validation) or without a validation report of that synth.

Options:
  --out DIR, --out=DIR  write the files to DIR, created when missing (default: the assembly)
  --allow-violations    exit 0 even when a clause is violated; the report still says so
  --help, -h            show this help

Exit status:
  0  the report is written and no clause is violated
  1  no report: the assembly is missing, corrupt or stale, or the folder cannot be written
  2  the command line is wrong
  3  the report is written and at least one clause is violated
`;

/** What `cdk-dpp report` was asked to do. */
interface ReportArgs {
  readonly assemblyDir: string;
  readonly outDir?: string;
  readonly allowViolations: boolean;
}

/**
 * The cdk-dpp command line. `cdk-dpp report [cdk.out] [--out DIR] [--allow-violations]` writes
 * the evidence report of a synthesized app. Every failure is one line on stderr and a non-zero
 * exit code.
 */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') return print(HELP);
  if (command === '--version') return print(`cdk-dpp ${packageVersion()}\n`);
  if (command !== 'report') {
    const problem = command === undefined ? 'no command given' : `unknown command '${command}'`;
    return fail(problem, ExitCode.USAGE, USAGE);
  }
  if (rest.includes('--help') || rest.includes('-h')) return print(REPORT_HELP);
  const parsed = parseReportArgs(rest);
  if (typeof parsed === 'string') return fail(parsed, ExitCode.USAGE, REPORT_USAGE);
  return report(parsed);
}

/** The arguments of `report`, or what is wrong with them. */
function parseReportArgs(args: string[]): ReportArgs | string {
  let assemblyDir: string | undefined;
  let outDir: string | undefined;
  let allowViolations = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg.startsWith('--out=')) {
      outDir = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      // An option after --out is a forgotten folder, not a folder named like an option.
      if (!outDir || outDir.startsWith('-')) return '--out needs a folder';
    } else if (arg === '--allow-violations') {
      allowViolations = true;
    } else if (arg.startsWith('-')) {
      return `unknown option '${arg}'`;
    } else if (assemblyDir === undefined) {
      assemblyDir = arg;
    } else {
      return `unexpected argument '${arg}'`;
    }
  }
  return { assemblyDir: assemblyDir ?? 'cdk.out', outDir, allowViolations };
}

async function report(args: ReportArgs): Promise<number> {
  try {
    // Loaded here, so that even a broken installation (a missing peer dependency) ends in one line.
    const { ClauseStatus, writeEvidenceReport } = await import('../lib/report');
    const { report, files } = writeEvidenceReport(args.assemblyDir, {
      outDir: args.outDir,
      requireCurrentSynth: true,
    });
    const counts = (byStatus: typeof report.summary.byStatus) =>
      byStatus
        .filter((s) => s.count > 0)
        .map((s) => `${s.count} ${s.status}`)
        .join(', ');
    process.stdout.write(
      `Evidence report: ${report.summary.clauses} clauses (${counts(report.summary.byStatus)}).\n`,
    );
    // An app of several stages: the statuses in each section, where they deploy.
    for (const stage of report.stages ?? []) {
      const where = stage.environments.map((e) => `${e.account} ${e.region}`).join(', ');
      process.stdout.write(`  ${stage.name} (${where}): ${counts(stage.byStatus)}.\n`);
    }
    files.forEach((f) => process.stdout.write(`  ${f}\n`));
    const violated =
      report.summary.byStatus.find((s) => s.status === ClauseStatus.VIOLATED)?.count ?? 0;
    if (violated === 0) return ExitCode.OK;
    if (args.allowViolations) {
      process.stdout.write(`${violated} clause(s) violated: see the report.\n`);
      return ExitCode.OK;
    }
    return fail(
      `${violated} clause(s) violated: see the report, fix them and synth again ` +
        '(--allow-violations only reports).',
      ExitCode.VIOLATED,
    );
  } catch (error) {
    const message =
      (error as Error)?.name === 'ReportInputError'
        ? (error as Error).message
        : `unexpected error: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    return fail(message, ExitCode.NO_REPORT);
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return ExitCode.OK;
}

/** Writes one line on stderr, with the usage for a wrong command line, and returns the code. */
function fail(message: string, code: ExitCode, usage?: string): number {
  process.stderr.write(`cdk-dpp: ${message}${usage ? ` (${usage})` : ''}\n`);
  return code;
}

// A reader that stops early (`cdk-dpp report | head -1`) closes the pipe: the report files are
// written by then, so stop quietly instead of with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
