import * as fs from 'fs';
import * as path from 'path';
import { buildEvidenceReport, EvidenceReportOptions } from './build-report';
import { readCloudAssembly } from './cloud-assembly';
import { EvidenceReport } from './evidence-report';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderOscal } from './render-oscal';
import { renderOscalAssessmentResults } from './render-oscal-assessment';
import { renderSarif } from './render-sarif';
import { ReportInputError } from './report-input-error';

/** The base name of the report files. */
export const EVIDENCE_REPORT_BASENAME = 'evidence-report';

/** Where and when to write the evidence report. */
export interface WriteEvidenceReportOptions extends EvidenceReportOptions {
  /**
   * The folder the report files go to; created when missing.
   * @default - the cloud assembly folder itself
   */
  readonly outDir?: string;
  /**
   * Refuse, with a `ReportInputError`, an assembly that is not the product of its last synth
   * (`AssemblyContents.staleness`): its last synth attempt stopped before validation, or its
   * validation report is older than its manifest or its synth record.
   * @default false - the report is written, and its scope says the assembly is stale
   */
  readonly requireCurrentSynth?: boolean;
}

/** The written report and its files. */
export interface WrittenEvidenceReport {
  /** The report written. */
  readonly report: EvidenceReport;
  /**
   * Absolute paths: Markdown, HTML, JSON, OSCAL component definition, OSCAL assessment results,
   * SARIF log.
   */
  readonly files: string[];
}

/**
 * Reads a cloud assembly and writes its evidence report, one file per format:
 * `evidence-report.md`, `evidence-report.html`, `evidence-report.json`,
 * `evidence-report.oscal.json` (OSCAL 1.1.2 component definition),
 * `evidence-report.oscal-ar.json` (OSCAL 1.1.2 assessment results) and `evidence-report.sarif`
 * (the open findings, for code-scanning tools). Every file is rendered before any is written, and
 * each is written to a temporary file then renamed, so bad input never leaves a partial report
 * over a good one.
 *
 * @throws ReportInputError when the assembly cannot be read (or, with `requireCurrentSynth`, is
 * stale) or the folder cannot be written
 */
export function writeEvidenceReport(
  assemblyDir: string,
  options: WriteEvidenceReportOptions = {},
): WrittenEvidenceReport {
  const assembly = readCloudAssembly(assemblyDir);
  if (options.requireCurrentSynth && assembly.staleness) {
    throw new ReportInputError(assembly.staleness);
  }
  const report = buildEvidenceReport(assembly, options);
  const outDir = path.resolve(options.outDir ?? assemblyDir);
  const contents: Array<[string, string]> = [
    ['md', renderMarkdown(report)],
    ['html', renderHtml(report)],
    ['json', JSON.stringify(report, undefined, 2) + '\n'],
    ['oscal.json', JSON.stringify(renderOscal(report), undefined, 2) + '\n'],
    ['oscal-ar.json', JSON.stringify(renderOscalAssessmentResults(report), undefined, 2) + '\n'],
    ['sarif', JSON.stringify(renderSarif(report), undefined, 2) + '\n'],
  ];
  const files = contents.map(([ext]) => path.join(outDir, `${EVIDENCE_REPORT_BASENAME}.${ext}`));
  const temporary = files.map((f) => `${f}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    contents.forEach(([, text], i) => fs.writeFileSync(temporary[i], text));
    temporary.forEach((t, i) => fs.renameSync(t, files[i]));
  } catch (error) {
    temporary.forEach((t) => fs.rmSync(t, { force: true }));
    throw new ReportInputError(
      `cannot write the report to ${outDir}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return { report, files };
}
