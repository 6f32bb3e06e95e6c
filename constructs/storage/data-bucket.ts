import { Duration, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  acknowledgeInCompliancePacks,
  acknowledgeStoreItems,
} from '../common/built-in-acknowledgement';
import { DataClass } from '../common/data-class';
import { DataDeclaration, DppMetadata, leftOut } from '../common/dpp-metadata';
import { DppValidationError, Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import {
  IDataStore,
  NO_LIVE_REPLICA_REASON,
  VpcEndpointOnlyProps,
  checkRetentionDays,
  checkStoreProps,
  exemptFromVpcEndpoint,
  fenceToVpcEndpoint,
  recordReader,
} from './data-store';
import { secureBucketProps } from './secure-bucket-props';
import { logServerAccess } from './server-access-logs-bucket';

/** The S3 actions that read or change data: the ones the VPC-endpoint policy fences in. */
export const S3_DATA_ACTIONS: readonly string[] = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ListBucket*',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
  's3:ReplicateObject',
  's3:ReplicateDelete',
];

/** What a reader of a data bucket may do on its objects. */
export const S3_READ_ACTIONS: readonly string[] = ['s3:GetObject', 's3:GetObjectVersion'];

/** What a writer of a data bucket may do on its objects. */
export const S3_WRITE_ACTIONS: readonly string[] = ['s3:PutObject', 's3:AbortMultipartUpload'];

/** The longest a presigned URL of a data bucket stays usable (DPP-ES-3). */
export const PRESIGNED_URL_MAX_AGE = Duration.minutes(5);

/**
 * Props of a data bucket (`PiiBucket`, `AmazonDataBucket`).
 */
export interface DataBucketProps extends VpcEndpointOnlyProps {
  /** What the bucket holds and why (DPP-DG-3). */
  readonly data: DataDeclaration;
  /**
   * The key that encrypts the objects (SSE-KMS with a bucket key).
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * How long an object's current version is kept before it expires. Never more than the data
   * class allows.
   * @default - the data class's maximum: 30 days for PII, 545 days for Amazon data
   */
  readonly expiration?: Duration;
  /**
   * How long a version is kept after it was overwritten or deleted, to recover from mistakes
   * (DPP-DR-4). Never more than the data class allows.
   * @default Duration.days(1)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Where the bucket's server access logs go (DPP-LM-2). Share one across buckets.
   * @default - a new `ServerAccessLogsBucket`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * How one person's data is erased on request (DPP-DG-4).
   * @default - delete every version of the person's objects by key
   */
  readonly erasure?: string;
  /**
   * The bucket name.
   * @default - a name CloudFormation generates
   */
  readonly bucketName?: string;
}

/**
 * What differs between the data bucket classes.
 */
export interface DataBucketClass {
  /** The construct name written into the metadata. */
  readonly constructName: string;
  /** The data class the bucket holds. */
  readonly dataClass: DataClass;
  /** The longest retention the class allows. */
  readonly maxRetention: Duration;
  /** The clauses that set the retention limit; the bucket implements them too. */
  readonly retentionClauses: string[];
}

/** The clauses every data bucket implements, besides its class's retention clauses. */
const DATA_BUCKET_CLAUSES = [
  'DPP-ES-1',
  'DPP-ES-3',
  'DPP-NP-1',
  'DPP-NP-3',
  'DPP-NP-5',
  'DPP-NP-7',
  'DPP-25-TLS',
  'DPP-DR-4',
  'DPP-DG-3',
  'DPP-LM-2',
];

const DEFAULT_ERASURE =
  "Delete every version of the person's objects by key (DeleteObject with each versionId); " +
  'objects are keyed by order so one person can be found.';

/**
 * A bucket for Amazon data, shared by `PiiBucket` and `AmazonDataBucket`: SSE-KMS with a
 * `PiiKey` and a bucket key (DPP-ES-1), all four Block Public Access settings and no ACLs
 * (DPP-NP-1, DPP-ES-3), versioning (DPP-DR-4), retained on delete, a policy that denies non-TLS
 * and TLS below 1.2 (DPP-NP-7, DPP-25-TLS), denies data access that does not come through the
 * VPC endpoint except for named administrative roles (DPP-NP-3, DPP-NP-5) and presigned URLs
 * older than five minutes (DPP-ES-3), lifecycle expiry within the class's limit, server access
 * logs (DPP-LM-2), and a data declaration in the template (DPP-DG-3).
 */
export class DataBucket extends s3.Bucket implements IDataStore {
  /** The key that encrypts the objects. */
  public readonly key: PiiKey;
  /** Days an object's current version is kept. */
  public readonly expirationDays: number;
  private readonly administrativeRoles: iam.IRole[];
  /** The name of the cdk-dpp construct, for the acknowledgements it makes. */
  private readonly constructName: string;

  protected constructor(
    scope: Construct,
    id: string,
    props: DataBucketProps,
    bucketClass: DataBucketClass,
  ) {
    const expiration = props.expiration ?? bucketClass.maxRetention;
    const noncurrent = props.noncurrentVersionExpiration ?? Duration.days(1);
    const problems = new Problems(scope, id);
    checkRetentionDays(
      problems,
      'expiration',
      expiration,
      bucketClass.maxRetention,
      bucketClass.retentionClauses,
    );
    checkRetentionDays(
      problems,
      'noncurrentVersionExpiration',
      noncurrent,
      bucketClass.maxRetention,
      bucketClass.retentionClauses,
    );
    checkStoreProps(problems, props, bucketClass.dataClass);
    problems.throwIfAny();

    const key = props.encryptionKey ?? new PiiKey(scope, `${id}Key`);
    super(
      scope,
      id,
      secureBucketProps({
        bucketName: props.bucketName,
        encryptionKey: key,
        lifecycleRules: [
          {
            id: 'ExpireData',
            expiration,
            noncurrentVersionExpiration: noncurrent,
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
      }),
    );
    this.key = key;
    this.constructName = bucketClass.constructName;
    logServerAccess(this, props.serverAccessLogsBucket, `${id}AccessLogs`, `${id}/`);
    this.expirationDays = expiration.toDays();
    this.administrativeRoles = fenceToVpcEndpoint(this, props, S3_DATA_ACTIONS, [
      this.bucketArn,
      this.arnForObjects('*'),
    ]);
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyStalePresignedUrls',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject*', 's3:PutObject*'],
        resources: [this.arnForObjects('*')],
        conditions: {
          NumericGreaterThan: { 's3:signatureAge': PRESIGNED_URL_MAX_AGE.toMilliseconds() },
        },
      }),
    );

    const cfn = this.node.defaultChild as s3.CfnBucket;
    DppMetadata.of(cfn)
      .implementsControls(bucketClass.constructName, [
        ...DATA_BUCKET_CLAUSES,
        ...bucketClass.retentionClauses,
      ])
      .declareData(
        bucketClass.dataClass,
        props.data,
        this.expirationDays,
        `S3 lifecycle expires current versions after ${days(this.expirationDays)} and ` +
          `noncurrent versions ${days(noncurrent.toDays())} after they are replaced or deleted.`,
        props.erasure ?? DEFAULT_ERASURE,
        leftOut({ retentionDays: props.expiration, erasure: props.erasure }),
      );
    acknowledgeInCompliancePacks(
      this,
      bucketClass.constructName,
      'S3BucketReplicationEnabled',
      NO_LIVE_REPLICA_REASON,
    );
  }

  /**
   * Lets `role` reach the data from outside the VPC endpoint: for administrative and service
   * roles only (AWS Backup, break-glass), never for application readers.
   */
  public allowAdministrativeAccess(role: iam.IRole): void {
    exemptFromVpcEndpoint(this, this.administrativeRoles, role);
  }

  /**
   * Lets `identity` read objects (`s3:GetObject`, `s3:GetObjectVersion`) and list the bucket,
   * and decrypt with the key through S3 only; recorded as a reader.
   */
  public override grantRead(identity: iam.IGrantable, objectsKeyPattern: unknown = '*'): iam.Grant {
    const grant = this.grantExactly(identity, S3_READ_ACTIONS, objectsKeyPattern);
    grant.combine(
      iam.Grant.addToPrincipal({
        grantee: identity,
        actions: ['s3:ListBucket'],
        resourceArns: [this.bucketArn],
      }),
    );
    this.key.grantThroughService(identity, 's3', 'kms:Decrypt');
    recordReader(this.node.defaultChild as s3.CfnBucket, identity);
    return grant;
  }

  /**
   * Lets `identity` write objects (`s3:PutObject`, `s3:AbortMultipartUpload`) and generate data
   * keys through S3, but not decrypt: a writer is not a reader. Multipart uploads also need decrypt; use
   * `grantReadWrite` for them. `allowedActionPatterns` can only narrow the write actions: those
   * of them it does not list exactly are left out.
   */
  public override grantWrite(
    identity: iam.IGrantable,
    objectsKeyPattern: unknown = '*',
    allowedActionPatterns?: string[],
  ): iam.Grant {
    const actions = S3_WRITE_ACTIONS.filter(
      (action) => allowedActionPatterns === undefined || allowedActionPatterns.includes(action),
    );
    const grant = this.grantExactly(identity, actions, objectsKeyPattern);
    this.key.grantThroughService(identity, 's3', 'kms:GenerateDataKey');
    return grant;
  }

  /** Lets `grantee` read objects, as `grantRead` does on every key. */
  public grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.grantRead(grantee);
  }

  /** Lets `grantee` write objects, as `grantWrite` does on every key. */
  public grantWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grantWrite(grantee);
  }

  /** Lets `identity` read and write objects with the key; recorded as a reader. */
  public override grantReadWrite(
    identity: iam.IGrantable,
    objectsKeyPattern: unknown = '*',
  ): iam.Grant {
    return this.grantRead(identity, objectsKeyPattern).combine(
      this.grantWrite(identity, objectsKeyPattern),
    );
  }

  /**
   * Grants exact object actions on the objects matching the pattern; the wildcard over this one
   * bucket's keys is acknowledged on the grantee (`acknowledgeStoreItems`).
   */
  private grantExactly(
    identity: iam.IGrantable,
    actions: readonly string[],
    objectsKeyPattern: unknown,
  ): iam.Grant {
    const pattern = String(objectsKeyPattern);
    const grant = iam.Grant.addToPrincipal({
      grantee: identity,
      actions: [...actions],
      resourceArns: [this.arnForObjects(pattern)],
    });
    acknowledgeStoreItems(
      identity,
      this.node.defaultChild as s3.CfnBucket,
      pattern,
      this.constructName,
    );
    return grant;
  }

  /** Always throws: a data bucket is never public (DPP-NP-1, DPP-ES-3). */
  public override grantPublicAccess(keyPrefix?: string, ...allowedActions: string[]): iam.Grant {
    const call = [JSON.stringify(keyPrefix ?? '*'), ...allowedActions].join(', ');
    throw new DppValidationError(this.node.path, [
      `\`grantPublicAccess\` is not allowed on a data bucket (DPP-NP-1, DPP-ES-3), got: a call (${call}); ` +
        'grant named roles with `grantRead`',
    ]);
  }
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}
