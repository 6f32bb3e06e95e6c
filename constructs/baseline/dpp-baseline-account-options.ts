import { Duration, aws_sns as sns } from 'aws-cdk-lib';
import { OptOut } from '../common/opt-out';

/**
 * The settings of the `AccountBaseline` a `DppBaseline` creates: the props of
 * `AccountBaselineProps` except the audit bucket and the incident topic, which the baseline
 * supplies itself. They are passed through unchanged and validated by `AccountBaseline`.
 */
export interface DppBaselineAccountOptions {
  /**
   * The topic the monthly access review is sent to.
   * @default - the incident topic
   */
  readonly reviewTopic?: sns.ITopic;
  /**
   * After how long without use a role, user, key or permission is reported by the unused-access
   * analyzer: 1 to 365 days (DPP-NP-4).
   * @default Duration.days(90)
   */
  readonly unusedAccessAge?: Duration;
  /**
   * The oldest an access key may be before the AWS Config rule reports it: 1 to 90 days
   * (DPP-25-CRED).
   * @default Duration.days(90)
   */
  readonly maxAccessKeyAge?: Duration;
  /**
   * After how long without use a password or access key is reported by AWS Config: 1 to 90 days
   * (DPP-NP-4).
   * @default Duration.days(45)
   */
  readonly maxCredentialUnusedAge?: Duration;
  /**
   * Leaves Amazon Inspector (DPP-25-VULN, SOC-R4) to a delegated administrator that enables it
   * for the whole organization; the reason is recorded for the auditor.
   * @default - Amazon Inspector is enabled for EC2, ECR and Lambda in this account
   */
  readonly inspectorEnabledElsewhere?: OptOut;
}
