import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { s3AuditLogBucketLocked } from './s3-audit-log-bucket-locked';
import { s3BucketExpiryByClass } from './s3-bucket-expiry-by-class';
import { s3BucketKmsEncrypted } from './s3-bucket-kms-encrypted';
import { s3BucketPublicAccessBlocked } from './s3-bucket-public-access-blocked';
import { s3BucketTlsOnly } from './s3-bucket-tls-only';
import { s3BucketVersioned } from './s3-bucket-versioned';
import { s3TaxArchiveCold } from './s3-tax-archive-cold';

const { ERROR } = NagMessageLevel;

/** The S3 rules. */
export const S3_RULES: readonly DppRule[] = [
  {
    id: 'S3BucketTlsOnly',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The S3 bucket accepts requests without TLS',
    causes: {
      SecureTransport:
        'No bucket policy denies, to everyone, requests sent without TLS (`aws:SecureTransport` false)',
    },
    explanation:
      'Amazon data must travel over TLS 1.2 or newer; S3 endpoints refuse TLS older than 1.2 ' +
      'since February 2024, but still serve plain HTTP unless the bucket policy denies it.',
    fix: 'set `enforceSSL: true` on the bucket, or use a cdk-dpp bucket construct.',
    check: s3BucketTlsOnly,
  },
  {
    id: 'S3BucketPublicAccessBlocked',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-NP-1', 'DPP-ES-3'],
    summary:
      'The S3 bucket can be made public: a Block Public Access setting is off, a public ACL is set or a bucket that may hold Amazon data hosts a website',
    causes: {
      BlockPublicAccessOff:
        'One or more of the four Block Public Access settings of the bucket is off or unset',
      PublicAcl:
        'The bucket has a public canned ACL (PublicRead, PublicReadWrite or AuthenticatedRead)',
      WebsiteHosting: 'The bucket may hold Amazon data but is configured as a static website',
    },
    explanation: 'No Amazon data may be reachable through a public link.',
    fix:
      'set `blockPublicAccess: BlockPublicAccess.BLOCK_ALL` and ' +
      '`objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED`, remove public ACLs and website hosting.',
    check: s3BucketPublicAccessBlocked,
  },
  {
    id: 'S3BucketKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The S3 bucket may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotKms:
        'The bucket encrypts with SSE-S3, under keys Amazon S3 owns, not SSE-KMS under a key the developer controls',
      NoCustomerManagedKey:
        'The SSE-KMS configuration of the bucket names no KMS key, so S3 uses the AWS managed key `aws/s3`: the developer does not control the key',
      AwsManagedKey:
        'The SSE-KMS configuration of the bucket uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation:
      'PII at rest is encrypted with AES-256 under keys the developer controls and rotates.',
    fix:
      'set `encryption: BucketEncryption.KMS` with `encryptionKey: new PiiKey(...)`, or tag the ' +
      'bucket `dpp:data-class` = `no-amazon-data` if it holds none (server access log targets).',
    check: s3BucketKmsEncrypted,
  },
  {
    id: 'S3BucketVersioned',
    level: ERROR,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-DR-4', 'SOC-C5'],
    summary: 'The S3 bucket may hold Amazon data but does not keep object versions',
    causes: {
      NotVersioned: 'Versioning of the bucket is not enabled',
    },
    explanation: 'Overwritten or deleted PII must be recoverable.',
    fix: 'set `versioned: true`.',
    check: s3BucketVersioned,
  },
  {
    id: 'S3BucketExpiryByClass',
    level: ERROR,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The S3 bucket keeps objects longer than its data class allows (pii: 30 days, amazon-data: 18 months), current or noncurrent versions',
    causes: {
      Expiration:
        'No enabled lifecycle rule for the whole bucket (no prefix, tag or size filter) expires current objects within the limit of its class',
      NoncurrentExpiration:
        'No enabled lifecycle rule for the whole bucket expires every noncurrent version within the limit of its class (a rule that keeps the newest N noncurrent versions keeps them forever)',
      ObjectLockOutlivesLimit:
        'The Object Lock default retention holds objects longer than the limit of its class, so no lifecycle rule can delete them in time',
      ReplicaOutlivesLimit:
        'The bucket replicates objects to a bucket whose data class allows a longer retention, or none',
    },
    explanation:
      'PII is deleted within 30 days after shipment and other Amazon data within 18 months, and so are its copies.',
    fix:
      'add a lifecycle rule for the whole bucket with `expiration` and ' +
      '`noncurrentVersionExpiration` within the limit, lock and replicate no longer, or use PiiBucket / AmazonDataBucket.',
    check: s3BucketExpiryByClass,
  },
  {
    id: 'S3AuditLogBucketLocked',
    level: ERROR,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-LM-3', 'DPP-LM-5', 'DPP-25-LOG'],
    summary:
      'The audit-log bucket is not write-once for 90 days (Object Lock COMPLIANCE) or expires logs before 12 months',
    causes: {
      NoObjectLock: 'The audit-log bucket has no Object Lock default retention',
      ObjectLockCompliance: 'The bucket has no Object Lock default retention in COMPLIANCE mode',
      ObjectLockDays: 'The Object Lock default retention is shorter than 90 days',
      EarlyExpiration:
        'A lifecycle rule that may be on deletes some logs (current or noncurrent, whatever its filter) before 365 days or on a fixed date',
    },
    explanation: 'Logs are tamper-proof for their whole life and kept at least 12 months.',
    fix:
      'enable Object Lock with a COMPLIANCE default retention of at least 90 days and expire no ' +
      'earlier than 365 days, or use AuditLogBucket.',
    check: s3AuditLogBucketLocked,
  },
  {
    id: 'S3TaxArchiveCold',
    level: ERROR,
    resourceTypes: ['AWS::S3::Bucket'],
    clauses: ['DPP-DR-2'],
    summary:
      'The tax-archive bucket is not write-once for a year (Object Lock COMPLIANCE) or not in cold storage',
    causes: {
      NoObjectLock: 'The tax-archive bucket has no Object Lock default retention',
      ObjectLockCompliance:
        'The Object Lock default retention of the tax-archive bucket is not in COMPLIANCE mode',
      ObjectLockDays:
        'The Object Lock default retention of the tax-archive bucket is shorter than a year',
      ColdStorage:
        'Neither a whole-bucket lifecycle rule (within a day, objects under 128 KB included) nor the bucket policy puts every object of the archive in GLACIER or DEEP_ARCHIVE',
    },
    explanation: 'Archives kept for tax or legal reasons are cold and offline.',
    fix:
      'enable Object Lock COMPLIANCE for at least 365 days and move objects to GLACIER or ' +
      'DEEP_ARCHIVE from day 0 with `transitionDefaultMinimumObjectSize` `varies_by_storage_class`, or use TaxArchive.',
    check: s3TaxArchiveCold,
  },
];
