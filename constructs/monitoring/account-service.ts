import { OptOut } from '../common/opt-out';

/**
 * Whether an `AccountBaseline` creates one of its account-level services, or adopts the one that
 * exists already. GuardDuty (one detector per account and Region), the AWS Config recorder and
 * delivery channel (one each per account and Region) and the IAM Access Analyzer analyzers (one
 * account analyzer of each type per account and Region) cannot be created twice: in an account
 * of an AWS Control Tower landing zone, or for a second environment in the same account and
 * Region, creating them fails the deploy. An adopted service is recorded, with its reason, for
 * the evidence report, which shows it as the operator's statement, not as evidence.
 */
export class AccountService {
  /** The baseline creates the service in this account and Region (the default). */
  public static create(): AccountService {
    return new AccountService();
  }

  /**
   * The service exists already, managed by the organization (a delegated administrator, Control
   * Tower) or by another app in this account and Region: the baseline creates nothing of it and
   * records `adoption.reason` for the auditor. For an analyzer, the access review then reads no
   * findings of it; use `adoptAnalyzer` to name one it can read.
   */
  public static adopt(adoption: OptOut): AccountService {
    return new AccountService(adoption);
  }

  /**
   * Adopts an IAM Access Analyzer analyzer of this account that exists already, whose active
   * findings the monthly access review reads: `analyzerArn` is its ARN
   * (`arn:aws:access-analyzer:<region>:<account>:analyzer/<name>`).
   */
  public static adoptAnalyzer(analyzerArn: string, adoption: OptOut): AccountService {
    return new AccountService(adoption, analyzerArn);
  }

  /**
   * Why the service is adopted, in the operator's words.
   * @default - none: the baseline creates the service
   */
  public readonly adoption?: OptOut;
  /**
   * The ARN of the adopted analyzer the access review reads.
   * @default - none
   */
  public readonly analyzerArn?: string;

  private constructor(adoption?: OptOut, analyzerArn?: string) {
    this.adoption = adoption;
    this.analyzerArn = analyzerArn;
  }
}

/**
 * Which account-level services an `AccountBaseline` creates and which it adopts. Every service
 * left out is created.
 */
export interface AccountServices {
  /**
   * The GuardDuty detector (DPP-NP-6, DPP-25-MAL, DPP-LM-1, SOC-R2, SOC-R3). Adopt it where a
   * GuardDuty delegated administrator enables GuardDuty for the organization.
   * @default AccountService.create()
   */
  readonly guardDuty?: AccountService;
  /**
   * The AWS Config recorder and delivery channel (DPP-DG-2, SOC-R8). Adopt it where Control Tower
   * or another app records the account; the baseline's Config rules still deploy, on that recorder.
   * @default AccountService.create()
   */
  readonly config?: AccountService;
  /**
   * The IAM Access Analyzer analyzer of external access (DPP-NP-4).
   * @default AccountService.create()
   */
  readonly externalAccessAnalyzer?: AccountService;
  /**
   * The IAM Access Analyzer analyzer of unused access (DPP-NP-4).
   * @default AccountService.create()
   */
  readonly unusedAccessAnalyzer?: AccountService;
  /**
   * Amazon Inspector (DPP-25-VULN, SOC-R4). Adopt it where an Inspector delegated administrator
   * enables it for the organization.
   * @default AccountService.create()
   */
  readonly inspector?: AccountService;
}

/** The account services, each with the clauses it serves, in the order the baseline builds them. */
export const ACCOUNT_SERVICE_CLAUSES: Readonly<Record<keyof AccountServices, readonly string[]>> = {
  guardDuty: ['DPP-LM-1', 'DPP-NP-6', 'DPP-25-MAL', 'SOC-R2', 'SOC-R3'],
  config: ['DPP-DG-2', 'SOC-R8'],
  externalAccessAnalyzer: ['DPP-NP-4'],
  unusedAccessAnalyzer: ['DPP-NP-4'],
  inspector: ['DPP-25-VULN', 'SOC-R4'],
};

/**
 * The setting an adopted service is recorded under, in the `optOuts` of the baseline's
 * `cdk-dpp` metadata: `accountServices.guardDuty`, ...
 */
export function adoptionSetting(service: keyof AccountServices): string {
  return `accountServices.${service}`;
}
