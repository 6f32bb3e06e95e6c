/** One request a caller makes to a store, as the policies on its path see it. */
export interface DataRequest {
  /** `s3:PutObject`. */
  readonly action: string;
  /** The resource, as `EnvironmentTemplates.resolve` writes ARNs. */
  readonly resource: string;
  /** The ARN of the role the caller runs as. */
  readonly principalArn: string;
  /** The VPC endpoint the request comes through; undefined for a public service endpoint. */
  readonly sourceVpce?: string;
  /**
   * The service that calls KMS on the caller's behalf (`s3.«AWS::Region».amazonaws.com`);
   * undefined for a direct call.
   */
  readonly viaService?: string;
  /**
   * The `GuardDutyMalwareScanStatus` tag of the object the request names.
   * @default OBJECT_SCAN_STATUS
   */
  readonly objectScanStatus?: string;
}

/** The account every principal of the environment belongs to. */
export const ACCOUNT = '«AWS::AccountId»';

/** The root principal of the account, which in a resource policy stands for its principals. */
export const ACCOUNT_ROOT = `arn:«AWS::Partition»:iam::${ACCOUNT}:root`;

/** The TLS version callers use: every AWS SDK of the environment negotiates TLS 1.2 or newer. */
export const CALLER_TLS_VERSION = 1.2;

/**
 * The malware scan verdict of the objects the walker reaches (`GuardDutyMalwareScanStatus`): an
 * upload GuardDuty scanned and found clean. An infected object is denied to every reader.
 */
export const OBJECT_SCAN_STATUS = 'NO_THREATS_FOUND';
