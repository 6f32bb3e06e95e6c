import { Duration, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { DataClass } from '../common/data-class';
import { DppMetadata, leftOut } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { LOG_MIN_RETENTION } from '../common/retention-limits';
import { secureBucketProps } from './secure-bucket-props';

const CLAUSES = ['DPP-LM-2', 'DPP-LM-5', 'DPP-25-LOG', 'DPP-NP-1', 'DPP-NP-7', 'DPP-DR-4'];

const SELF_LOGGING_REASON =
  'This bucket is the server access log target; logging it into itself would loop. Its API ' +
  'calls are recorded by the CloudTrail trail.';

/** How long server access logs are kept by default: 13 months. */
export const SERVER_ACCESS_LOGS_DEFAULT_EXPIRATION = Duration.days(400);

/**
 * Props of a `ServerAccessLogsBucket`.
 */
export interface ServerAccessLogsBucketProps {
  /**
   * How long log objects (and their noncurrent versions) are kept: at least one year
   * (DPP-LM-5, DPP-25-LOG).
   * @default Duration.days(400)
   */
  readonly expiration?: Duration;
}

/**
 * The target of S3 server access logs (DPP-LM-2). S3 cannot deliver server access logs to a
 * bucket encrypted with SSE-KMS, so this bucket uses SSE-S3 (AES-256); it holds request
 * records, no Amazon data, and is tagged `no-amazon-data`. Otherwise it has every safe default:
 * Block Public Access, no ACLs, TLS 1.2+ only, versioning, retained on delete, and logs kept at
 * least a year.
 */
export class ServerAccessLogsBucket extends s3.Bucket {
  public constructor(scope: Construct, id: string, props: ServerAccessLogsBucketProps = {}) {
    const expiration = props.expiration ?? SERVER_ACCESS_LOGS_DEFAULT_EXPIRATION;
    const problems = new Problems(scope, id);
    problems.daysAtLeast('expiration', expiration, LOG_MIN_RETENTION, ['DPP-LM-5', 'DPP-25-LOG']);
    problems.throwIfAny();

    super(
      scope,
      id,
      secureBucketProps({
        encryption: s3.BucketEncryption.S3_MANAGED,
        lifecycleRules: [
          {
            id: 'ExpireServerAccessLogs',
            expiration,
            noncurrentVersionExpiration: Duration.days(1),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
      }),
    );

    const cfn = this.node.defaultChild as s3.CfnBucket;
    DppMetadata.of(cfn)
      .implementsControls('ServerAccessLogsBucket', CLAUSES)
      .declareData(
        DataClass.NO_AMAZON_DATA,
        {
          purpose: 'S3 server access logs: who requested what, from where, with what result.',
          piiFields: [],
          collection: 'Delivered by the S3 logging service.',
          sharing: 'Read by auditors and the security team only.',
        },
        expiration.toDays(),
        'S3 lifecycle expires log objects at the end of their retention.',
        'Holds no Amazon customer data; nothing to erase per person.',
        [
          'purpose',
          'piiFields',
          'collection',
          'sharing',
          'erasure',
          ...leftOut({ retentionDays: props.expiration }),
        ],
      );
    acknowledgeBuiltIn(this, 'ServerAccessLogsBucket', {
      id: 'AwsSolutions-S1',
      reason: SELF_LOGGING_REASON,
    });
    acknowledgeInCompliancePacks(
      this,
      'ServerAccessLogsBucket',
      'S3BucketLoggingEnabled',
      SELF_LOGGING_REASON,
    );
    acknowledgeInCompliancePacks(
      this,
      'ServerAccessLogsBucket',
      'S3DefaultEncryptionKMS',
      'S3 server access log delivery does not support SSE-KMS targets; the bucket uses SSE-S3 ' +
        '(AES-256) and holds no Amazon data.',
    );
    acknowledgeInCompliancePacks(
      this,
      'ServerAccessLogsBucket',
      'S3BucketReplicationEnabled',
      'Request logs hold no Amazon data and are versioned and retained; the same API activity ' +
        'is kept in the CloudTrail audit trail, so a live replica adds no recoverability.',
    );
  }
}

/**
 * Sends the server access logs of `source` to `target` under `prefix` (DPP-LM-2): sets the
 * source's logging configuration and lets the S3 logging service write there for this source
 * bucket and account only. For a bucket built with its props, `serverAccessLogsBucket` does the
 * same; this serves buckets whose log target is chosen after construction.
 */
export function deliverServerAccessLogs(
  source: s3.Bucket,
  target: s3.IBucket,
  prefix: string,
): void {
  const cfn = source.node.defaultChild as s3.CfnBucket;
  cfn.loggingConfiguration = {
    destinationBucketName: target.bucketName,
    logFilePrefix: prefix,
  };
  target.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: `ServerAccessLogsFrom${source.node.addr.slice(0, 8)}`,
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [target.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': source.bucketArn },
        StringEquals: { 'aws:SourceAccount': source.stack.account },
      },
    }),
  );
}

/**
 * Sends the server access logs of `source` under `prefix` to `target` (`deliverServerAccessLogs`)
 * or, when no target is given, to a new `ServerAccessLogsBucket` named `newBucketId` beside
 * `source` (DPP-LM-2).
 * @returns the bucket the logs go to
 */
export function logServerAccess(
  source: s3.Bucket,
  target: s3.IBucket | undefined,
  newBucketId: string,
  prefix: string,
): s3.IBucket {
  const logs = target ?? new ServerAccessLogsBucket(source.node.scope as Construct, newBucketId);
  deliverServerAccessLogs(source, logs, prefix);
  return logs;
}
