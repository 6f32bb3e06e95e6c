import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  Stack,
  Validations,
  aws_s3 as s3,
  cloud_assembly_schema as schema,
  cx_api as cxapi,
} from 'aws-cdk-lib';
import { DppChecks } from '../../lib';
import { baseRule } from '../../lib/checks/base-rule';
import { ruleName } from '../../lib/checks/dpp-rule';
import { findingsSummaryLine, summarizeFindings } from '../../lib/checks/findings-summary';
import { DPP_RULES } from '../../lib/checks/rule-table';

const APP = path.join(__dirname, 'findings-summary-app.ts');

/** A violation of `severity` on `constructs` construct paths. */
function violation(
  ruleName: string,
  severity: schema.PolicyViolationSeverity,
  constructs: string[],
  customSeverity?: string,
): schema.PolicyViolationJson {
  return {
    ruleName,
    description: `${ruleName} is violated.`,
    severity,
    customSeverity,
    violatingConstructs: constructs.map((constructPath) => ({ constructPath })),
  };
}

function report(...pluginReports: schema.PluginReportJson[]): schema.PolicyValidationReportJson {
  return { version: '55.0.0', title: 'Validation Report', pluginReports };
}

describe('findingsSummaryLine', () => {
  test('counts one finding per violating construct, by severity and by plugin', () => {
    const summary = summarizeFindings(
      report(
        {
          pluginName: 'DPP',
          conclusion: 'failure',
          violations: [
            violation('DPP-AcknowledgementForbidden', 'fatal', ['Shop/Queue']),
            violation('DPP-S3BucketVersioned[NotVersioned]', 'error', ['Shop/A', 'Shop/B']),
          ],
        },
        {
          pluginName: 'AwsSolutions',
          conclusion: 'success',
          violations: [
            violation('AwsSolutions-SQS3', 'warning', ['Shop/Queue']),
            violation('AwsSolutions-X', 'custom', ['Shop/A'], 'NOTICE'),
          ],
        },
      ),
      new Map([['DPP', 0]]),
    );
    expect(findingsSummaryLine(summary)).toBe(
      'Validation summary: 5 open findings (1 fatal, 2 error, 1 warning, 0 info, 1 notice), ' +
        '0 acknowledged; DPP: 3 open, 0 acknowledged; AwsSolutions: 2 open.',
    );
  });

  test('adds the findings CDK suppressed to those the pack skipped as acknowledged', () => {
    const suppressed: schema.SuppressedViolationJson = {
      ...violation('cdk-validator-cfnguard::ct-s3-pr-1', 'error', ['Shop/A', 'Shop/B']),
      acknowledgedId: 'cdk-validator-cfnguard::ct-s3-pr-1',
    };
    const summary = summarizeFindings(
      report(
        {
          pluginName: 'cdk-validator-cfnguard',
          conclusion: 'success',
          violations: [],
          suppressedViolations: [suppressed],
        },
        {
          pluginName: 'DPP',
          conclusion: 'failure',
          violations: [violation('DPP-S3BucketTlsOnly[SecureTransport]', 'error', ['Shop/A'])],
          suppressedViolations: [{ ...suppressed, acknowledgedId: 'DPP::DPP-X' }],
        },
      ),
      new Map([['DPP', 3]]),
    );
    expect(findingsSummaryLine(summary)).toBe(
      'Validation summary: 1 open finding (0 fatal, 1 error, 0 warning, 0 info), 7 acknowledged; ' +
        'cdk-validator-cfnguard: 0 open, 2 acknowledged; DPP: 1 open, 5 acknowledged.',
    );
  });

  test('a report without findings still names the pack that ran, with zeros', () => {
    expect(findingsSummaryLine(summarizeFindings(report(), new Map([['DPP', 0]])))).toBe(
      'Validation summary: 0 open findings (0 fatal, 0 error, 0 warning, 0 info), 0 acknowledged; ' +
        'DPP: 0 open, 0 acknowledged.',
    );
  });
});

describe('the summary at the end of a synth', () => {
  /** How the synth of a variant ended: its exit status, what it printed, its validation report. */
  interface SynthRun {
    readonly status: number | null;
    readonly stderr: string;
    readonly lines: string[];
    readonly validation?: schema.PolicyValidationReportJson;
  }

  /** The variants of the fixture app the tests read, each with the app mode it runs in. */
  const VARIANTS = [
    ['failing', 'process'],
    ['acknowledged', 'process'],
    ['passing', 'process'],
    ['staged', 'process'],
    ['failing', 'inmemory'],
  ];

  let root: string;
  const runs = new Map<string, Promise<SynthRun>>();
  // Each variant synthesizes in its own process and folder, so they all run side by side.
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'findings-summary-'));
    for (const [variant, mode] of VARIANTS) runs.set(`${variant} ${mode}`, run(variant, mode));
  });
  afterAll(async () => {
    await Promise.all(runs.values());
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Synthesizes a variant of the fixture app in its own process, as `cdk synth` runs an app. */
  function run(variant: string, mode: string): Promise<SynthRun> {
    const outdir = path.join(root, `${variant}-${mode}`);
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir };
    delete env.NODE_ENV;
    env[cxapi.CDK_APP_MODE_ENV] = mode;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', APP, variant], { env });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.resume();
      const done = (status: number | null) => {
        const reportFile = path.join(outdir, cxapi.VALIDATION_REPORT_FILE);
        const validation = fs.existsSync(reportFile)
          ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as schema.PolicyValidationReportJson)
          : undefined;
        resolve({ status, stderr, lines: stderr.trimEnd().split('\n'), validation });
      };
      child.on('error', (error) => {
        stderr += String(error);
        done(null);
      });
      child.on('close', done);
    });
  }

  /** How the synth of a variant in `mode` ended. */
  function synth(variant: string, mode = 'process'): Promise<SynthRun> {
    const started = runs.get(`${variant} ${mode}`);
    if (!started) throw new Error(`The variant ${variant} in ${mode} mode is not synthesized`);
    return started;
  }

  test('a failing app: every DPP finding with its resource, clauses and fix, then the counts', async () => {
    const { status, stderr, lines, validation } = await synth('failing');
    expect(status).toBe(1);
    const [dpp] = (validation?.pluginReports ?? []).filter((p) => p.pluginName === 'DPP');
    const printed = dpp.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => [v.ruleName, c.constructPath]),
    );
    expect(printed).toEqual([
      ['DPP-DataStoreClassified[MissingTag]', 'Shop/Orders/Resource'],
      ['DPP-S3BucketTlsOnly[SecureTransport]', 'Shop/Orders/Resource'],
      ['DPP-S3BucketPublicAccessBlocked[BlockPublicAccessOff]', 'Shop/Orders/Resource'],
      ['DPP-S3BucketKmsEncrypted[NotKms]', 'Shop/Orders/Resource'],
      ['DPP-S3BucketVersioned[NotVersioned]', 'Shop/Orders/Resource'],
      ['DPP-LogGroupRetention[RetentionInfinite]', 'Shop/Logs/Resource'],
      ['DPP-LogGroupKmsEncrypted[NoCustomerManagedKey]', 'Shop/Logs/Resource'],
      ['DPP-LogGroupDataProtection[NoDataProtectionPolicy]', 'Shop/Logs/Resource'],
    ]);
    for (const v of dpp.violations) {
      const [rule] = DPP_RULES.filter((r) => ruleName(r) === baseRule(v.ruleName));
      const fix = `Fix: ${rule.fix.charAt(0).toUpperCase()}${rule.fix.slice(1)}`;
      // The finding's line, as the terminal shows it without `verbose`, and the resource below.
      expect(v.description.endsWith(`(${rule.clauses.join(', ')}). ${fix}`)).toBe(true);
      const at = lines.indexOf(`ERROR ${v.description} (DPP)`);
      expect(lines[at + 1]).toMatch(new RegExp(`^ {3}${v.violatingConstructs[0].constructPath} `));
    }
    expect(stderr).toContain(
      'ERROR Versioning of the bucket is not enabled (DPP-DR-4, SOC-C5). Fix: Set `versioned: true`. (DPP)\n' +
        '   Shop/Orders/Resource aws-cdk-lib.aws_s3.CfnBucket\n',
    );
    expect(lines.at(-1)).toBe(
      'Validation summary: 10 open findings (0 fatal, 10 error, 0 warning, 0 info), 0 acknowledged; ' +
        'DPP: 8 open, 0 acknowledged; AwsSolutions: 2 open.',
    );
  });

  test('acknowledged findings are counted apart, however they were acknowledged', async () => {
    const { status, lines } = await synth('acknowledged');
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe(
      'Validation summary: 5 open findings (0 fatal, 5 error, 0 warning, 0 info), 2 acknowledged; ' +
        'DPP: 3 open, 2 acknowledged; AwsSolutions: 2 open.',
    );
  });

  test('a passing app prints the counts alone, all zero', async () => {
    const { status, stderr } = await synth('passing');
    expect([status, stderr]).toEqual([
      0,
      'Validation summary: 0 open findings (0 fatal, 0 error, 0 warning, 0 info), ' +
        '0 acknowledged; DPP: 0 open, 0 acknowledged.\n',
    ]);
  });

  test('an app with a pack per stage prints the counts once', async () => {
    const { stderr } = await synth('staged');
    expect(stderr.match(/^Validation summary: /gm)).toHaveLength(1);
  });

  test('nothing is printed when CDK synthesizes in memory: it throws the report instead', async () => {
    const { status, stderr } = await synth('failing', 'inmemory');
    expect(status).toBe(1);
    expect(stderr).toContain('«ValidationFailed» test/checks/findings-summary-app.ts');
    expect(stderr).not.toContain('Validation summary');
  });

  test('nor by validateScope, nor by a synth under a test runner', () => {
    const listeners = process.listenerCount('exit');
    const app = new App({ builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'Shop'), 'Orders');
    new DppChecks().validateScope(app);
    Validations.of(app).addPlugins(new DppChecks(app));
    expect(() => app.synth()).toThrow('Versioning of the bucket is not enabled');
    expect(process.listenerCount('exit')).toBe(listeners);
  });
});
