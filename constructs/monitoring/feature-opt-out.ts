import { OptOut } from '../common/opt-out';

/**
 * One feature of a service left out, with the reason: a GuardDuty protection plan or an Amazon
 * Inspector scan type that the Region of the stack does not offer. Enabling a feature a Region
 * lacks fails the deploy, so the operator leaves it out there, and the reason is recorded for the
 * auditor next to the clauses the feature serves.
 */
export interface FeatureOptOut extends OptOut {
  /** The feature, as the service names it: `RDS_LOGIN_EVENTS`, `LAMBDA_CODE`, ... */
  readonly feature: string;
}
