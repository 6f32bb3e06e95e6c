import { Duration } from 'aws-cdk-lib';

/**
 * The retention numbers of the catalog, in one place: constructs validate props against them
 * and check rules judge templates against them.
 */

/** PII is kept at most 30 days after shipment (DPP-DR-1). */
export const PII_MAX_RETENTION = Duration.days(30);

/**
 * Non-PII Amazon data is deleted within 18 months (DPP-25-NONPII), counted as the shortest
 * 18-month span (545 days) so no start date runs over.
 */
export const AMAZON_DATA_MAX_RETENTION = Duration.days(545);

/** Logs are kept at least 12 months (DPP-LM-5 raised by DPP-25-LOG). */
export const LOG_MIN_RETENTION = Duration.days(365);

/** Audit logs are immutable for at least 90 days (DPP-LM-5). */
export const AUDIT_LOG_MIN_IMMUTABLE = Duration.days(90);

/**
 * Audit records live at least the agreement period plus 12 months (DPP-AU-1); the library
 * never expires them before 13 months, counted long (400 days).
 */
export const AUDIT_LOG_MIN_EXPIRY = Duration.days(400);

/** Tax archives are kept at least one year (DPP-DR-2). */
export const TAX_ARCHIVE_MIN_RETENTION = Duration.days(365);
