import { App, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../../constructs/common/built-in-acknowledgement';
import { Acknowledgements } from '../../lib/checks/acknowledgements';
import { TODAY_CONTEXT_KEY } from '../../lib/checks/synth-date';
import {
  AssemblyContents,
  buildEvidenceReport,
  ClauseStatus,
  EvidenceReport,
  readCloudAssembly,
  renderHtml,
  renderMarkdown,
} from '../../lib/report';
import { acknowledgementSections } from '../../lib/report/report-tables';
import { synthAssembly } from './fixture-assembly';

const SELF_LOGGING = 'The bucket receives access logs; logging it into itself would loop.';
const GRANT = 'The Describe actions of the Lambda service accept no resource ARN.';
const VERSIONS = 'The assets are rebuilt from the repository on every deploy.';
const LEGACY = 'The rule reads a legacy setting the detector no longer has.';

/** Two built-in acknowledgements, two governed by two owners, one ungoverned. */
function acknowledgingApp(app: App): void {
  app.node.setContext(TODAY_CONTEXT_KEY, '2027-06-10');
  const stack = new Stack(app, 'Shop');
  const logs = new Construct(stack, 'Logs');
  const web = new Construct(stack, 'Web');
  acknowledgeBuiltIn(
    logs,
    'ServerAccessLogsBucket',
    { id: 'AwsSolutions-S1', reason: SELF_LOGGING },
    { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason: SELF_LOGGING },
  );
  Acknowledgements.of(web).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: GRANT,
    owner: 'Platform engineering',
    expires: '2027-06-30',
    ticket: 'SEC-12',
  });
  Acknowledgements.of(web).acknowledge({
    id: 'DPP-S3BucketVersioned',
    reason: VERSIONS,
    owner: 'Data engineering',
    expires: '2027-12-31',
  });
  Validations.of(web).acknowledge({
    id: 'cdk-validator-cfnguard::guardduty_s3_protection_enabled_check',
    reason: LEGACY,
  });
}

let contents: AssemblyContents;
let report: EvidenceReport;

beforeAll(() => {
  contents = readCloudAssembly(synthAssembly('acknowledgements', acknowledgingApp));
  report = buildEvidenceReport(contents, { generatedAt: new Date('2027-06-10T08:00:00Z') });
});

test('the assembly reader joins each acknowledgement to the record of who governs it', () => {
  expect(contents.acknowledgements).toEqual([
    {
      path: 'Shop/Logs',
      rule: 'AwsSolutions-S1',
      reason: SELF_LOGGING,
      builtIn: true,
      construct: 'ServerAccessLogsBucket',
    },
    {
      path: 'Shop/Logs',
      rule: 'NIST.800.53.R5-S3BucketLoggingEnabled',
      reason: SELF_LOGGING,
      builtIn: true,
      construct: 'ServerAccessLogsBucket',
    },
    {
      path: 'Shop/Web',
      rule: 'AwsSolutions-IAM5[Resource::*]',
      reason: GRANT,
      builtIn: false,
      owner: 'Platform engineering',
      expires: '2027-06-30',
      ticket: 'SEC-12',
    },
    {
      path: 'Shop/Web',
      rule: 'DPP-S3BucketVersioned',
      reason: VERSIONS,
      builtIn: false,
      owner: 'Data engineering',
      expires: '2027-12-31',
    },
    {
      path: 'Shop/Web',
      rule: 'cdk-validator-cfnguard::guardduty_s3_protection_enabled_check',
      reason: LEGACY,
    },
  ]);
});

test('the report gives each acknowledgement its pack, and says whether it is governed', () => {
  expect(
    report.acknowledgements.map((a) => [a.pack, a.rule, a.builtIn, a.owner, a.governed]),
  ).toEqual([
    ['AwsSolutions', 'AwsSolutions-S1', true, undefined, false],
    ['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketLoggingEnabled', true, undefined, false],
    ['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]', false, 'Platform engineering', true],
    ['DPP', 'DPP-S3BucketVersioned', false, 'Data engineering', true],
    ['cdk-validator-cfnguard', 'guardduty_s3_protection_enabled_check', false, undefined, false],
  ]);
  expect(report.acknowledgements[3]).toEqual({
    rule: 'DPP-S3BucketVersioned',
    path: 'Shop/Web',
    reason: VERSIONS,
    clauses: ['DPP-DR-4', 'SOC-C5'],
    pack: 'DPP',
    builtIn: false,
    owner: 'Data engineering',
    expires: '2027-12-31',
    governed: true,
  });
});

test('groups by pack and owner, the operator apart from the library, the ungoverned flagged', () => {
  const ungoverned = { flag: 'ungoverned: no owner, no expiry', status: ClauseStatus.UNVERIFIED };
  const builtIn = { text: 'cdk-dpp (built in)' };
  const [byOwner, operator, library] = acknowledgementSections(report);
  expect(byOwner.table?.rows).toEqual([
    [{ text: 'AwsSolutions' }, { text: 'Platform engineering' }, { count: 1 }],
    [{ text: 'AwsSolutions' }, builtIn, { count: 1 }],
    [{ text: 'DPP' }, { text: 'Data engineering' }, { count: 1 }],
    [{ text: 'NIST.800.53.R5' }, builtIn, { count: 1 }],
    [{ text: 'cdk-validator-cfnguard' }, ungoverned, { count: 1 }],
  ]);
  expect(operator.table?.rows).toEqual([
    [
      { text: 'AwsSolutions' },
      { text: 'Platform engineering' },
      { nowrap: '2027-06-30' },
      { code: 'SEC-12' },
      { code: 'AwsSolutions-IAM5[Resource::*]' },
      { code: 'Shop/Web' },
      { clauses: ['SOC-C2'] },
      { text: GRANT },
    ],
    [
      { text: 'DPP' },
      { text: 'Data engineering' },
      { nowrap: '2027-12-31' },
      { text: 'none' },
      { code: 'DPP-S3BucketVersioned' },
      { code: 'Shop/Web' },
      { clauses: ['DPP-DR-4', 'SOC-C5'] },
      { text: VERSIONS },
    ],
    [
      { text: 'cdk-validator-cfnguard' },
      ungoverned,
      { flag: 'no expiry', status: ClauseStatus.UNVERIFIED },
      { text: 'none' },
      { code: 'guardduty_s3_protection_enabled_check' },
      { code: 'Shop/Web' },
      { clauses: ['SOC-C2'] },
      { text: LEGACY },
    ],
  ]);
  expect(library.table?.rows.map((row) => row.slice(0, 4))).toEqual([
    [
      { text: 'AwsSolutions' },
      { text: 'ServerAccessLogsBucket' },
      { code: 'AwsSolutions-S1' },
      { code: 'Shop/Logs' },
    ],
    [
      { text: 'NIST.800.53.R5' },
      { text: 'ServerAccessLogsBucket' },
      { code: 'NIST.800.53.R5-S3BucketLoggingEnabled' },
      { code: 'Shop/Logs' },
    ],
  ]);
});

test('a report of built-in acknowledgements only says the operator made none', () => {
  const libraryOnly = { ...report, acknowledgements: report.acknowledgements.slice(0, 2) };
  const [, none] = acknowledgementSections(libraryOnly);
  expect([none.table, none.empty]).toEqual([
    undefined,
    { text: 'None: every acknowledgement in the app is built into cdk-dpp.' },
  ]);
});

test('the sections do not depend on the time the report is generated', () => {
  const late = buildEvidenceReport(contents, { generatedAt: new Date('2027-07-01T00:00:00Z') });
  expect(acknowledgementSections(late)).toEqual(acknowledgementSections(report));
});

test('the Markdown report shows the three sections, in order', () => {
  const markdown = renderMarkdown(report);
  const headings = markdown.split('\n').filter((line) => /^## Acknowledgements/.test(line));
  expect(headings).toEqual([
    '## Acknowledgements by pack and owner',
    '## Acknowledgements by the operator',
    '## Acknowledgements built into cdk-dpp',
  ]);
  expect(markdown).toContain(
    '| cdk-validator-cfnguard | ungoverned: no owner, no expiry | no expiry | none | ' +
      '`guardduty_s3_protection_enabled_check` | `Shop/Web` | SOC-C2 | ' +
      `${LEGACY} |`,
  );
  expect(markdown).toContain(
    '| AwsSolutions | Platform engineering | 2027-06-30 | `SEC-12` | ' +
      '`AwsSolutions-IAM5[Resource::*]` | `Shop/Web` | SOC-C2 | ' +
      `${GRANT} |`,
  );
});

test('the HTML report anchors the sections and badges the ungoverned acknowledgement', () => {
  const html = renderHtml(report);
  for (const id of ['acknowledgements', 'operator-acknowledgements', 'built-in-acknowledgements']) {
    expect(html.split(`<h2 id="${id}">`)).toHaveLength(2);
  }
  expect(html.split('>ungoverned: no owner, no expiry</span>')).toHaveLength(3);
});
