import {
  Lazy,
  Stack,
  aws_cloudtrail as cloudtrail,
  aws_dynamodb as dynamodb,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import {
  AuditEventSelectors,
  TRAIL_CLAUSES,
  TRAIL_INSIGHT_SELECTORS,
  checkTrailLogRetention,
  trailLogsDelivery,
} from '../logging/trail-parts';
import { checkLiteral, organizationTrailArn } from './organization-ids';

/** The clauses the log-archive names serve: where the records go and what encrypts them. */
const ARCHIVE_CLAUSES = ['DPP-LM-3', 'DPP-ES-1'];

/**
 * Props of an `OrganizationTrail`.
 */
export interface OrganizationTrailProps {
  /**
   * The name of the trail: 3 to 128 letters, digits, `.`, `_` or `-`. The log archive's bucket
   * and key policies name the trail's ARN, so it is fixed here and given to the
   * `OrganizationLogArchive` too.
   */
  readonly trailName: string;
  /**
   * The name of the `OrganizationLogArchive` bucket in the log-archive account (a literal:
   * `OrganizationLogArchive.bucket.bucketName` after its stack is deployed, or the name given to it).
   */
  readonly logArchiveBucketName: string;
  /**
   * The ARN of the key of that bucket in the log-archive account (a literal key ARN, not an alias:
   * `arn:aws:kms:<region>:<log-archive account>:key/<id>`).
   */
  readonly logArchiveKeyArn: string;
  /**
   * How long the trail's CloudWatch log group, in the management account, keeps the events of
   * every account: at least one year (DPP-LM-5, DPP-25-LOG).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The organization's audit trail, in the management account: a CloudTrail organization trail
 * (`IsOrganizationTrail`) that records every account of the organization, every region and the
 * global services, with log file validation and the `AuditTrail`'s management, insight and PII
 * data events, delivering to the `OrganizationLogArchive` bucket of the log-archive account
 * under that account's key, and to a `PiiFreeLogGroup` of the management account kept at least
 * a year (DPP-LM-1, DPP-LM-2, DPP-LM-3, DPP-LM-5). Deploy the log archive first: CloudTrail
 * checks the bucket and key policies when it creates the trail.
 */
export class OrganizationTrail extends Construct {
  /** The CloudTrail trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The ARN of the trail, as the log archive's policies name it. */
  public readonly trailArn: string;
  /** The log group the events of every account go to; metric filters of `SecurityAlarms` read it. */
  public readonly logGroup: PiiFreeLogGroup;
  /** The key that encrypts the log group. */
  public readonly logGroupKey: PiiKey;

  private readonly eventSelectors = new AuditEventSelectors();

  public constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const given: Partial<OrganizationTrailProps> = props ?? {};
    const problems = new Problems(this);
    const clauses = ['DPP-LM-1', 'DPP-LM-3'];
    problems.required('trailName', given.trailName, 'the name of the trail', clauses);
    checkLiteral(problems, 'trailName', given.trailName, 'trailName', clauses);
    const bucketName = given.logArchiveBucketName;
    const bucketWhat = 'the name of the log-archive bucket the trail delivers to';
    problems.required('logArchiveBucketName', bucketName, bucketWhat, ARCHIVE_CLAUSES);
    checkLiteral(problems, 'logArchiveBucketName', bucketName, 'bucketName', ARCHIVE_CLAUSES);
    const keyWhat = 'the ARN of the log-archive key that encrypts the records';
    problems.required('logArchiveKeyArn', given.logArchiveKeyArn, keyWhat, ['DPP-ES-1']);
    checkLiteral(problems, 'logArchiveKeyArn', given.logArchiveKeyArn, 'keyArn', ['DPP-ES-1']);
    checkTrailLogRetention(problems, given.logRetention);
    problems.throwIfAny();

    this.logGroupKey = new PiiKey(this, 'LogsKey', {
      description: 'Encrypts the organization trail log group (cdk-dpp)',
    });
    const delivery = trailLogsDelivery(this, this.logGroupKey, props.logRetention);
    this.logGroup = delivery.logGroup;

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: props.trailName,
      isOrganizationTrail: true,
      isLogging: true,
      s3BucketName: props.logArchiveBucketName,
      kmsKeyId: props.logArchiveKeyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: delivery.role.roleArn,
      insightSelectors: TRAIL_INSIGHT_SELECTORS,
      advancedEventSelectors: Lazy.any({ produce: () => this.eventSelectors.render() }),
    });
    this.trail.node.addDependency(delivery.role);
    const { partition, region, account } = Stack.of(this);
    this.trailArn = organizationTrailArn(partition, region, account, props.trailName);
    DppMetadata.of(this.trail).implementsControls('OrganizationTrail', [...TRAIL_CLAUSES]);
  }

  /**
   * Records reads and writes of every object of a PII bucket of any account of the organization
   * (DPP-LM-2): `s3.Bucket.fromBucketName` for a bucket of a member account.
   */
  public addPiiBucket(bucket: s3.IBucket): void {
    this.eventSelectors.addBucketArn(bucket.bucketArn);
  }

  /**
   * Records reads and writes of every item of a PII table of any account of the organization
   * (DPP-LM-2): `dynamodb.Table.fromTableArn` for a table of a member account.
   */
  public addPiiTable(table: dynamodb.ITable): void {
    this.eventSelectors.addTableArn(table.tableArn);
  }
}
