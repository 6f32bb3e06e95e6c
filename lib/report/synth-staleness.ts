import {
  SYNTH_ATTEMPT_FILE,
  SYNTH_RECORD_FILE,
  SynthAttempt,
  SynthRecord,
} from '../checks/synth-record';

/** What tells whether a cloud assembly is the product of its last synth. */
export interface SynthEvidence {
  /** The folder, as the user named it. */
  readonly directory: string;
  /** The attempt marker, when there is one. */
  readonly attempt?: SynthAttempt;
  /** The synth record, when there is one. */
  readonly record?: SynthRecord;
  /** When manifest.json was written, in ms; undefined when it is missing. */
  readonly manifestWritten?: number;
  /** When cdk-dpp-synth.json was written, in ms; undefined when it is missing. */
  readonly recordWritten?: number;
  /** When validation-report.json was written, in ms; undefined when it is missing. */
  readonly validationReportWritten?: number;
}

/**
 * Why a cloud assembly is not the product of its last synth, in one line that says what to do,
 * or undefined when nothing says so:
 * - the DPP pack marked an attempt that left no synth record (the synth failed before CDK
 *   validated the app, so the templates beside the marker are an earlier synth's);
 * - `validation-report.json` is older than `manifest.json` (a later synth ran no check pack);
 * - `validation-report.json` is older than the synth record (it is not from this attempt).
 *
 * Times are compared between files, never with the clock, and a copy that does not keep the
 * files' times (`cp` without `-p`) can make a current assembly look stale.
 */
export function synthStaleness(evidence: SynthEvidence): string | undefined {
  const { directory, attempt, record } = evidence;
  if (attempt && record?.attempt !== attempt.id) {
    return (
      `${directory} is older than its last synth attempt (${SYNTH_ATTEMPT_FILE}, started ` +
      `${attempt.startedAt}), which stopped before validation and left no ${SYNTH_RECORD_FILE}: ` +
      'fix the synth error and run `cdk synth` again.'
    );
  }
  const { manifestWritten, recordWritten, validationReportWritten } = evidence;
  if (validationReportWritten === undefined) return undefined;
  if (manifestWritten !== undefined && validationReportWritten < manifestWritten) {
    return (
      `${directory} holds no validation report of its last synth (validation-report.json is ` +
      'older than manifest.json, so no check pack ran): register `new DppChecks(app)` with ' +
      '`Validations.of(app).addPlugins` and run `cdk synth` again.'
    );
  }
  if (recordWritten !== undefined && validationReportWritten < recordWritten) {
    return (
      `${directory} holds no validation report of its last synth (validation-report.json is ` +
      `older than ${SYNTH_RECORD_FILE}, so it is not from this attempt): run \`cdk synth\` again.`
    );
  }
  return undefined;
}
