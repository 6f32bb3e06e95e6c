import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import { DPP_RULES } from '../../lib/checks/rule-table';
import { ControlKind, CONTROLS } from '../../lib/controls';
import {
  buildEvidenceReport,
  ClauseStatus,
  EvidenceReport,
  JudgementOutcome,
  readCloudAssembly,
} from '../../lib/report';
import { compliantApp, synthAssembly } from './fixture-assembly';

// The report claims only what the assembly proves: a clause is met when a resource of the app
// was judged by a rule of the clause and passed, never because nothing fired.

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function reportOf(build: (app: App) => void): EvidenceReport {
  const dir = synthAssembly('evidence', build);
  scratch.push(dir);
  return buildEvidenceReport(readCloudAssembly(dir), { generatedAt: new Date(0) });
}

const count = (report: EvidenceReport, status: ClauseStatus) =>
  report.clauses.filter((c) => c.status === status).length;

/** The clauses some rule of the pack checks. */
const CHECKED = new Set(DPP_RULES.flatMap((r) => r.clauses));

describe('an empty app', () => {
  let report: EvidenceReport;
  beforeAll(() => {
    report = reportOf((app) => {
      new Stack(app, 'Empty');
    });
  });

  test('has no met, acknowledged, violated or provided clause', () => {
    expect(count(report, ClauseStatus.MET)).toBe(0);
    expect(count(report, ClauseStatus.ACKNOWLEDGED)).toBe(0);
    expect(count(report, ClauseStatus.VIOLATED)).toBe(0);
    expect(count(report, ClauseStatus.PROVIDED)).toBe(0);
  });

  test('calls every DPP clause a rule checks not applicable, naming the types that bring it into scope', () => {
    const checkedDpp = report.clauses.filter(
      (c) => c.kind === ControlKind.ENFORCED && c.id.startsWith('DPP-') && CHECKED.has(c.id),
    );
    expect(checkedDpp.length).toBeGreaterThan(0);
    for (const clause of checkedDpp) {
      expect([clause.id, clause.status]).toEqual([clause.id, ClauseStatus.NOT_APPLICABLE]);
      expect(clause.scopeTypes.length).toBeGreaterThan(0);
      expect(clause.statusReason).toContain('would bring it into scope');
      expect(clause.judged).toEqual([]);
    }
  });

  test('leaves an enforced clause no rule checks unverified', () => {
    const unchecked = CONTROLS.filter(
      (c) => c.kind === ControlKind.ENFORCED && !c.mapsTo && !CHECKED.has(c.id),
    );
    for (const control of unchecked) {
      expect([control.id, report.clauses.find((c) => c.id === control.id)?.status]).toEqual([
        control.id,
        ClauseStatus.UNVERIFIED,
      ]);
    }
  });
});

describe('a one-bucket app', () => {
  let report: EvidenceReport;
  beforeAll(() => {
    report = reportOf(compliantApp);
  });

  test('is met only on clauses with a resource judged by one of their rules, and passing', () => {
    const met = report.clauses.filter((c) => c.status === ClauseStatus.MET && !c.mapsTo.length);
    expect(met.length).toBeGreaterThan(0);
    for (const clause of met) {
      const passed = clause.judged.filter((j) => j.outcome === JudgementOutcome.PASS);
      expect([clause.id, passed.length > 0]).toEqual([clause.id, true]);
      for (const j of passed) {
        expect(j.path).toMatch(/^Site\/(Assets|SiteKey)\//);
        expect(DPP_RULES.find((r) => `DPP-${r.id}` === j.rule)?.clauses).toContain(clause.id);
      }
    }
  });

  test('calls TLS in transit met, judged on the bucket', () => {
    const np7 = report.clauses.find((c) => c.id === 'DPP-NP-7');
    expect(np7?.status).toBe(ClauseStatus.MET);
    expect(np7?.judged).toContainEqual(
      expect.objectContaining({
        path: 'Site/Assets/Resource',
        rule: 'DPP-S3BucketTlsOnly',
        outcome: JudgementOutcome.PASS,
      }),
    );
  });

  test('leaves a clause whose rules judge nothing in the app not applicable', () => {
    const dr2 = report.clauses.find((c) => c.id === 'DPP-DR-2');
    expect(dr2?.status).toBe(ClauseStatus.NOT_APPLICABLE);
  });

  test('claims no clause met without judged evidence, SOC commitments included', () => {
    for (const clause of report.clauses.filter((c) => c.status === ClauseStatus.MET)) {
      const evidence =
        clause.judged.some((j) => j.outcome === JudgementOutcome.PASS) ||
        clause.mapsTo.some((m) => m.status === ClauseStatus.MET);
      expect([clause.id, evidence]).toEqual([clause.id, true]);
    }
  });
});
