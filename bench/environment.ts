/**
 * Benchmark of the reference environment: synthesizes `DppEnvironment` with no checks, with
 * `DppChecks` only, with every checker of `bin/dpp.ts` (as `npm run synth`: DppChecks, the four
 * cdk-nag packs, the Control Tower rules through `ControlTowerChecks`, built-in CloudFormation
 * validation), and with every checker but the plain `CfnGuardValidator` of
 * `@cdklabs/cdk-validator-cfnguard` in place of `ControlTowerChecks`, for comparison, and with
 * every checker but the built-in CloudFormation validation, to show its share. Prints one
 * Markdown table with the median wall time, its ratio to the synth with no checks, the peak
 * resident memory, and the resources per stack.
 *
 *   npx tsx bench/environment.ts [rounds]
 *
 * Each synth runs in a fresh Node.js process (so its peak memory is its own; the worker threads
 * of `ControlTowerChecks` count in it, the cfn-guard processes do not), and each round runs
 * every configuration in turn, so load on the machine falls on all of them alike. Asset
 * bundling is on, as in `npm run synth`.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DppChecks, DppEnvironment } from '../lib';
import { ControlTowerChecks } from '../lib/control-tower';

/** The configurations measured, in the order of the table. */
const CONFIGURATIONS = ['none', 'dpp', 'all', 'all-plain', 'all-but-cfn'] as const;
type Configuration = (typeof CONFIGURATIONS)[number];

const LABELS: Record<Configuration, string> = {
  none: 'no checks',
  dpp: '`DppChecks` only',
  all: 'every checker, as `npm run synth` (`ControlTowerChecks`)',
  'all-plain': 'every checker, plain `CfnGuardValidator` for Control Tower',
  'all-but-cfn': 'every checker but the built-in CloudFormation validation',
};

/** Whether the configuration registers every checker of `bin/dpp.ts`. */
function everyChecker(configuration: Configuration): boolean {
  return configuration.startsWith('all');
}

/** What one synth measured. */
interface Measurement {
  readonly configuration: Configuration;
  readonly milliseconds: number;
  readonly peakRssMb: number;
  readonly resourcesPerStack: Record<string, number>;
}

/** The project's feature flags, so the benchmark synthesizes what `npm run synth` does. */
function projectContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/** Synthesizes once in this process and returns the measurement. */
function synthOnce(configuration: Configuration): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'dpp-bench-env-'));
  const started = process.hrtime.bigint();
  const app = new App({
    outdir,
    context: projectContext(),
    builtinCloudFormationValidation: everyChecker(configuration) && configuration !== 'all-but-cfn',
  });
  if (configuration !== 'none') Validations.of(app).addPlugins(new DppChecks(app));
  if (everyChecker(configuration)) {
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
      new HIPAASecurityChecks(app),
      new PCIDSS321Checks(app),
      configuration === 'all-plain' ? new CfnGuardValidator() : new ControlTowerChecks(),
    );
  }
  new DppEnvironment(app, 'Dpp', { owner: 'orders-team@seller.example' });
  const assembly = app.synth();
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const resourcesPerStack: Record<string, number> = {};
  for (const stack of assembly.stacksRecursively) {
    resourcesPerStack[stack.stackName] = Object.keys(
      (stack.template as { Resources?: object }).Resources ?? {},
    ).length;
  }
  rmSync(outdir, { recursive: true, force: true });
  return {
    configuration,
    milliseconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    resourcesPerStack,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs every configuration `rounds` times, each in its own process, and prints the table. */
function main(rounds: number): void {
  const results: Measurement[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const configuration of CONFIGURATIONS) {
      const output = execFileSync(
        process.execPath,
        [...process.execArgv, __filename, '--child', configuration],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      );
      results.push(JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measurement);
    }
  }
  const counts = results[0].resourcesPerStack;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Reference environment: ${total} resources`);
  for (const [stack, count] of Object.entries(counts)) console.log(`- ${stack}: ${count}`);
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs (${cpus()[0]?.model}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, median of ${rounds}\n`,
  );
  const secondsOf = (configuration: Configuration) =>
    median(results.filter((r) => r.configuration === configuration).map((r) => r.milliseconds)) /
    1000;
  console.log('| configuration | synth time (s) | / no checks | peak memory (MB) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const configuration of CONFIGURATIONS) {
    const seconds = secondsOf(configuration);
    const ratio = seconds / secondsOf('none');
    const memory = median(
      results.filter((r) => r.configuration === configuration).map((r) => r.peakRssMb),
    );
    console.log(
      `| ${LABELS[configuration]} | ${seconds.toFixed(1)} | ${ratio.toFixed(1)} | ${memory.toFixed(0)} |`,
    );
  }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  console.log(JSON.stringify(synthOnce(process.argv[childIndex + 1] as Configuration)));
} else {
  main(Number(process.argv[2] ?? 3));
}
