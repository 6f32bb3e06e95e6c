import { Duration, Stack, Tags, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../../constructs/common/built-in-acknowledgement';
import { DataClass } from '../../constructs/common/data-class';
import { DppMetadata } from '../../constructs/common/dpp-metadata';
import { OWNER_TAG } from '../../constructs/common/owner';
import { PiiKey } from '../../constructs/encryption/pii-key';
import { secureBucketProps } from '../../constructs/storage/secure-bucket-props';
import { logServerAccess } from '../../constructs/storage/server-access-logs-bucket';
import {
  ACCESS_LOG_TARGET_RESTRICTIONS,
  EnvironmentAcknowledgement,
  acknowledge,
  controlTowerRule,
} from './acknowledgements';
import { BucketEventsToEventBridge } from './bucket-events-to-event-bridge';

/**
 * How long the pipeline keeps an artifact: the cloud assembly (templates and assets) of every
 * run, the record of what each deployment changed, at least as long as the logs (DPP-LM-5).
 */
export const PIPELINE_ARTIFACT_RETENTION = Duration.days(400);

/** Props of a `PipelineArtifactStore`. */
export interface PipelineArtifactStoreProps {
  /** Who answers for the pipeline, the `dpp:owner` tag of the store (DPP-DG-2). */
  readonly owner: string;
  /**
   * The name of the bucket: literal, so that the pipeline stack in another region can name it
   * (CloudFormation references do not cross regions).
   */
  readonly bucketName: string;
  /** The alias of the key, literal for the same reason. */
  readonly keyAlias: string;
}

/** Why the artifact buckets are not replicated. */
const ARTIFACTS_REBUILT_FROM_SOURCE =
  'The bucket holds the cloud assemblies of pipeline runs, which every run rebuilds from the ' +
  'source repository; it is versioned and retained, so a replica adds no recoverability.';

/** Why the artifact buckets have no Object Lock. */
const ARTIFACTS_EXPIRE: EnvironmentAcknowledgement = {
  id: controlTowerRule('s3_bucket_object_lock_enabled_check'),
  reason:
    'CodePipeline overwrites its artifacts run by run and the lifecycle expires them after ' +
    `${PIPELINE_ARTIFACT_RETENTION.toDays()} days; Object Lock would forbid both. The bucket is ` +
    'versioned, retained and KMS-encrypted, and its server access logs and the CloudTrail trail ' +
    'record every access.',
};

/**
 * The artifact store of a CDK pipeline in one region: a bucket built with the library's bucket
 * defaults (Block Public Access, TLS 1.2+ only, versioning, retained), SSE-KMS under a `PiiKey`
 * (rotated yearly, retained, used only by the principals its policy names), server access logs
 * into a `ServerAccessLogsBucket` beside it, object events to EventBridge, and artifacts expired
 * after `PIPELINE_ARTIFACT_RETENTION`. The pipeline's region gets one in the pipeline stack; every
 * other region a stage deploys to gets one in a stack of its own, which CodePipeline replicates
 * the artifacts into.
 */
export class PipelineArtifactStore extends Construct {
  /** The artifact bucket. */
  public readonly bucket: s3.Bucket;
  /** The key of the bucket. */
  public readonly key: PiiKey;
  /**
   * The key's alias, which encrypts the bucket: CodePipeline names the key of each artifact
   * store by it, a name that holds across regions (a key ARN would be a reference between
   * stacks of two regions, which CloudFormation cannot resolve). Grants on it go to the key.
   */
  public readonly keyAlias: kms.Alias;

  public constructor(scope: Construct, id: string, props: PipelineArtifactStoreProps) {
    super(scope, id);
    Tags.of(this).add(OWNER_TAG, props.owner);
    BucketEventsToEventBridge.applyTo(this);
    this.key = new PiiKey(this, 'Key', {
      alias: props.keyAlias,
      description: `Encrypts the deployment pipeline's artifacts in ${Stack.of(this).region} (cdk-dpp)`,
    });
    // The key's first alias, the one `PiiKey` adds for `alias`.
    this.keyAlias = this.key.node.findChild('Alias') as kms.Alias;
    this.bucket = new s3.Bucket(
      this,
      'Bucket',
      secureBucketProps({
        bucketName: props.bucketName,
        encryptionKey: this.keyAlias,
        lifecycleRules: [
          {
            id: 'ExpirePipelineArtifacts',
            expiration: PIPELINE_ARTIFACT_RETENTION,
            noncurrentVersionExpiration: PIPELINE_ARTIFACT_RETENTION,
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
      }),
    );
    const cfn = this.bucket.node.defaultChild as s3.CfnBucket;
    DppMetadata.of(cfn)
      .implementsControls('DppPipeline', ['DPP-ES-1', 'DPP-NP-7', 'DPP-DR-4', 'DPP-LM-2'])
      .declareData(
        DataClass.NO_AMAZON_DATA,
        {
          purpose:
            'Deployment pipeline artifacts: the source, the cloud assembly and the assets of each run.',
          piiFields: [],
          collection: 'Written by CodePipeline and CodeBuild.',
          sharing: 'Read by the deployment roles of the target accounts only.',
          owner: props.owner,
        },
        PIPELINE_ARTIFACT_RETENTION.toDays(),
        'S3 lifecycle expires artifacts at the end of their retention.',
        'Holds no Amazon customer data; nothing to erase per person.',
      );
    const accessLogs = logServerAccess(this.bucket, undefined, 'AccessLogs', 'artifacts/');
    acknowledge(accessLogs, ...ACCESS_LOG_TARGET_RESTRICTIONS);
    acknowledge(this.bucket, ARTIFACTS_EXPIRE);
    acknowledgeInCompliancePacks(
      this.bucket,
      'DppPipeline',
      'S3BucketReplicationEnabled',
      ARTIFACTS_REBUILT_FROM_SOURCE,
    );
  }
}
