import { IConstruct } from 'constructs';
import { Acknowledgements } from '../checks/acknowledgements';

/** The plugin name that prefixes the ids of the AWS Control Tower rules run through cfn-guard. */
export const CONTROL_TOWER_PLUGIN = 'cdk-validator-cfnguard';

/**
 * A finding the environment accepts, and why. Every acknowledgement of the environment is one of
 * these, applied on the narrowest construct, and listed in docs/reference-environment.md.
 */
export interface EnvironmentAcknowledgement {
  /** The rule id as the checker reports it (`AwsSolutions-IAM5[...]`, `cdk-validator-cfnguard::...`). */
  readonly id: string;
  /** Why the finding is accepted, in words an auditor can check. */
  readonly reason: string;
}

/** The id of an AWS Control Tower rule (CT.*) as the cfn-guard plugin reports it. */
export function controlTowerRule(ruleName: string): string {
  return `${CONTROL_TOWER_PLUGIN}::${ruleName}`;
}

/** Erasable stores cannot be write-once (CT.S3.PR.9). */
export const OBJECT_LOCK_VERSUS_ERASURE: EnvironmentAcknowledgement = {
  id: controlTowerRule('s3_bucket_object_lock_enabled_check'),
  reason:
    'This bucket holds Amazon data that must expire within its retention (DPP-DR-1, ' +
    'DPP-25-NONPII) and be erased on a customer request (DPP-DG-4); Object Lock would forbid ' +
    'that erasure. Versioning, retain-on-delete and AWS Backup copies protect it against loss ' +
    'instead (DPP-DR-4). Write-once storage is used where the data must not change: the audit ' +
    'log bucket and the tax archive.',
};

/** S3 delivers server access logs only to a bucket without Object Lock and with SSE-S3. */
export const ACCESS_LOG_TARGET_RESTRICTIONS: readonly EnvironmentAcknowledgement[] = [
  {
    id: controlTowerRule('s3_bucket_object_lock_enabled_check'),
    reason:
      'S3 cannot deliver server access logs to a bucket with an Object Lock default retention; ' +
      'the log records are protected by versioning and retain-on-delete, and the write-once ' +
      'audit log bucket keeps the tamper-proof CloudTrail record of data access (DPP-LM-3).',
  },
  {
    id: controlTowerRule('s3_bucket_default_encryption_kms_check'),
    reason:
      'S3 server access logging and Elastic Load Balancing access logs are delivered only to ' +
      'buckets encrypted with SSE-S3 (AES-256), not SSE-KMS; the bucket holds request metadata ' +
      'without Amazon data, encrypted at rest with AES-256 all the same (DPP-ES-1).',
  },
  {
    id: controlTowerRule('s3_bucket_logging_enabled_check'),
    reason:
      'This bucket receives access logs; logging it into itself would log its own deliveries in ' +
      'a loop. API calls on it are recorded by the CloudTrail trail (DPP-LM-1).',
  },
];

/** Enhanced Monitoring writes to a log group the stack cannot protect. */
export const DATABASE_ENHANCED_MONITORING: EnvironmentAcknowledgement = {
  id: controlTowerRule('rds_instance_enhanced_monitoring_enabled_check'),
  reason:
    'Enhanced Monitoring writes OS metrics to the RDS-managed RDSOSMetrics log group, which ' +
    'this stack can neither encrypt with the PII key, cover with the PII data protection ' +
    'policy, nor keep 13 months (DPP-LM-4, DPP-LM-5), and its role needs a wildcard log-stream ' +
    'ARN. The instance CloudWatch metrics, exported PostgreSQL logs and security alarms cover ' +
    'its monitoring.',
};

/** What aws-cdk-lib's KMS and S3 grants name, for the application role. */
export const APPLICATION_GRANT_WILDCARDS: readonly EnvironmentAcknowledgement[] = [
  {
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'Writing SSE-KMS objects and items needs GenerateDataKey and ' +
      'GenerateDataKeyWithoutPlaintext, which the aws-cdk-lib grant names with this wildcard; it ' +
      'is limited to the PII key and to this role, which the key policy names (DPP-ES-2).',
  },
  {
    id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    reason:
      'ReEncryptFrom and ReEncryptTo, named by the aws-cdk-lib encrypt grant with this wildcard, ' +
      'are limited to the PII key and to this role, which the key policy names (DPP-ES-2).',
  },
];

/** Who answers for the environment's acknowledgements: a role, never a person. */
export const ENVIRONMENT_ACKNOWLEDGEMENT_OWNER = 'Platform engineering';

/**
 * The last day the environment's acknowledgements hold; by then their owner reviews every
 * reason against the current aws-cdk-lib, cdk-nag and Control Tower rules and sets a new date.
 */
export const ENVIRONMENT_ACKNOWLEDGEMENTS_EXPIRE = '2027-06-30';

/**
 * Applies acknowledgements to one construct, each governed: owned by
 * `ENVIRONMENT_ACKNOWLEDGEMENT_OWNER` until `ENVIRONMENT_ACKNOWLEDGEMENTS_EXPIRE`.
 */
export function acknowledge(
  scope: IConstruct,
  ...acknowledgements: readonly EnvironmentAcknowledgement[]
): void {
  for (const { id, reason } of acknowledgements) {
    Acknowledgements.of(scope).acknowledge({
      id,
      reason,
      owner: ENVIRONMENT_ACKNOWLEDGEMENT_OWNER,
      expires: ENVIRONMENT_ACKNOWLEDGEMENTS_EXPIRE,
    });
  }
}

/**
 * Why a function behind a load balancer has no dead-letter queue (the `LambdaDLQ` rule of the
 * NIST 800-53 R5, HIPAA and PCI DSS packs).
 */
export const SYNCHRONOUS_INVOCATION_DLQ_REASON =
  'The load balancer invokes the function synchronously: a failure returns to the caller as ' +
  'an HTTP error and is logged; a dead-letter queue only ever receives failed asynchronous ' +
  'invocations, so it would stay empty.';

/** The `LambdaDLQ` rule of the NIST 800-53 R5, HIPAA and PCI DSS packs, for that function. */
export const SYNCHRONOUS_INVOCATION_DLQ: readonly EnvironmentAcknowledgement[] = [
  'NIST.800.53.R5',
  'HIPAA.Security',
  'PCI.DSS.321',
].map((pack) => ({ id: `${pack}-LambdaDLQ`, reason: SYNCHRONOUS_INVOCATION_DLQ_REASON }));

/** The Lambda service needs network-interface actions that take no resource ARN. */
export const FUNCTION_NETWORK_INTERFACES: EnvironmentAcknowledgement = {
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason:
    'The Lambda service attaches the function to the isolated subnets with these actions, the ' +
    'same as the AWS managed policy AWSLambdaVPCAccessExecutionRole: the Describe actions accept ' +
    'no resource ARN, and the network interfaces are created by the service, so their ARNs are ' +
    'not known in advance. The role holds no other wildcard resource.',
};

/** cfn-guard rules follow references inside one template only. */
export const FUNCTION_SUBNETS_FROM_DATA_STACK: EnvironmentAcknowledgement = {
  id: controlTowerRule('lambda_inside_vpc_check'),
  reason:
    'The function is in the VPC: its VpcConfig names the isolated subnets and its deny-all ' +
    'security group, but the subnets are outputs of the data stack, and the rule accepts only ' +
    'literal IDs or references inside the same template. The environment test asserts the ' +
    'VpcConfig.',
};

/** Why the auditor reads every object of the audit log bucket. */
export const AUDIT_RECORDS_READ_REASON =
  'The auditor reads audit records, which CloudTrail and AWS Config name by account, region ' +
  'and date at delivery: reading them needs the object ARN wildcard of this one write-once ' +
  'bucket, and the grant holds read actions only (DPP-LM-3).';

/** aws-cdk-lib cannot name the target group in the permission the target group waits for. */
export const LOAD_BALANCER_INVOKE_PERMISSION: EnvironmentAcknowledgement = {
  id: controlTowerRule('lambda_function_public_access_prohibited_check'),
  reason:
    'The permission admits only the Elastic Load Balancing service principal, not any account. ' +
    'It cannot name the target group as its source ARN, because the target group waits for ' +
    'the permission before it registers the function (a CloudFormation cycle); the function is ' +
    'reached only through the internal HTTPS listener, on the /orders paths.',
};

/** GuardDuty S3 protection is a detector feature now; the rule reads the legacy data source. */
export const GUARDDUTY_S3_PROTECTION_AS_FEATURE: EnvironmentAcknowledgement = {
  id: controlTowerRule('guardduty_s3_protection_enabled_check'),
  reason:
    'S3 protection is on: the detector enables the S3_DATA_EVENTS feature, which replaced the ' +
    'DataSources.S3Logs setting the rule reads; AWS documents DataSources as legacy and the two ' +
    'cannot be set together.',
};

/** Functions that call only global or control-plane AWS APIs, never data. */
export const CONTROL_PLANE_FUNCTIONS_OUTSIDE_VPC: EnvironmentAcknowledgement = {
  id: controlTowerRule('lambda_inside_vpc_check'),
  reason:
    'The function calls only AWS control-plane APIs (EC2 to strip the default security ' +
    "group's rules or to look up prefix lists, IAM, IAM Access Analyzer, Inspector, or one " +
    'deploy-time call that plants a synthetic canary record) and handles no Amazon data; IAM ' +
    'has no VPC endpoint, and the isolated subnets have no route out, so it cannot run there.',
};
