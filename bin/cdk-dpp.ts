#!/usr/bin/env node

const USAGE = 'usage: cdk-dpp report [CLOUD_ASSEMBLY_DIR (default cdk.out)] [--out DIR]';

/**
 * The cdk-dpp command line. `cdk-dpp report [cdk.out] [--out DIR]` writes the evidence report of
 * a synthesized app. Every failure is one line on stderr and a non-zero exit code.
 */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'report') {
    return fail(command === undefined ? 'no command given' : `unknown command '${command}'`, 2);
  }
  let assemblyDir: string | undefined;
  let outDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--out') {
      outDir = rest[++i];
      // An option after --out is a forgotten folder, not a folder named like an option.
      if (outDir === undefined || outDir.startsWith('-')) return fail('--out needs a folder', 2);
    } else if (arg.startsWith('-')) {
      return fail(`unknown option '${arg}'`, 2);
    } else if (assemblyDir === undefined) {
      assemblyDir = arg;
    } else {
      return fail(`unexpected argument '${arg}'`, 2);
    }
  }
  try {
    // Loaded here, so that even a broken installation (a missing peer dependency) ends in one line.
    const { ClauseStatus, writeEvidenceReport } = await import('../lib/report');
    const { report, files } = writeEvidenceReport(assemblyDir ?? 'cdk.out', { outDir });
    const counts = report.summary.byStatus
      .filter((s) => s.count > 0)
      .map((s) => `${s.count} ${s.status}`)
      .join(', ');
    process.stdout.write(`Evidence report: ${report.summary.clauses} clauses (${counts}).\n`);
    files.forEach((f) => process.stdout.write(`  ${f}\n`));
    const violated = report.summary.byStatus.find((s) => s.status === ClauseStatus.VIOLATED);
    if (violated && violated.count > 0) {
      process.stdout.write(`${violated.count} clause(s) violated: see the report.\n`);
    }
    return 0;
  } catch (error) {
    const message =
      (error as Error)?.name === 'ReportInputError'
        ? (error as Error).message
        : `unexpected error: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    return fail(message, 1);
  }
}

function fail(message: string, code: number): number {
  process.stderr.write(`cdk-dpp: ${message}${code === 2 ? ` (${USAGE})` : ''}\n`);
  return code;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
