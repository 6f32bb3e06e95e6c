import {
  CfnResource,
  Duration,
  Names,
  Stack,
  aws_iam as iam,
  aws_s3 as s3,
  aws_sns as sns,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DATA_CLASS_TAG, DataClass } from '../common/data-class';
import { DataDeclaration, DppMetadata } from '../common/dpp-metadata';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { OptOut } from '../common/opt-out';
import { checkOwner } from '../common/owner';
import { Problems } from '../common/problems';
import { TAX_ARCHIVE_MIN_RETENTION } from '../common/retention-limits';
import { PiiKey } from '../encryption/pii-key';
import { awsApiCall } from '../monitoring/aws-api-call';
import { secureBucketProps } from '../storage/secure-bucket-props';
import { logServerAccess } from '../storage/server-access-logs-bucket';

const CLAUSES = ['DPP-DR-2', 'DPP-ES-1', 'DPP-AU-1', 'DPP-NP-1', 'DPP-25-TLS'];

/** Where a tax archive keeps its records. */
export enum TaxArchiveBackend {
  /**
   * An S3 bucket whose objects are kept in S3 Glacier Deep Archive, under Object
   * Lock in COMPLIANCE mode. Works in every account.
   */
  S3_DEEP_ARCHIVE = 'S3_DEEP_ARCHIVE',
  /**
   * A standalone S3 Glacier vault. The service closed to new customers on 15 December 2025:
   * only for accounts that still have it.
   */
  GLACIER_VAULT = 'GLACIER_VAULT',
}

/** What the retrieval role may do on an S3 archive: restore an object, then read it. */
export const TAX_ARCHIVE_S3_RETRIEVAL_ACTIONS: readonly string[] = [
  's3:RestoreObject',
  's3:GetObject',
  's3:GetObjectVersion',
];

/** What the retrieval role may do on a vault: start a retrieval job, follow it, read its output. */
export const TAX_ARCHIVE_VAULT_RETRIEVAL_ACTIONS: readonly string[] = [
  'glacier:InitiateJob',
  'glacier:DescribeJob',
  'glacier:ListJobs',
  'glacier:GetJobOutput',
];

/** What a writer may do on a vault: upload archives, in one part or several. */
const VAULT_WRITE_ACTIONS = [
  'glacier:UploadArchive',
  'glacier:InitiateMultipartUpload',
  'glacier:UploadMultipartPart',
  'glacier:CompleteMultipartUpload',
  'glacier:AbortMultipartUpload',
];

/** The vault events the incident topic hears of: every finished retrieval. */
export const TAX_ARCHIVE_VAULT_EVENTS: readonly string[] = [
  'ArchiveRetrievalCompleted',
  'InventoryRetrievalCompleted',
];

/** The storage class every archived object is kept in. */
const DEEP_ARCHIVE = 'DEEP_ARCHIVE';
/** The condition key of the storage class a write names (`x-amz-storage-class`). */
const STORAGE_CLASS_KEY = 's3:x-amz-storage-class';

/**
 * Props of a `TaxArchive`.
 */
export interface TaxArchiveProps {
  /**
   * How long the law requires the records to be kept, in whole days, at least 365
   * (DPP-DR-2): e.g. `Duration.days(3653)` for ten years. Records cannot be deleted before
   * (S3 Object Lock COMPLIANCE, or a vault policy on the archive age) and expire after.
   */
  readonly retention: Duration;
  /**
   * Where the records are kept.
   * @default TaxArchiveBackend.S3_DEEP_ARCHIVE
   */
  readonly backend?: TaxArchiveBackend;
  /**
   * The topic that hears of every finished vault retrieval job. Required with the
   * `GLACIER_VAULT` backend (DPP-LM-7); with S3, retrievals are recorded by CloudTrail data
   * events.
   * @default - none; required with `TaxArchiveBackend.GLACIER_VAULT`
   */
  readonly incidentTopic?: sns.ITopic;
  /**
   * The key of the archive: SSE-KMS of the bucket, or the client-side envelope key of vault
   * archives (S3 Glacier encrypts vault archives only with keys it manages).
   * @default - a new `PiiKey` for this archive alone
   */
  readonly encryptionKey?: PiiKey;
  /**
   * Who may assume the retrieval role, the one role that can read the archive. Multi-factor
   * authentication is required of it unless `retrievalWithoutMfa` says why not.
   * @default - principals of this account, with multi-factor authentication
   */
  readonly retrievalPrincipal?: iam.IPrincipal;
  /**
   * Lets `retrievalPrincipal` assume the retrieval role without multi-factor authentication
   * (for example an approved, audited workflow role); the reason is recorded for the auditor.
   * @default - multi-factor authentication is required to assume the retrieval role
   */
  readonly retrievalWithoutMfa?: OptOut;
  /**
   * What the archive holds, for the record of processing (DPP-DG-3).
   * @default - tax records kept because the law requires them, no PII fields named
   */
  readonly data?: DataDeclaration;
  /**
   * Where the bucket's S3 server access logs go (S3 backend only).
   * @default - a new `ServerAccessLogsBucket`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
}

/**
 * Cold, write-once storage for records the law requires (tax), not reachable for interactive
 * use (DPP-DR-2, DPP-AU-1):
 *
 * - S3 backend (default): objects written to S3 Glacier Deep Archive (writes that name any
 *   other storage class are denied; a write that names none lands in S3 Standard and a
 *   lifecycle rule moves it to Deep Archive at its first run), Object Lock COMPLIANCE for the retention, SSE-KMS with its
 *   own key, versioning, Block Public Access, TLS 1.2+ only, deletes denied, expired at the end
 *   of the retention, retained on stack deletion.
 * - Glacier vault backend: a vault whose access policy denies deleting an archive younger than
 *   the retention, notifies every finished retrieval job to the incident topic, retained on
 *   stack deletion; writers encrypt archives client-side with the archive's key.
 *
 * Both deny every read (`s3:GetObject`, `s3:RestoreObject`, `glacier:InitiateJob`,
 * `glacier:GetJobOutput`) to every principal except the archive's retrieval role, which has no
 * other rights; granting read to any other principal throws. Tagged `dpp:data-class` =
 * `tax-archive` (the vault through the S3 Glacier API), and both declare their retention.
 */
export class TaxArchive extends Construct {
  /** The backend the records live in. */
  public readonly backend: TaxArchiveBackend;
  /** How long records are kept. */
  public readonly retention: Duration;
  /** The key of the archive. */
  public readonly key: PiiKey;
  /** The one role that can read the archive. */
  public readonly retrievalRole: iam.Role;
  /** The bucket (S3 backend only). */
  public readonly bucket?: s3.Bucket;
  /** The name of the vault (Glacier vault backend only). */
  public readonly vaultName?: string;
  /** The ARN of the vault (Glacier vault backend only). */
  public readonly vaultArn?: string;

  /** The ARN that covers every record: the bucket's objects or the vault. */
  private readonly recordsArn: string;

  public constructor(scope: Construct, id: string, props: TaxArchiveProps) {
    super(scope, id);
    const backend = props.backend ?? TaxArchiveBackend.S3_DEEP_ARCHIVE;
    validate(this, props, backend);
    this.backend = backend;
    this.retention = props.retention;
    this.key =
      props.encryptionKey ??
      new PiiKey(this, 'Key', { description: 'Encrypts the tax archive (cdk-dpp)' });
    this.retrievalRole = new ManagedPolicyRole(this, 'RetrievalRole', {
      description: 'Retrieves records from the tax archive, and nothing else (cdk-dpp, DPP-DR-2)',
      assumedBy: retrievalAssumer(props),
      maxSessionDuration: Duration.hours(1),
    });

    const declaration: DataDeclaration = props.data ?? {
      purpose: 'Records the law requires to be kept (tax), for audits by the tax authority',
      sharing: 'Shared only with the tax authority on request, through the retrieval role.',
    };
    const retentionDays = props.retention.toDays();
    const libraryFields = ['erasure', ...(props.data ? [] : ['purpose', 'sharing'])];
    const erasure =
      'The legal obligation to keep tax records overrides erasure requests until the retention ' +
      'ends; the records are then deleted with the rest of the archive.';
    let metadata: DppMetadata;
    if (backend === TaxArchiveBackend.S3_DEEP_ARCHIVE) {
      this.bucket = this.newBucket(props);
      this.recordsArn = this.bucket.arnForObjects('*');
      metadata = DppMetadata.of(this.bucket.node.defaultChild as s3.CfnBucket).declareData(
        DataClass.TAX_ARCHIVE,
        declaration,
        retentionDays,
        `Object Lock COMPLIANCE for ${retentionDays} days in S3 Glacier Deep Archive; lifecycle expiry after`,
        erasure,
        libraryFields,
      );
    } else {
      this.vaultName = Names.uniqueResourceName(this, { maxLength: 200, separator: '-' });
      const { partition, region, account } = Stack.of(this);
      this.vaultArn = `arn:${partition}:glacier:${region}:${account}:vaults/${this.vaultName}`;
      this.recordsArn = this.vaultArn;
      // `validate` made sure the vault backend has its topic.
      const topic = props.incidentTopic as sns.ITopic;
      metadata = DppMetadata.of(this.newVault(topic, this.vaultName, this.vaultArn)).declareData(
        DataClass.TAX_ARCHIVE,
        declaration,
        retentionDays,
        `Vault policy denies deleting archives younger than ${retentionDays} days; deleted after by the operator`,
        erasure,
        libraryFields,
      );
    }
    metadata.implementsControls('TaxArchive', CLAUSES).addReader(this.retrievalRole);
    if (props.retrievalWithoutMfa) {
      metadata.addOptOut({
        setting: 'retrievalWithoutMfa',
        clauses: [...RETRIEVAL_MFA_CLAUSES],
        reason: props.retrievalWithoutMfa.reason,
      });
    }
    this.grantRetrieval();
  }

  /**
   * Lets `grantee` add records: `s3:PutObject` (single or multipart uploads; name the
   * `DEEP_ARCHIVE` storage class, any other class is denied), or vault
   * uploads, and `kms:GenerateDataKey` on the archive's key. Writers cannot read.
   */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: this.bucket ? ['s3:PutObject'] : VAULT_WRITE_ACTIONS,
      resourceArns: [this.recordsArn],
    });
    this.key.grant(grantee, 'kms:GenerateDataKey');
    return grant;
  }

  /**
   * Reading is reserved for the retrieval role, which has it from the start: every other
   * grantee throws (DPP-DR-2). To let a person retrieve records, let them assume
   * `retrievalRole` (see `retrievalPrincipal`).
   */
  public grantRead(grantee: iam.IGrantable): void {
    if (grantee.grantPrincipal === this.retrievalRole) return;
    const problems = new Problems(this);
    problems.add(
      'grantRead.grantee',
      'must be the retrieval role: a tax archive has one readable role, which has no other rights',
      ['DPP-DR-2'],
      grantee.grantPrincipal.toString(),
    );
    problems.throwIfAny();
  }

  private grantRetrieval(): void {
    iam.Grant.addToPrincipal({
      grantee: this.retrievalRole,
      actions: this.bucket
        ? [...TAX_ARCHIVE_S3_RETRIEVAL_ACTIONS]
        : [...TAX_ARCHIVE_VAULT_RETRIEVAL_ACTIONS],
      resourceArns: [this.recordsArn],
    });
    this.key.grantDecrypt(this.retrievalRole);
    if (this.bucket) {
      acknowledgeBuiltIn(this.retrievalRole, 'TaxArchive', {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
        reason:
          'Retrieval serves any record a tax audit asks for, so it covers the objects of this one ' +
          'archive bucket, with the three restore and read actions listed one by one.',
      });
    }
  }

  private newBucket(props: TaxArchiveProps): s3.Bucket {
    const bucket = new s3.Bucket(
      this,
      'Bucket',
      secureBucketProps({
        encryptionKey: this.key,
        objectLockEnabled: true,
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(props.retention),
        // An object written without a storage class lands in S3 Standard; this rule moves it
        // (and any version it leaves behind) to Deep Archive at the first lifecycle run, small
        // objects included, which the 128 KB default minimum would otherwise keep in Standard.
        transitionDefaultMinimumObjectSize:
          s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
        lifecycleRules: [
          {
            id: 'ExpireAfterLegalRetention',
            expiration: props.retention,
            noncurrentVersionExpiration: props.retention,
            abortIncompleteMultipartUploadAfter: Duration.days(7),
            transitions: [
              { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
            ],
            noncurrentVersionTransitions: [
              { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(0) },
            ],
          },
        ],
      }),
    );
    logServerAccess(bucket, props.serverAccessLogsBucket, 'AccessLogs', 'tax-archive/');

    const objects = bucket.arnForObjects('*');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyReadingToAllButRetrievalRole',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: [...TAX_ARCHIVE_S3_RETRIEVAL_ACTIONS],
        resources: [objects],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': this.retrievalRole.roleArn } },
      }),
    );
    // s3:PutObject authorizes PutObject, CopyObject, CreateMultipartUpload, UploadPart and
    // CompleteMultipartUpload; only the first three carry a storage class. The denial applies
    // when a class is named and is not Deep Archive (`Null: false` = the key is present), so the
    // parts of a Deep Archive upload pass, and a write without a class is moved by the lifecycle.
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWritingOutsideDeepArchive',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: {
          StringNotEquals: { [STORAGE_CLASS_KEY]: DEEP_ARCHIVE },
          Null: { [STORAGE_CLASS_KEY]: 'false' },
        },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDeletingRecords',
        effect: iam.Effect.DENY,
        principals: [new iam.StarPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [objects],
      }),
    );
    const replication =
      'Records are write-once (Object Lock COMPLIANCE) and versioned in S3 Glacier Deep Archive, ' +
      'which stores them across at least three Availability Zones; a replica needs a locked ' +
      'destination bucket in another region, which an environment-agnostic stack cannot create.';
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      acknowledgeBuiltIn(bucket, 'TaxArchive', {
        id: `${pack}-S3BucketReplicationEnabled`,
        reason: replication,
      });
    }
    return bucket;
  }

  /**
   * Creates the vault through the S3 Glacier API (CloudFormation has no vault resource): the
   * vault, its access policy, its notifications, and a vault lock that makes the delete denial
   * immutable. Returns the resource that creates the vault.
   */
  private newVault(incidentTopic: sns.ITopic, vaultName: string, vaultArn: string): CfnResource {
    const denyEarlyDelete = {
      Sid: 'DenyDeletingArchivesBeforeRetention',
      Effect: 'Deny',
      Principal: '*',
      Action: 'glacier:DeleteArchive',
      Resource: vaultArn,
      Condition: {
        NumericLessThan: { 'glacier:ArchiveAgeInDays': String(this.retention.toDays()) },
      },
    };
    const accessPolicy = {
      Version: '2012-10-17',
      Statement: [
        denyEarlyDelete,
        {
          Sid: 'DenyRetrievalToAllButRetrievalRole',
          Effect: 'Deny',
          Principal: '*',
          Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
          Resource: vaultArn,
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': this.retrievalRole.roleArn } },
        },
      ],
    };
    // The vault lock makes the delete denial immutable, even for the account root user.
    const lockPolicy = { Version: '2012-10-17', Statement: [denyEarlyDelete] };

    // Each call may do exactly its own action on this vault; nothing may delete it. The idempotent
    // calls run again on update, so a changed policy or topic reaches the vault; the lock runs once.
    const call = (
      id: string,
      action: string,
      parameters: Record<string, unknown>,
      onUpdateToo: boolean,
    ) => {
      const sdkCall: cr.AwsSdkCall = {
        service: 'Glacier',
        action,
        parameters: { accountId: '-', ...parameters },
        physicalResourceId: cr.PhysicalResourceId.of(`${vaultName}-${id}`),
      };
      return awsApiCall(this, id, {
        onCreate: sdkCall,
        onUpdate: onUpdateToo ? sdkCall : undefined,
        statements: [
          new iam.PolicyStatement({
            actions: [`glacier:${action.charAt(0).toUpperCase()}${action.slice(1)}`],
            resources: [vaultArn],
          }),
        ],
      });
    };
    const vault = call('Vault', 'createVault', { vaultName }, true);
    const access = call(
      'AccessPolicy',
      'setVaultAccessPolicy',
      { vaultName, policy: { Policy: Stack.of(this).toJsonString(accessPolicy) } },
      true,
    );
    const notifications = call(
      'Notifications',
      'setVaultNotifications',
      {
        vaultName,
        vaultNotificationConfig: {
          SNSTopic: incidentTopic.topicArn,
          Events: [...TAX_ARCHIVE_VAULT_EVENTS],
        },
      },
      true,
    );
    // CloudFormation cannot tag what it does not know; the vault is tagged through the API.
    const tags = call(
      'Tags',
      'addTagsToVault',
      { vaultName, Tags: { [DATA_CLASS_TAG]: DataClass.TAX_ARCHIVE } },
      true,
    );
    const initiateLock = call(
      'InitiateLock',
      'initiateVaultLock',
      { vaultName, policy: { Policy: Stack.of(this).toJsonString(lockPolicy) } },
      false,
    );
    const completeLock = call(
      'CompleteLock',
      'completeVaultLock',
      { vaultName, lockId: initiateLock.getResponseField('lockId') },
      false,
    );
    for (const step of [access, notifications, tags, initiateLock]) step.node.addDependency(vault);
    completeLock.node.addDependency(initiateLock);

    const glacierService = new iam.ServicePrincipal('glacier.amazonaws.com');
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } };
    incidentTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'GlacierVaultNotifications',
        principals: [glacierService],
        actions: ['sns:Publish'],
        resources: [incidentTopic.topicArn],
        conditions: sourceAccount,
      }),
    );
    const topicKey = incidentTopic.masterKey;
    if (topicKey instanceof PiiKey) {
      topicKey.grantToService(
        'IncidentNotificationsFromGlacier',
        glacierService,
        ['kms:GenerateDataKey*', 'kms:Decrypt'],
        sourceAccount,
      );
    }
    return vault.node.findChild('Resource').node.defaultChild as CfnResource;
  }
}

function validate(scope: Construct, props: TaxArchiveProps, backend: TaxArchiveBackend): void {
  const problems = new Problems(scope);
  problems.daysAtLeast('retention', props.retention, TAX_ARCHIVE_MIN_RETENTION, ['DPP-DR-2']);
  if (!props.retention.isUnresolved()) {
    const days = props.retention.toDays({ integral: false });
    problems.check(
      Number.isInteger(days),
      'retention',
      'must be a whole number of days (Object Lock and archive age count days)',
      ['DPP-DR-2'],
      `${days} days`,
    );
  }
  problems.check(
    backend !== TaxArchiveBackend.GLACIER_VAULT || props.incidentTopic !== undefined,
    'incidentTopic',
    'must be given with the GLACIER_VAULT backend, so every retrieval is notified',
    ['DPP-DR-2', 'DPP-LM-7'],
    'undefined',
  );
  problems.check(
    backend !== TaxArchiveBackend.GLACIER_VAULT || props.serverAccessLogsBucket === undefined,
    'serverAccessLogsBucket',
    'applies to the S3_DEEP_ARCHIVE backend only; vault access is recorded by CloudTrail',
    ['DPP-LM-2'],
    'a bucket',
  );
  problems.check(
    props.retrievalWithoutMfa === undefined || props.retrievalPrincipal !== undefined,
    'retrievalWithoutMfa',
    'applies only with a `retrievalPrincipal`; the default principals always need MFA',
    RETRIEVAL_MFA_CLAUSES,
    'no retrievalPrincipal',
  );
  problems.optOutReason('retrievalWithoutMfa', props.retrievalWithoutMfa, RETRIEVAL_MFA_CLAUSES);
  checkOwner(problems, 'data.owner', props.data?.owner, false);
  problems.throwIfAny();
}

/** The clauses that multi-factor authentication on the retrieval role serves. */
const RETRIEVAL_MFA_CLAUSES: readonly string[] = ['DPP-DR-2', 'DPP-LP-2'];

/** Who may assume the retrieval role: with multi-factor authentication unless opted out. */
function retrievalAssumer(props: TaxArchiveProps): iam.IPrincipal {
  const principal = props.retrievalPrincipal ?? new iam.AccountRootPrincipal();
  return props.retrievalWithoutMfa
    ? principal
    : new iam.PrincipalWithConditions(principal, {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      });
}
