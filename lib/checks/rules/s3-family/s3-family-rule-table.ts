import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { s3AccessPointPublicAccessBlocked } from './s3-access-point-public-access-blocked';
import { s3DirectoryBucketKmsEncrypted } from './s3-directory-bucket-kms-encrypted';
import { s3TableBucketKmsEncrypted } from './s3-table-bucket-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The rules on the S3 storage beside general purpose buckets: access points, directory and table buckets. */
export const S3_FAMILY_RULES: readonly DppRule[] = [
  {
    id: 'S3AccessPointPublicAccessBlocked',
    level: ERROR,
    waivable: false,
    resourceTypes: [
      'AWS::S3::AccessPoint',
      'AWS::S3::MultiRegionAccessPoint',
      'AWS::S3Express::AccessPoint',
    ],
    clauses: ['DPP-NP-1', 'DPP-ES-3'],
    summary: 'The S3 access point turns off a Block Public Access setting',
    causes: {
      BlockPublicAcls: 'The access point turns off `BlockPublicAcls`',
      IgnorePublicAcls: 'The access point turns off `IgnorePublicAcls`',
      BlockPublicPolicy: 'The access point turns off `BlockPublicPolicy`',
      RestrictPublicBuckets: 'The access point turns off `RestrictPublicBuckets`',
    },
    explanation:
      'All public access to Amazon data is denied; an access point is a door to its bucket of its own.',
    fix: 'leave `publicAccessBlockConfiguration` unset, or set all four settings to true.',
    check: s3AccessPointPublicAccessBlocked,
  },
  {
    id: 'S3DirectoryBucketKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::S3Express::DirectoryBucket'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The directory bucket may hold Amazon data but is not encrypted by default with a customer-managed KMS key',
    causes: {
      NotKms: 'The directory bucket encrypts objects with SSE-S3 (the default) instead of SSE-KMS',
      NoCustomerManagedKey: 'The SSE-KMS setting names no `KMSMasterKeyID`',
      AwsManagedKey: 'The directory bucket uses an AWS managed key',
    },
    explanation: 'Amazon data at rest is encrypted under keys only the developer controls.',
    fix: "set `bucketEncryption` with `sseAlgorithm: 'aws:kms'` and `kmsMasterKeyId`.",
    check: s3DirectoryBucketKmsEncrypted,
  },
  {
    id: 'S3TableBucketKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::S3Tables::TableBucket'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The table bucket may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotKms: 'The table bucket encrypts tables with SSE-S3 (the default) instead of SSE-KMS',
      NoCustomerManagedKey: 'The SSE-KMS setting names no `KMSKeyArn`',
      AwsManagedKey: 'The table bucket uses an AWS managed key',
    },
    explanation: 'Amazon data at rest is encrypted under keys only the developer controls.',
    fix: "set `encryptionConfiguration: { sseAlgorithm: 'aws:kms', kmsKeyArn }`.",
    check: s3TableBucketKmsEncrypted,
  },
];
