/**
 * How a clause of the catalog is met.
 */
export enum ControlKind {
  /** Infrastructure makes it true; a construct defaults to it and a check rule fails any synth that breaks it. */
  ENFORCED = 'enforced',
  /** Infrastructure provides the mechanism; people must act on it. */
  SUPPORTED = 'supported',
  /** Outside infrastructure: the operator's responsibility, listed in the evidence report. */
  ORGANIZATIONAL = 'organizational',
}

/**
 * The section of a source document a clause belongs to.
 */
export enum ControlFamily {
  NETWORK_PROTECTION = 'Network Protection',
  RETENTION_RECOVERY = 'Data Retention and Recovery',
  DATA_GOVERNANCE = 'Data Governance',
  ENCRYPTION_STORAGE = 'Encryption and Storage',
  LEAST_PRIVILEGE = 'Least Privilege',
  LOGGING_MONITORING = 'Logging and Monitoring',
  AUDIT = 'Audit',
  DPP_2025_REVISION = 'DPP revision of November 2025',
  SOC2_COMMITMENT = 'SOC 2 service commitments',
}

/**
 * One clause of the control catalog.
 */
export interface Control {
  /** Stable clause ID, e.g. `DPP-NP-7`. */
  readonly id: string;
  /** The section of the source document. */
  readonly family: ControlFamily;
  /** How the clause is met. */
  readonly kind: ControlKind;
  /** The requirement, in one line. */
  readonly requirement: string;
  /** What the operator still owes on paper or in practice (supported and organizational clauses). */
  readonly operatorDuty?: string;
  /** For SOC 2 commitments: the DPP clauses, or the mechanism, they map to. */
  readonly mapsTo?: string[];
}
