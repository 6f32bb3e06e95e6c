import {
  Lazy,
  Stack,
  aws_cloudtrail as cloudtrail,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { AuditLogBucket } from './audit-log-bucket';
import { PiiFreeLogGroup } from './pii-free-log-group';
import {
  AuditEventSelectors,
  TRAIL_CLAUSES,
  TRAIL_INSIGHT_SELECTORS,
  checkTrailLogRetention,
  trailLogsDelivery,
} from './trail-parts';

/**
 * Props of an `AuditTrail`.
 */
export interface AuditTrailProps {
  /**
   * Where the trail delivers its log files.
   * @default - a new `AuditLogBucket` with default settings
   */
  readonly bucket?: AuditLogBucket;
  /**
   * How long the trail's CloudWatch log group keeps events: at least one year (DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Whether the trail records every region. Must be true (DPP-LM-1).
   * @default true
   */
  readonly isMultiRegionTrail?: boolean;
  /**
   * Whether the trail writes digest files that prove log files unchanged. Must be true (DPP-LM-3).
   * @default true
   */
  readonly enableFileValidation?: boolean;
  /**
   * Whether the trail records global services such as IAM and STS. Must be true (DPP-LM-1).
   * @default true
   */
  readonly includeGlobalServiceEvents?: boolean;
  /**
   * The name of the trail.
   * @default - a name CloudFormation generates
   */
  readonly trailName?: string;
}

/**
 * The account's audit trail: CloudTrail for every region and the global services, with log file
 * validation, KMS-encrypted, delivering to an `AuditLogBucket` and to a `PiiFreeLogGroup` kept
 * at least a year; management events, insight events for API call and error rates, and data
 * events (reads and writes) for every PII store added with `addPiiBucket`/`addPiiTable`
 * (DPP-LM-1, DPP-LM-2, DPP-LM-3, DPP-LM-5).
 */
export class AuditTrail extends Construct {
  /** The CloudTrail trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The ARN of the trail. */
  public readonly trailArn: string;
  /** The bucket the log files go to. */
  public readonly bucket: AuditLogBucket;
  /** The log group the events go to; metric filters of `SecurityAlarms` read it. */
  public readonly logGroup: PiiFreeLogGroup;

  private readonly eventSelectors = new AuditEventSelectors();

  public constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    const problems = new Problems(this);
    for (const flag of [
      ['isMultiRegionTrail', props.isMultiRegionTrail, 'DPP-LM-1'],
      ['enableFileValidation', props.enableFileValidation, 'DPP-LM-3'],
      ['includeGlobalServiceEvents', props.includeGlobalServiceEvents, 'DPP-LM-1'],
    ] as const) {
      problems.check(flag[1] !== false, flag[0], 'must be true', [flag[2]], 'false');
    }
    checkTrailLogRetention(problems, props.logRetention);
    problems.throwIfAny();

    this.bucket = props.bucket ?? new AuditLogBucket(this, 'Bucket');
    const key = this.bucket.key;
    const delivery = trailLogsDelivery(this, key, props.logRetention);
    this.logGroup = delivery.logGroup;
    const { partition, region, account } = Stack.of(this);
    const trailArnPattern = `arn:${partition}:cloudtrail:${region}:${account}:trail/*`;
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromOurTrails = { ArnLike: { 'aws:SourceArn': trailArnPattern } };
    key.grantToService(
      'CloudTrailEncryptLogs',
      cloudTrail,
      ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${account}:trail/*`,
        },
        ...fromOurTrails,
      },
    );

    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailAclCheck',
        principals: [cloudTrail],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: fromOurTrails,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailWrite',
        principals: [cloudTrail],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${account}/*`)],
        conditions: {
          ...fromOurTrails,
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    const logsRole = delivery.role;

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: props.trailName,
      isLogging: true,
      s3BucketName: this.bucket.bucketName,
      kmsKeyId: key.keyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsRole.roleArn,
      insightSelectors: TRAIL_INSIGHT_SELECTORS,
      advancedEventSelectors: Lazy.any({ produce: () => this.eventSelectors.render() }),
    });
    if (this.bucket.policy) this.trail.node.addDependency(this.bucket.policy);
    this.trail.node.addDependency(logsRole);
    this.trailArn = this.trail.attrArn;
    const cfnTrail = this.trail;
    DppMetadata.of(cfnTrail).implementsControls('AuditTrail', [...TRAIL_CLAUSES]);
  }

  /** Records reads and writes of every object of a PII bucket (DPP-LM-2). */
  public addPiiBucket(bucket: s3.IBucket): void {
    this.eventSelectors.addBucketArn(bucket.bucketArn);
  }

  /** Records reads and writes of every item of a PII table (DPP-LM-2). */
  public addPiiTable(table: dynamodb.ITable): void {
    this.eventSelectors.addTableArn(table.tableArn);
  }
}
