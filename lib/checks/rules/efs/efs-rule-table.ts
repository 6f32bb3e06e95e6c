import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { efsKmsEncrypted } from './efs-kms-encrypted';
import { efsTlsOnly } from './efs-tls-only';

const { ERROR } = NagMessageLevel;

/** The EFS rules. */
export const EFS_RULES: readonly DppRule[] = [
  {
    id: 'EfsKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::EFS::FileSystem'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The file system may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotEncrypted: 'The file system is not encrypted at rest (`Encrypted` is not true)',
      NoCustomerManagedKey:
        'The encrypted file system, or a replica it creates, names no KMS key, so EFS uses the AWS managed key `aws/elasticfilesystem`: the developer does not control the key',
      AwsManagedKey:
        'The encrypted file system uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encrypted: true` with `kmsKey`.',
    check: efsKmsEncrypted,
  },
  {
    id: 'EfsTlsOnly',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::EFS::FileSystem'],
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'SOC-R6'],
    summary: 'The file system can be mounted without TLS',
    causes: {
      SecureTransport:
        'No file system policy denies, to everyone, `elasticfilesystem:ClientMount` without TLS (`aws:SecureTransport` false)',
    },
    explanation: 'Amazon data travels over TLS only, between hosts inside the network too.',
    fix:
      'add to `fileSystemPolicy` a statement denying `elasticfilesystem:*` to `*` when ' +
      '`aws:SecureTransport` is false, and mount with TLS.',
    check: efsTlsOnly,
  },
];
