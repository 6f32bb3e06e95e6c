import { Duration, Lazy, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { DataClass } from '../common/data-class';
import { defaultDeploymentRoleArn } from '../common/deployment-role';
import { DppMetadata, leftOut } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { DppValidationError, Problems } from '../common/problems';
import { AUDIT_LOG_MIN_EXPIRY, AUDIT_LOG_MIN_IMMUTABLE } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';
import { secureBucketProps } from '../storage/secure-bucket-props';
import { logServerAccess } from '../storage/server-access-logs-bucket';

const CLAUSES = ['DPP-LM-3', 'DPP-LM-5', 'DPP-25-LOG', 'DPP-AU-1', 'DPP-ES-1', 'DPP-NP-1'];

/** What a reader of audit logs may do: read objects, their versions and their lock, list. */
export const AUDIT_LOG_READ_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectRetention',
  's3:GetObjectLegalHold',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetBucketLocation',
  's3:GetBucketObjectLockConfiguration',
];

/** Actions that would destroy audit records: denied to everyone (DPP-LM-3). */
export const AUDIT_LOG_DELETE_ACTIONS: readonly string[] = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteBucket',
];

/**
 * Actions that would weaken the bucket's protection (its policy, lock, lifecycle, versioning):
 * denied to everyone but the CloudFormation deployment role (DPP-LM-3, DPP-LM-5).
 */
export const AUDIT_LOG_PROTECTION_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
];

/** The object reads only registered readers may make. */
const OBJECT_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];

/**
 * Props of an `AuditLogBucket`.
 */
export interface AuditLogBucketProps {
  /**
   * How long every object version is write-once (S3 Object Lock default retention): at least
   * 90 days (DPP-LM-5). After this window objects move to S3 Glacier Flexible Retrieval.
   * @default Duration.days(90)
   */
  readonly immutableFor?: Duration;
  /**
   * When objects expire: at least 400 days, 13 months counted long (DPP-AU-1, DPP-25-LOG), and
   * after the immutable window. Noncurrent versions expire the same time after they become
   * noncurrent, so no version lives shorter.
   * @default Duration.days(400)
   */
  readonly expireAfter?: Duration;
  /**
   * The Object Lock mode. Only COMPLIANCE is accepted: in GOVERNANCE mode a privileged user can
   * shorten the retention or delete locked versions (DPP-LM-3).
   * @default s3.ObjectLockMode.COMPLIANCE
   */
  readonly objectLockMode?: s3.ObjectLockMode;
  /**
   * The key that encrypts the audit records (SSE-KMS with a bucket key).
   * @default - a new `PiiKey` for audit data
   */
  readonly encryptionKey?: PiiKey;
  /**
   * The role that reads the audit records. It is the only reader: the bucket policy denies
   * object reads to every other principal (DPP-LM-3). More readers: `grantRead(role)`.
   * @default - a new role that principals of this account assume with MFA
   */
  readonly auditor?: iam.IRole;
  /**
   * Where the bucket's own S3 server access logs go. Object Lock buckets cannot receive
   * server access logs, and log targets cannot use SSE-KMS, so this is a separate bucket.
   * @default - a new `ServerAccessLogsBucket`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * The ARN of the role allowed to change the bucket's policy, lock, lifecycle and versioning
   * configuration (nobody may delete records).
   * @default - the CloudFormation execution role of the stack's `DefaultStackSynthesizer`;
   * with another synthesizer, nobody but the account root user
   */
  readonly deploymentRoleArn?: string;
  /**
   * The name of the bucket.
   * @default - a name CloudFormation generates
   */
  readonly bucketName?: string;
}

/**
 * The bucket that holds the audit trail: S3 Object Lock in COMPLIANCE mode for at least 90 days,
 * then S3 Glacier, expired no earlier than 13 months; versioned, SSE-KMS with its own key, Block
 * Public Access, TLS 1.2+ only; a policy that denies deletes to everyone and policy, lock and
 * lifecycle changes to everyone but the deployment role; objects readable only by the auditor
 * role (DPP-LM-3, DPP-LM-5, DPP-25-LOG, DPP-AU-1). Its server access logs go to a separate
 * plain bucket. Tagged `dpp:data-class` = `audit-log`.
 */
export class AuditLogBucket extends s3.Bucket {
  /** The key that encrypts the audit records. */
  public readonly key: PiiKey;
  /** The auditor role: the reader of the records. */
  public readonly auditor: iam.IRole;
  /** How long every version is write-once. */
  public readonly immutableFor: Duration;
  /** When objects expire. */
  public readonly expireAfter: Duration;

  private readonly readerArns: string[] = [];

  public constructor(scope: Construct, id: string, props: AuditLogBucketProps = {}) {
    const immutableFor = props.immutableFor ?? AUDIT_LOG_MIN_IMMUTABLE;
    const expireAfter = props.expireAfter ?? AUDIT_LOG_MIN_EXPIRY;
    const mode = props.objectLockMode ?? s3.ObjectLockMode.COMPLIANCE;
    validate(scope, id, mode, immutableFor, expireAfter);

    const key =
      props.encryptionKey ??
      new PiiKey(scope, `${id}Key`, { description: 'Encrypts audit records (cdk-dpp)' });
    super(
      scope,
      id,
      secureBucketProps({
        bucketName: props.bucketName,
        encryptionKey: key,
        objectLockEnabled: true,
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(immutableFor),
        lifecycleRules: [
          {
            id: 'ArchiveAfterLockThenExpire',
            transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: immutableFor }],
            noncurrentVersionTransitions: [
              { storageClass: s3.StorageClass.GLACIER, transitionAfter: immutableFor },
            ],
            expiration: expireAfter,
            noncurrentVersionExpiration: expireAfter,
            abortIncompleteMultipartUploadAfter: Duration.days(7),
          },
        ],
      }),
    );
    this.key = key;
    logServerAccess(this, props.serverAccessLogsBucket, `${id}AccessLogs`, 'audit-log-bucket/');
    this.immutableFor = immutableFor;
    this.expireAfter = expireAfter;

    this.addProtectionStatements(props.deploymentRoleArn);
    this.auditor = props.auditor ?? this.newAuditorRole();
    this.grantRead(this.auditor);

    const metadata = DppMetadata.of(this.node.defaultChild as s3.CfnBucket);
    metadata.implementsControls('AuditLogBucket', CLAUSES);
    metadata.declareData(
      DataClass.AUDIT_LOG,
      {
        purpose: 'Security and audit records (CloudTrail, AWS Config) kept to verify compliance',
        collection: 'Delivered by AWS CloudTrail and AWS Config.',
        sharing: 'Read by the auditor role only.',
      },
      expireAfter.toDays(),
      `Object Lock COMPLIANCE for ${immutableFor.toDays()} days, then S3 Glacier; lifecycle expiry after ${expireAfter.toDays()} days`,
      'Audit records hold no customer PII (DPP-LM-4); nothing to erase per person.',
      [
        'purpose',
        'collection',
        'sharing',
        'erasure',
        ...leftOut({ retentionDays: props.expireAfter }),
      ],
    );
    acknowledgeInCompliancePacks(
      this,
      'AuditLogBucket',
      'S3BucketReplicationEnabled',
      'Audit records are write-once (Object Lock COMPLIANCE) and versioned; a replica needs a ' +
        'destination bucket in another region, which an environment-agnostic stack cannot create. ' +
        'The trail also delivers every event to a CloudWatch log group kept at least a year.',
    );
  }

  /**
   * Lets a role read the audit records: list the bucket, read objects, their versions and their
   * lock, and decrypt them. The role is added to the bucket policy's readers; every other
   * principal is denied object reads (DPP-LM-3).
   */
  public override grantRead(identity: iam.IGrantable, objectsKeyPattern: unknown = '*'): iam.Grant {
    const principal = identity.grantPrincipal;
    if (!isRole(principal)) {
      throw new DppValidationError(this.node.path, [
        '`grantRead` needs an IAM role: the bucket policy names its readers by role ARN ' +
          `(DPP-LM-3), got: ${principal.toString()}; grant a role the reader assumes instead`,
      ]);
    }
    this.readerArns.push(principal.roleArn);
    DppMetadata.of(this.node.defaultChild as s3.CfnBucket).addReader(principal);
    const grant = iam.Grant.addToPrincipal({
      grantee: identity,
      actions: [...AUDIT_LOG_READ_ACTIONS],
      resourceArns: [this.bucketArn, this.arnForObjects(String(objectsKeyPattern))],
    });
    this.key.grantDecrypt(identity);
    return grant;
  }

  private addProtectionStatements(deploymentRoleArn: string | undefined): void {
    const resources = [this.bucketArn, this.arnForObjects('*')];
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDeletingAuditRecords',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: [...AUDIT_LOG_DELETE_ACTIONS],
        resources,
      }),
    );
    const deployer = deploymentRoleArn ?? defaultDeploymentRoleArn(Stack.of(this));
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWeakeningAuditProtection',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: [...AUDIT_LOG_PROTECTION_ACTIONS],
        resources,
        conditions: deployer ? { ArnNotEquals: { 'aws:PrincipalArn': deployer } } : undefined,
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyReadingToAllButAuditors',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: OBJECT_READ_ACTIONS,
        resources: [this.arnForObjects('*')],
        conditions: {
          ArnNotEquals: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.readerArns }) },
        },
      }),
    );
  }

  private newAuditorRole(): iam.Role {
    const role = new ManagedPolicyRole(this, 'AuditorRole', {
      description: 'Reads the audit records (cdk-dpp, DPP-LM-3); assumed with MFA',
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    acknowledgeBuiltIn(role, 'AuditLogBucket', {
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason:
        'The auditor reads every audit record: CloudTrail and AWS Config name objects by date at ' +
        'delivery, so the grant covers the objects of this one bucket, with read-only actions listed one by one.',
    });
    return role;
  }
}

function validate(
  scope: Construct,
  id: string,
  mode: s3.ObjectLockMode,
  immutableFor: Duration,
  expireAfter: Duration,
): void {
  const problems = new Problems(scope, id);
  problems.check(
    mode === s3.ObjectLockMode.COMPLIANCE,
    'objectLockMode',
    'must be COMPLIANCE; in GOVERNANCE mode privileged users can delete locked records',
    ['DPP-LM-3'],
    mode,
  );
  problems.daysAtLeast('immutableFor', immutableFor, AUDIT_LOG_MIN_IMMUTABLE, ['DPP-LM-5']);
  problems.daysAtLeast('expireAfter', expireAfter, AUDIT_LOG_MIN_EXPIRY, [
    'DPP-AU-1',
    'DPP-25-LOG',
  ]);
  if (!immutableFor.isUnresolved() && !expireAfter.isUnresolved()) {
    problems.check(
      expireAfter.toDays() > immutableFor.toDays(),
      'expireAfter',
      `must be later than \`immutableFor\` (${immutableFor.toDays()} days)`,
      ['DPP-LM-5'],
      `${expireAfter.toDays()} days`,
    );
  }
  problems.throwIfAny();
}

function isRole(principal: iam.IPrincipal): principal is iam.IRole {
  return typeof (principal as Partial<iam.IRole>).roleArn === 'string';
}
