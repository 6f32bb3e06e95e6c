/* eslint-disable @typescript-eslint/no-extraneous-class -- jsii has no free functions: static members carry them to every language */
import { CONTROLS, controlById, isControlId } from './catalog';
import { Control } from './control';

/**
 * The control catalog for every language of the package: each clause of the Data Protection
 * Policy (with its November 2025 revision) and of the SOC 2 service commitments, by ID.
 */
export class ControlCatalog {
  /** Every clause, in the order of the catalog. */
  public static controls(): Control[] {
    return [...CONTROLS];
  }

  /**
   * The clause with this ID, e.g. `DPP-NP-7`.
   * @throws if the catalog has no such clause
   */
  public static byId(id: string): Control {
    return controlById(id);
  }

  /** Whether the catalog has a clause with this ID. */
  public static has(id: string): boolean {
    return isControlId(id);
  }

  private constructor() {}
}
