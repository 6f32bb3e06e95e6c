import { Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ACCESS_LOG_TARGET_RESTRICTIONS } from '../../lib/environment/acknowledgements';
import { BucketEventsToEventBridge } from '../../lib/environment/bucket-events-to-event-bridge';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { AuditLogBucket } from '../logging/audit-log-bucket';
import { checkLiteral, organizationTrailArn } from './organization-ids';

const CLAUSES = ['DPP-LM-1', 'DPP-LM-3', 'DPP-AU-1', 'DPP-ES-1'];

/**
 * Props of an `OrganizationLogArchive`.
 */
export interface OrganizationLogArchiveProps {
  /** The ID of the organization whose trail writes here (`o-` and 10 to 32 letters or digits). */
  readonly organizationId: string;
  /** The ID of the organization's management account, which owns the trail. */
  readonly managementAccountId: string;
  /** The name of the `OrganizationTrail`, the only trail whose writes are accepted. */
  readonly trailName: string;
  /**
   * The home Region of the trail: the Region of the management account's stack.
   * @default - the Region of this stack
   */
  readonly trailRegion?: string;
  /**
   * The bucket that holds the organization's audit records.
   * @default - a new `AuditLogBucket` with default settings
   */
  readonly bucket?: AuditLogBucket;
}

/**
 * The log-archive account's side of the organization trail: an `AuditLogBucket` (Object Lock
 * COMPLIANCE, TLS only, deletes denied) and its key, whose policies accept exactly the writes of
 * the `OrganizationTrail` of the management account: CloudTrail may check the bucket ACL and
 * write objects under `AWSLogs/<management account>/` and `AWSLogs/<organization ID>/` with
 * `bucket-owner-full-control`, and encrypt with the key, each only with `aws:SourceArn` equal to
 * that trail's ARN (DPP-LM-1, DPP-LM-3, DPP-AU-1, DPP-ES-1). Deploy it before the trail.
 */
export class OrganizationLogArchive extends Construct {
  /** The bucket that holds the audit records of every account. */
  public readonly bucket: AuditLogBucket;
  /** The key that encrypts them: its ARN is the trail's `logArchiveKeyArn`. */
  public readonly key: PiiKey;
  /** The ARN of the only trail the bucket and key accept. */
  public readonly trailArn: string;

  public constructor(scope: Construct, id: string, props: OrganizationLogArchiveProps) {
    super(scope, id);
    const given: Partial<OrganizationLogArchiveProps> = props ?? {};
    const problems = new Problems(this);
    const literals: [
      keyof OrganizationLogArchiveProps,
      string,
      Parameters<typeof checkLiteral>[3],
    ][] = [
      ['organizationId', 'the organization whose trail writes here', 'organizationId'],
      ['managementAccountId', 'the management account that owns the trail', 'accountId'],
      ['trailName', 'the name of the organization trail', 'trailName'],
    ];
    for (const [prop, what, kind] of literals) {
      const value = given[prop] as string | undefined;
      problems.required(prop, value, what, CLAUSES);
      checkLiteral(problems, prop, value, kind, CLAUSES);
    }
    checkLiteral(problems, 'trailRegion', given.trailRegion, 'region', CLAUSES);
    problems.throwIfAny();

    const stack = Stack.of(this);
    const management = props.managementAccountId;
    const trailRegion = props.trailRegion ?? stack.region;
    this.bucket = props.bucket ?? new AuditLogBucket(this, 'Bucket');
    if (!props.bucket) this.publishBucketEvents();
    this.key = this.bucket.key;
    this.trailArn = organizationTrailArn(stack.partition, trailRegion, management, props.trailName);
    this.acceptTrailWrites(management, props.organizationId);
    this.acceptTrailEncryption(management, props.trailName);
    // The bucket stays the AuditLogBucket's; the statements that accept the trail are this construct's.
    const policy = this.bucket.policy?.node.defaultChild as s3.CfnBucketPolicy | undefined;
    if (policy) DppMetadata.of(policy).implementsControls('OrganizationLogArchive', CLAUSES);
  }

  /**
   * The new bucket and its server access logs bucket publish their object events (deletes,
   * lifecycle expiry) to EventBridge (DPP-LM-6, AWS Control Tower CT.S3.PR.4). S3 delivers server
   * access logs only to a bucket without Object Lock and with SSE-S3, which that bucket is: its
   * Control Tower findings are acknowledged on it with the reference environment's reasons.
   */
  private publishBucketEvents(): void {
    BucketEventsToEventBridge.applyTo(this);
    const accessLogs = this.node.tryFindChild('BucketAccessLogs');
    if (accessLogs) {
      acknowledgeBuiltIn(accessLogs, 'OrganizationLogArchive', ...ACCESS_LOG_TARGET_RESTRICTIONS);
    }
  }

  /** The bucket statements: the ACL check and the writes under the two prefixes. */
  private acceptTrailWrites(management: string, organizationId: string): void {
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromTheTrail = { 'aws:SourceArn': this.trailArn };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailAclCheck',
        principals: [cloudTrail],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: { StringEquals: fromTheTrail },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailWrite',
        principals: [cloudTrail],
        actions: ['s3:PutObject'],
        resources: [
          this.bucket.arnForObjects(`AWSLogs/${management}/*`),
          this.bucket.arnForObjects(`AWSLogs/${organizationId}/*`),
        ],
        conditions: {
          StringEquals: { ...fromTheTrail, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
  }

  /**
   * The key statements, each only for the trail's ARN (`aws:SourceArn`): CloudTrail may generate
   * data keys for the log files of the trail (encryption context of trails of that name in the
   * management account), describe the key, and decrypt, which S3 asks of the writer when the
   * bucket's S3 Bucket Key is reused ("Configure AWS KMS key policies for CloudTrail": kms:Decrypt
   * is required with an S3 Bucket Key).
   */
  private acceptTrailEncryption(management: string, trailName: string): void {
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const { partition } = Stack.of(this);
    const fromTheTrail = { 'aws:SourceArn': this.trailArn };
    this.key.grantToService('OrganizationTrailEncryptLogs', cloudTrail, ['kms:GenerateDataKey*'], {
      StringEquals: fromTheTrail,
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${management}:trail/${trailName}`,
      },
    });
    this.key.grantToService('OrganizationTrailDecryptBucketKey', cloudTrail, ['kms:Decrypt'], {
      StringEquals: fromTheTrail,
    });
    this.key.grantToService('OrganizationTrailDescribeKey', cloudTrail, ['kms:DescribeKey'], {
      StringEquals: fromTheTrail,
    });
  }
}
