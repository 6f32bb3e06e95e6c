import { IConstruct } from 'constructs';

/**
 * The type of the construct metadata that records who governs an acknowledgement: its owner,
 * expiry and ticket for an operator's acknowledgement, or the cdk-dpp construct that made it
 * for one built into the library. It sits on the construct that carries the acknowledgement
 * (`aws:cdk:acknowledged-rules`), and reaches the cloud assembly with it.
 */
export const ACKNOWLEDGEMENT_METADATA_TYPE = 'cdk-dpp:acknowledgement';

/** What `cdk-dpp:acknowledgement` metadata records about one acknowledgement. */
export interface AcknowledgementRecord {
  /** The acknowledged rule id, as given to `Validations.acknowledge`. */
  readonly id: string;
  /** Whether a cdk-dpp construct made it, rather than the operator. */
  readonly builtIn: boolean;
  /**
   * The cdk-dpp construct that made it, for a built-in acknowledgement.
   * @default - none: the operator made it
   */
  readonly construct?: string;
  /**
   * The team or role answerable for it, for an operator's acknowledgement.
   * @default - none
   */
  readonly owner?: string;
  /**
   * The last day it holds, `YYYY-MM-DD`, for an operator's acknowledgement.
   * @default - none
   */
  readonly expires?: string;
  /**
   * The ticket that tracks it.
   * @default - none
   */
  readonly ticket?: string;
}

/** Records `record` on `scope`, beside the acknowledgement it describes. */
export function recordAcknowledgement(scope: IConstruct, record: AcknowledgementRecord): void {
  const data: Record<string, string | boolean> = { id: record.id, builtIn: record.builtIn };
  if (record.construct !== undefined) data.construct = record.construct;
  if (record.owner !== undefined) data.owner = record.owner;
  if (record.expires !== undefined) data.expires = record.expires;
  if (record.ticket !== undefined) data.ticket = record.ticket;
  scope.node.addMetadata(ACKNOWLEDGEMENT_METADATA_TYPE, data);
}

/** The acknowledgement records on one construct, in the order they were made. */
export function acknowledgementRecords(scope: IConstruct): AcknowledgementRecord[] {
  return scope.node.metadata
    .filter((entry) => entry.type === ACKNOWLEDGEMENT_METADATA_TYPE)
    .map((entry) => entry.data as AcknowledgementRecord);
}
