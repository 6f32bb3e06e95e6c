import * as fs from 'fs';
import { packageVersion } from '../../lib/checks/checks-record';
import { DPP_RULES } from '../../lib/checks/rule-table';
import {
  buildEvidenceReport,
  ClauseEvidence,
  ClauseStatus,
  EvidenceReport,
  readCloudAssembly,
  renderMarkdown,
  RuleOutcome,
} from '../../lib/report';
import { compliantApp, synthAssembly, violatingApp } from './fixture-assembly';

// The same apps synthesized with the DPP pack registered and without it: only the record the
// pack leaves on each stack tells "checked and found nothing" from "never checked".
const RECORD = `DPP ${packageVersion()} (${DPP_RULES.length} rules)`;
const assemblies: string[] = [];
const reportOf = (build: typeof compliantApp, dppChecks: boolean): EvidenceReport => {
  const dir = synthAssembly(dppChecks ? 'checked' : 'unchecked', build, dppChecks);
  assemblies.push(dir);
  return buildEvidenceReport(readCloudAssembly(dir), { generatedAt: new Date(0) });
};

let compliantChecked: EvidenceReport;
let compliantUnchecked: EvidenceReport;
let violatingChecked: EvidenceReport;
let violatingUnchecked: EvidenceReport;

beforeAll(() => {
  compliantChecked = reportOf(compliantApp, true);
  compliantUnchecked = reportOf(compliantApp, false);
  violatingChecked = reportOf(violatingApp, true);
  violatingUnchecked = reportOf(violatingApp, false);
});

afterAll(() => {
  assemblies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

function clause(report: EvidenceReport, id: string): ClauseEvidence {
  const found = report.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id} in the report`);
  return found;
}

const count = (report: EvidenceReport, status: ClauseStatus) =>
  report.summary.byStatus.find((s) => s.status === status)?.count;

describe('the record DppChecks leaves on every stack it checks', () => {
  test('a compliant app checked by the pack: every stack has the record, its clauses are met', () => {
    expect(compliantChecked.findings).toEqual([]);
    expect(compliantChecked.summary.templates.map((t) => [t.stack, t.checkedBy])).toEqual([
      ['Site', [RECORD]],
    ]);
    const np7 = clause(compliantChecked, 'DPP-NP-7');
    expect(np7.status).toBe(ClauseStatus.MET);
    // Each rule passed, or the app holds nothing of the types it judges.
    expect(np7.rules.filter((r) => r.outcome === RuleOutcome.PASS).map((r) => r.rule)).toEqual([
      'DPP-S3BucketTlsOnly',
    ]);
    expect(
      new Set(np7.rules.filter((r) => r.rule !== 'DPP-S3BucketTlsOnly').map((r) => r.outcome)),
    ).toEqual(new Set([RuleOutcome.NOTHING_TO_JUDGE]));
    expect(compliantChecked.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'no findings', openFindings: 0 },
    ]);
    expect(count(compliantChecked, ClauseStatus.UNVERIFIED)).toBe(0);
  });

  test('the same app without the pack: nothing is met, and the reason names the stack', () => {
    expect(compliantUnchecked.summary.templates.map((t) => [t.stack, t.checkedBy])).toEqual([
      ['Site', []],
    ]);
    expect(count(compliantUnchecked, ClauseStatus.MET)).toBe(0);
    expect(count(compliantUnchecked, ClauseStatus.ACKNOWLEDGED)).toBe(0);
    const np7 = clause(compliantUnchecked, 'DPP-NP-7');
    expect(np7.status).toBe(ClauseStatus.UNVERIFIED);
    expect(np7.statusReason).toMatch(/^1 resource it governs was not judged/);
    expect(np7.unjudged.map((r) => [r.path, r.reason])).toEqual([
      ['Site/Assets/Resource', 'Stack Site holds no record that the DPP pack checked it.'],
    ]);
    // The rules that judge a bucket or a key did not run on Site; the others had nothing there.
    const notRun = np7.rules.filter((r) => r.outcome === RuleOutcome.NOT_RUN);
    expect(notRun.map((r) => r.rule)).toContain('DPP-S3BucketTlsOnly');
    expect(notRun.map((r) => r.stacksNotChecked)).toEqual(notRun.map(() => ['Site']));
    expect(np7.rules.filter((r) => r.outcome === RuleOutcome.PASS)).toEqual([]);
    expect(compliantUnchecked.summary.checkPacks).toEqual([
      { name: 'DPP', conclusion: 'not registered', openFindings: 0 },
    ]);
  });

  test('a violating app checked by the pack: violated, and the staged stack has the record too', () => {
    expect(violatingChecked.summary.templates.map((t) => [t.stack, t.checkedBy])).toEqual([
      ['Data', [RECORD]],
      ['Prod/Keys', [RECORD]],
    ]);
    expect(clause(violatingChecked, 'DPP-NP-7').status).toBe(ClauseStatus.VIOLATED);
    expect(clause(violatingChecked, 'DPP-ES-2').status).not.toBe(ClauseStatus.UNVERIFIED);
  });

  test('the same app without the pack: its violation goes unseen, but nothing claims met', () => {
    expect(violatingUnchecked.findings).toEqual([]);
    expect(clause(violatingUnchecked, 'DPP-NP-7').status).toBe(ClauseStatus.UNVERIFIED);
    expect(
      new Set(clause(violatingUnchecked, 'DPP-NP-7').unjudged.map((r) => r.stack.split('/')[0])),
    ).toEqual(new Set(['Data']));
    expect(count(violatingUnchecked, ClauseStatus.MET)).toBe(0);
    expect(count(violatingUnchecked, ClauseStatus.ACKNOWLEDGED)).toBe(0);
  });

  test('the Markdown summary shows which pack checked which stack', () => {
    expect(renderMarkdown(violatingChecked)).toMatch(
      /\| Prod\/Keys \| .* \| DPP \S+ \(\d+ rules\) \|/,
    );
    expect(renderMarkdown(violatingUnchecked)).toMatch(
      /\| Prod\/Keys \| .* \| no record of a check pack \|/,
    );
  });
});
