/**
 * A deliberate, documented weakening of a safe default. The construct writes the reason into
 * the template's `cdk-dpp` metadata, and the evidence report shows it to the auditor next to
 * the clause it gives up.
 */
export interface OptOut {
  /**
   * Why the safe default does not fit, in words an auditor accepts (at least 20 characters).
   */
  readonly reason: string;
}
