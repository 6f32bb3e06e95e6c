/** The tag every data store carries, naming its data class. The check pack relies on it. */
export const DATA_CLASS_TAG = 'dpp:data-class';

/**
 * What a data store holds. Retention and access rules apply by class.
 */
export enum DataClass {
  /** Amazon customers' personally identifiable information: kept at most 30 days (DPP-DR-1). */
  PII = 'pii',
  /** Amazon data that is not PII: kept at most 18 months (DPP-25-NONPII). */
  AMAZON_DATA = 'amazon-data',
  /** Security and audit logs: immutable for 90 days, kept at least 12 months (DPP-LM-5). */
  AUDIT_LOG = 'audit-log',
  /** Records kept for tax or legal reasons: cold and offline (DPP-DR-2). */
  TAX_ARCHIVE = 'tax-archive',
  /** Holds no Amazon data at all (for example, operational logs without PII). */
  NO_AMAZON_DATA = 'no-amazon-data',
}

/** Every data class value, for validation. */
export const DATA_CLASS_VALUES: readonly string[] = Object.values(DataClass);
