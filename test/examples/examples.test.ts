import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Every example: a folder of `examples/` with an `app.ts`. */
const EXAMPLES = fs
  .readdirSync(EXAMPLES_DIR)
  .filter((name) => fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts')))
  .sort();

/**
 * The checkers of `bin/dpp.ts`, by the names they report under: DppChecks, the four cdk-nag
 * packs, the AWS Control Tower controls, and aws-cdk-lib's built-in CloudFormation validation.
 */
const EVERY_CHECKER = [
  'DPP',
  'AwsSolutions',
  'NIST.800.53.R5',
  'HIPAA.Security',
  'PCI.DSS.321',
  'cdk-validator-cfnguard',
  'CloudFormation Validate',
];

/** A plugin's part of `validation-report.json`: only plugins with something to say have one. */
interface PluginReport {
  readonly pluginName: string;
  readonly conclusion: string;
  readonly metadata?: { readonly error?: string };
  readonly violations: {
    readonly ruleName: string;
    readonly violatingConstructs: { readonly constructPath: string }[];
  }[];
}

interface ExampleRun {
  /** The error the synth threw, or '' when it succeeded. */
  readonly failure: string;
  /** The plugin reports of `validation-report.json`. */
  readonly reports: PluginReport[];
  /** The plugins the synth record of the DPP pack lists as registered, per stage. */
  readonly registered: string[];
}

/** The feature flags of the project's `cdk.json`: what a new CDK app's `cdk.json` sets. */
const CONTEXT = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * Runs an example's program the way `cdk synth` does: the app reads its output directory and
 * context from the environment, and its `app.synth()` runs every registered checker.
 */
async function runExample(name: string): Promise<ExampleRun> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `dpp-example-${name}-`));
  const saved = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CONTEXT);
  let failure = '';
  try {
    await import(path.join(EXAMPLES_DIR, name, 'app.ts'));
  } catch (error) {
    failure = String(error);
  } finally {
    if (saved.outdir === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = saved.outdir;
    if (saved.context === undefined) delete process.env.CDK_CONTEXT_JSON;
    else process.env.CDK_CONTEXT_JSON = saved.context;
  }
  const read = <T>(file: string, otherwise: T): T =>
    fs.existsSync(path.join(outdir, file))
      ? (JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8')) as T)
      : otherwise;
  const reports = read<{ pluginReports: PluginReport[] }>('validation-report.json', {
    pluginReports: [],
  }).pluginReports;
  const registered = read<{ stages: { plugins: string[] }[] }>('cdk-dpp-synth.json', {
    stages: [],
  }).stages.flatMap((stage) => stage.plugins);
  return { failure, reports, registered };
}

/** Each open finding as `<plugin> <rule> <resource path>`, so a failing test names it. */
function openFindings(reports: PluginReport[]): string[] {
  return reports.flatMap((report) =>
    report.violations.flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) => `${report.pluginName} ${violation.ruleName} ${construct.constructPath}`,
      ),
    ),
  );
}

describe.each(EXAMPLES)('examples/%s', (name) => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await runExample(name);
  });

  test('has a README that says what it shows', () => {
    const readme = fs.readFileSync(path.join(EXAMPLES_DIR, name, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# .+\n\n\S/);
  });

  test('synthesizes with zero open findings of every checker', () => {
    expect(openFindings(run.reports)).toEqual([]);
    expect(run.failure).toBe('');
  });

  test('registers every checker, and each ran to the end', () => {
    expect([...new Set(run.registered)].sort()).toEqual([...EVERY_CHECKER].sort());
    expect(
      run.reports
        .filter((report) => report.conclusion !== 'success' || report.metadata?.error)
        .map((report) => `${report.pluginName}: ${report.metadata?.error ?? report.conclusion}`),
    ).toEqual([]);
  });
});
