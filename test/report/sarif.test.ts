import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { packageVersion } from '../../lib/checks/checks-record';
import { ruleName } from '../../lib/checks/dpp-rule';
import { DPP_RULES } from '../../lib/checks/rule-table';
import {
  buildEvidenceReport,
  EvidenceReport,
  readCloudAssembly,
  renderSarif,
  SARIF_VERSION,
} from '../../lib/report';
import {
  acknowledgedApp,
  compliantApp,
  synthAssembly,
  violatingApp,
  WEBSITE_REASON,
} from './fixture-assembly';

const SARIF_SCHEMA = path.resolve(__dirname, '../../../shared/sarif/sarif-schema-2.1.0.json');
const GENERATED_AT = new Date('2026-01-02T03:04:05Z');

type Json = Record<string, unknown>;

const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as Json);
})();

/** The schema errors of a log, empty when it is valid. */
function schemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const assemblies: string[] = [];
function reportOf(prefix: string, build: (app: App) => void, dppChecks = true): EvidenceReport {
  const dir = synthAssembly(prefix, build, dppChecks);
  assemblies.push(dir);
  return buildEvidenceReport(readCloudAssembly(dir), { generatedAt: GENERATED_AT });
}

afterAll(() => {
  for (const dir of assemblies) fs.rmSync(dir, { recursive: true, force: true });
});

const runsOf = (log: Json) => log.runs as Json[];
const driverOf = (run: Json) => (run.tool as Json).driver as Json;
const runOf = (log: Json, pack: string) => {
  const found = runsOf(log).find((r) => driverOf(r).name === pack);
  if (!found) throw new Error(`no run of ${pack}`);
  return found;
};
const resultsOf = (run: Json) => run.results as Json[];
const rulesOf = (run: Json) => driverOf(run).rules as Json[];

describe('a clean app', () => {
  let report: EvidenceReport;
  let log: Json;
  beforeAll(() => {
    report = reportOf('sarif-clean', compliantApp);
    log = renderSarif(report);
  });

  test('is valid SARIF 2.1.0 with one DPP run, no result and a successful invocation', () => {
    expect(schemaErrors(log)).toEqual([]);
    expect(log.version).toBe(SARIF_VERSION);
    expect(runsOf(log).map((r) => driverOf(r).name)).toEqual(['DPP']);
    const run = runOf(log, 'DPP');
    expect(resultsOf(run)).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.properties).toEqual({ conclusion: 'no findings', acknowledgements: [] });
  });

  test('the DPP driver names the pack, its version and every rule of the table', () => {
    const driver = driverOf(runOf(log, 'DPP'));
    expect(driver.name).toBe('DPP');
    expect(driver.version).toBe(packageVersion());
    expect(driver.informationUri).toBe(
      'https://developer-docs.amazon.com/sp-api/docs/data-protection-policy',
    );
    expect(rulesOf(runOf(log, 'DPP')).map((r) => r.id)).toEqual(DPP_RULES.map(ruleName));
    expect(rulesOf(runOf(log, 'DPP')).find((r) => r.id === 'DPP-S3BucketTlsOnly')).toEqual({
      id: 'DPP-S3BucketTlsOnly',
      name: 'S3BucketTlsOnly',
      shortDescription: { text: 'The S3 bucket accepts requests without TLS.' },
      fullDescription: {
        text:
          'Amazon data must travel over TLS 1.2 or newer; S3 endpoints refuse TLS older than 1.2 ' +
          'since February 2024, but still serve plain HTTP unless the bucket policy denies it.',
      },
      help: {
        text: 'Fix: Set `enforceSSL: true` on the bucket, or use a cdk-dpp bucket construct.',
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
        tags: [
          'security',
          'Network Protection',
          'DPP revision of November 2025',
          'SOC 2 service commitments',
        ],
      },
    });
  });

  test('lists every template as an artifact with its SHA-256', () => {
    const run = runOf(log, 'DPP');
    expect(run.artifacts).toEqual(
      report.summary.templates.map((t) => ({
        location: { uri: t.file, uriBaseId: 'CDK_OUT' },
        description: { text: `CloudFormation template of stack ${t.stack}.` },
        mimeType: 'application/json',
        hashes: { 'sha-256': t.sha256 },
        roles: ['analysisTarget'],
      })),
    );
    expect(report.summary.templates.map((t) => t.file)).toEqual(['Site.template.json']);
    expect(Object.keys(run.originalUriBaseIds as Json)).toEqual(['CDK_OUT']);
  });

  test('a mutated log fails the schema, so the validation is live', () => {
    const withoutVersion: Json = { ...log };
    delete withoutVersion.version;
    expect(schemaErrors(withoutVersion)).toEqual([" must have required property 'version'"]);
    expect(schemaErrors({ ...log, version: '2.0.0' })).toEqual([
      '/version must be equal to one of the allowed values',
    ]);
  });
});

describe('an app with DPP findings and findings of another pack', () => {
  let report: EvidenceReport;
  let log: Json;
  let assembly: string;
  beforeAll(() => {
    assembly = synthAssembly('sarif-violating', (app) => {
      violatingApp(app);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    });
    assemblies.push(assembly);
    report = buildEvidenceReport(readCloudAssembly(assembly), { generatedAt: GENERATED_AT });
    log = renderSarif(report);
  });

  /** The line, counted from 1, where the template of `Data` opens the resource's entry. */
  const lineOf = (logicalId: string) =>
    fs
      .readFileSync(path.join(assembly, 'Data.template.json'), 'utf8')
      .split('\n')
      .indexOf(`  "${logicalId}": {`) + 1;

  test('is valid SARIF 2.1.0 with one run per pack that has findings', () => {
    expect(schemaErrors(log)).toEqual([]);
    expect(runsOf(log).map((r) => driverOf(r).name)).toEqual(['AwsSolutions', 'DPP']);
    expect(resultsOf(runOf(log, 'DPP'))).toHaveLength(
      report.findings.filter((f) => f.plugin === 'DPP').length,
    );
  });

  test('a DPP finding: base rule, granular finding, level, clauses, template and logical ID', () => {
    const run = runOf(log, 'DPP');
    const tls = resultsOf(run).filter((r) => r.ruleId === 'DPP-S3BucketTlsOnly');
    expect(lineOf('Open2F4367FD')).toBeGreaterThan(1);
    expect(tls).toEqual([
      {
        ruleId: 'DPP-S3BucketTlsOnly',
        ruleIndex: DPP_RULES.findIndex((r) => r.id === 'S3BucketTlsOnly'),
        level: 'error',
        message: {
          text:
            'No bucket policy denies, to everyone, requests sent without TLS (`aws:SecureTransport` ' +
            'false) (DPP-NP-7, DPP-25-TLS, SOC-R6). Fix: Set `enforceSSL: true` on the bucket, or ' +
            'use a cdk-dpp bucket construct.',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'Data.template.json', uriBaseId: 'CDK_OUT', index: 0 },
              region: { startLine: lineOf('Open2F4367FD') },
            },
            logicalLocations: [
              { name: 'Open2F4367FD', fullyQualifiedName: 'Data/Open/Resource', kind: 'resource' },
            ],
          },
        ],
        partialFingerprints: {
          'cdkDppFinding/v1': 'd7576e52ad7e37fc286050c45a6ad8689f17f3d2c30325bb0951f0d63271cd31',
        },
        properties: {
          finding: 'DPP-S3BucketTlsOnly[SecureTransport]',
          clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
          stack: 'Data',
          // The app's own stack, beside the stage Prod: the organization section.
          stage: 'organization',
          logicalId: 'Open2F4367FD',
        },
      },
    ]);
    expect(rulesOf(run)[tls[0].ruleIndex as number].id).toBe('DPP-S3BucketTlsOnly');
  });

  test('the fingerprint follows pack, finding and construct path, not the line', () => {
    const fingerprints = (sarif: Json) =>
      runsOf(sarif).flatMap((run) => resultsOf(run).map((r) => r.partialFingerprints));
    const moved = renderSarif({
      ...report,
      findings: report.findings.map((f) => ({ ...f, templateLine: (f.templateLine ?? 0) + 7 })),
    });
    expect(fingerprints(moved)).toEqual(fingerprints(log));
    expect(new Set(fingerprints(log).map((f) => JSON.stringify(f))).size).toBe(
      report.findings.length,
    );
  });

  test('two granular findings of one rule share its ruleId but not their fingerprint', () => {
    const expiry = resultsOf(runOf(log, 'DPP')).filter(
      (r) =>
        r.ruleId === 'DPP-S3BucketExpiryByClass' &&
        (r.properties as Json).logicalId === 'Open2F4367FD',
    );
    expect(expiry.map((r) => (r.properties as Json).finding)).toEqual([
      'DPP-S3BucketExpiryByClass[Expiration]',
      'DPP-S3BucketExpiryByClass[NoncurrentExpiration]',
    ]);
    const [a, b] = expiry.map((r) => (r.partialFingerprints as Json)['cdkDppFinding/v1']);
    expect(a).not.toBe(b);
  });

  test('a finding of another pack: its own run, with the rules that have findings', () => {
    const run = runOf(log, 'AwsSolutions');
    expect(driverOf(run)).toEqual({
      name: 'AwsSolutions',
      rules: [
        {
          id: 'AwsSolutions-S1',
          shortDescription: { text: 'The S3 Bucket has server access logs disabled.' },
          defaultConfiguration: { level: 'error' },
          properties: { clauses: ['SOC-C2'], tags: ['security', 'SOC 2 service commitments'] },
        },
        {
          id: 'AwsSolutions-S10',
          shortDescription: {
            text: 'The S3 Bucket or bucket policy does not require requests to use SSL.',
          },
          defaultConfiguration: { level: 'error' },
          properties: { clauses: ['SOC-C2'], tags: ['security', 'SOC 2 service commitments'] },
        },
      ],
    });
    expect(run.invocations).toBeUndefined();
    expect(
      resultsOf(run).map((r) => {
        const [location] = r.locations as Json[];
        const physical = location.physicalLocation as Json;
        return [
          r.ruleId,
          r.ruleIndex,
          (physical.region as Json).startLine,
          ((location.logicalLocations as Json[])[0] as Json).fullyQualifiedName,
        ];
      }),
    ).toEqual([
      ['AwsSolutions-S1', 0, lineOf('Open2F4367FD'), 'Data/Open/Resource'],
      ['AwsSolutions-S1', 0, lineOf('OrdersA9B65338'), 'Data/Orders/Resource'],
      ['AwsSolutions-S10', 1, lineOf('Open2F4367FD'), 'Data/Open/Resource'],
    ]);
  });

  test('the staged stack is an artifact under its nested assembly', () => {
    expect((runOf(log, 'DPP').artifacts as Json[]).map((a) => (a.location as Json).uri)).toEqual([
      'Data.template.json',
      'assembly-Prod/ProdKeys76E19F6C.template.json',
    ]);
  });

  test('is deterministic: the same report, or one generated at another time, gives the same log', () => {
    const later = buildEvidenceReport(readCloudAssembly(assembly), {
      generatedAt: new Date('2027-05-06T07:08:09Z'),
    });
    expect(JSON.stringify(renderSarif(later))).toBe(JSON.stringify(log));
    expect(renderSarif(report)).toEqual(log);
  });

  test('a region that starts before line 1 fails the schema', () => {
    const run = runOf(log, 'DPP');
    const [first] = resultsOf(run);
    const [location] = first.locations as Json[];
    const broken = {
      ...log,
      runs: [
        {
          ...run,
          results: [
            {
              ...first,
              locations: [
                {
                  ...location,
                  physicalLocation: {
                    ...(location.physicalLocation as Json),
                    region: { startLine: 0 },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(schemaErrors(broken)).toContain(
      '/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1',
    );
  });
});

describe('acknowledgements and unchecked stacks', () => {
  test('an acknowledged finding is no result; the DPP run lists the acknowledgement', () => {
    const log = renderSarif(reportOf('sarif-acknowledged', acknowledgedApp));
    expect(schemaErrors(log)).toEqual([]);
    const run = runOf(log, 'DPP');
    expect(resultsOf(run).map((r) => r.ruleId)).not.toContain('DPP-S3BucketVersioned');
    expect((run.properties as Json).acknowledgements).toEqual([
      {
        rule: 'DPP-S3BucketVersioned[NotVersioned]',
        path: 'Site/Website',
        reason: WEBSITE_REASON,
        clauses: ['DPP-DR-4', 'SOC-C5'],
        pack: 'DPP',
        builtIn: false,
        governed: false,
      },
    ]);
  });

  test('an app the DPP pack never checked: no result, and an unsuccessful invocation', () => {
    const log = renderSarif(reportOf('sarif-unchecked', compliantApp, false));
    expect(schemaErrors(log)).toEqual([]);
    const run = runOf(log, 'DPP');
    expect(resultsOf(run)).toEqual([]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: {
              text:
                'No record that the DPP pack applied all its rules to stack Site: register it ' +
                'with `Validations.of(app).addPlugins(new DppChecks(app))` and synth again.',
            },
          },
        ],
      },
    ]);
    expect((run.properties as Json).conclusion).toBe('not registered');
  });
});

test('a cfn-guard finding named <template>:<logicalId> lands on the line of that resource', () => {
  const dir = synthAssembly('sarif-guard', compliantApp);
  assemblies.push(dir);
  const templateText = fs.readFileSync(path.join(dir, 'Site.template.json'), 'utf8');
  const resources = (JSON.parse(templateText) as { Resources: Record<string, { Type: string }> })
    .Resources;
  const bucket = Object.keys(resources).find((id) => resources[id].Type === 'AWS::S3::Bucket');
  const validation = JSON.parse(
    fs.readFileSync(path.join(dir, 'validation-report.json'), 'utf8'),
  ) as { pluginReports: Json[] };
  validation.pluginReports.push({
    pluginName: 'cdk-validator-cfnguard',
    conclusion: 'failure',
    violations: [
      {
        ruleName: 's3_bucket_logging_enabled_check',
        description: '[CT.S3.PR.2]: Require an Amazon S3 bucket to have server access logging',
        severity: 'error',
        violatingConstructs: [
          {
            cloudFormationResource: {
              templatePath: path.join(dir, 'Site.template.json'),
              logicalId: bucket,
            },
          },
        ],
      },
    ],
  });
  fs.writeFileSync(path.join(dir, 'validation-report.json'), JSON.stringify(validation));

  const log = renderSarif(buildEvidenceReport(readCloudAssembly(dir)));
  expect(schemaErrors(log)).toEqual([]);
  const [result] = resultsOf(runOf(log, 'cdk-validator-cfnguard'));
  expect(result.locations).toEqual([
    {
      physicalLocation: {
        artifactLocation: { uri: 'Site.template.json', uriBaseId: 'CDK_OUT', index: 0 },
        region: { startLine: templateText.split('\n').indexOf(`  "${bucket}": {`) + 1 },
      },
      logicalLocations: [
        { name: bucket, fullyQualifiedName: `Site.template.json:${bucket}`, kind: 'resource' },
      ],
    },
  ]);
  expect(bucket).toMatch(/^Assets[0-9A-F]{8}$/);
});

describe('findings built by hand', () => {
  let base: EvidenceReport;
  beforeAll(() => {
    base = reportOf('sarif-base', compliantApp);
  });

  const finding = (severity: string, rulePath: string) => ({
    plugin: 'cdk-validator-cfnguard',
    rule: 's3_bucket_logging_enabled_check',
    severity,
    description: '[CT.S3.PR.2]: Require an Amazon S3 bucket to have server access logging',
    path: rulePath,
    clauses: ['SOC-C2'],
  });

  test('levels: error and fatal to error, warning to warning, info to note, unknown to error', () => {
    const severities = ['error', 'fatal', 'warning', 'info', 'custom'];
    const log = renderSarif({
      ...base,
      findings: severities.map((s, i) => finding(s, `Site/Bucket${i}`)),
    });
    expect(schemaErrors(log)).toEqual([]);
    expect(resultsOf(runOf(log, 'cdk-validator-cfnguard')).map((r) => r.level)).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'error',
    ]);
  });

  test('a finding that names no stack points at the validation report, with no region', () => {
    const log = renderSarif({ ...base, findings: [finding('error', '(no resource named)')] });
    expect(schemaErrors(log)).toEqual([]);
    const [result] = resultsOf(runOf(log, 'cdk-validator-cfnguard'));
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'validation-report.json', uriBaseId: 'CDK_OUT' },
        },
        logicalLocations: [{ fullyQualifiedName: '(no resource named)', kind: 'resource' }],
      },
    ]);
    expect(result.properties).toEqual({
      finding: 's3_bucket_logging_enabled_check',
      clauses: ['SOC-C2'],
    });
  });

  test('acknowledgements go to the run of the pack they name, and only there', () => {
    const log = renderSarif({
      ...base,
      findings: [finding('error', 'Site/Bucket')],
      acknowledgements: [
        {
          rule: 's3_bucket_versioning_enabled_check',
          path: 'Site/Bucket',
          reason: 'Versioned by the backup plan',
          clauses: ['SOC-C2'],
          pack: 'cdk-validator-cfnguard',
          builtIn: false,
          governed: false,
        },
        {
          rule: 'AwsSolutions-S1',
          path: 'Site',
          reason: 'No logs',
          clauses: ['SOC-C2'],
          pack: 'AwsSolutions',
          builtIn: false,
          governed: false,
        },
      ],
    });
    expect(schemaErrors(log)).toEqual([]);
    expect((runOf(log, 'cdk-validator-cfnguard').properties as Json).acknowledgements).toEqual([
      {
        rule: 's3_bucket_versioning_enabled_check',
        path: 'Site/Bucket',
        reason: 'Versioned by the backup plan',
        clauses: ['SOC-C2'],
        pack: 'cdk-validator-cfnguard',
        builtIn: false,
        governed: false,
      },
    ]);
    expect((runOf(log, 'DPP').properties as Json).acknowledgements).toEqual([]);
  });

  test('a pack the validation report says succeeded has a run without results', () => {
    const log = renderSarif({
      ...base,
      summary: {
        ...base.summary,
        checkPacks: [
          ...base.summary.checkPacks,
          { name: 'cdk-validator-cfnguard', conclusion: 'success', openFindings: 0 },
        ],
      },
    });
    expect(schemaErrors(log)).toEqual([]);
    expect(runsOf(log).map((r) => driverOf(r).name)).toEqual(['DPP', 'cdk-validator-cfnguard']);
    const run = runOf(log, 'cdk-validator-cfnguard');
    expect(driverOf(run)).toEqual({ name: 'cdk-validator-cfnguard', rules: [] });
    expect(resultsOf(run)).toEqual([]);
    expect(run.properties).toEqual({ conclusion: 'success', acknowledgements: [] });
  });

  test('a DPP finding of a rule no longer in the table gets a rule of its own, after the table', () => {
    const retired = {
      plugin: 'DPP',
      rule: 'DPP-Retired[Gone]',
      severity: 'warning',
      description: 'The rule was retired (DPP-NP-7).',
      path: 'Site/Assets/Resource',
      clauses: ['DPP-NP-7'],
    };
    const log = renderSarif({ ...base, findings: [retired] });
    expect(schemaErrors(log)).toEqual([]);
    const run = runOf(log, 'DPP');
    expect(rulesOf(run)).toHaveLength(DPP_RULES.length + 1);
    expect(rulesOf(run)[DPP_RULES.length]).toEqual({
      id: 'DPP-Retired',
      shortDescription: { text: 'The rule was retired (DPP-NP-7).' },
      defaultConfiguration: { level: 'warning' },
      properties: { clauses: ['DPP-NP-7'], tags: ['security', 'Network Protection'] },
    });
    expect(resultsOf(run).map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['DPP-Retired', DPP_RULES.length, 'warning'],
    ]);
  });
});
