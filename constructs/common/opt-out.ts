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

/** The reasons cdk-dpp wrote itself, so the report never shows them as the operator's. */
const LIBRARY_REASONS = new Set<string>();

/**
 * An opt-out whose reason cdk-dpp writes, not the operator: the reference environment's own
 * choices, or a reason a construct generates. The evidence report says the words are the
 * library's.
 */
export function libraryOptOut(reason: string): OptOut {
  LIBRARY_REASONS.add(reason);
  return { reason };
}

/** Whether cdk-dpp wrote this reason (`libraryOptOut`). */
export function isLibraryReason(reason: string): boolean {
  return LIBRARY_REASONS.has(reason);
}
