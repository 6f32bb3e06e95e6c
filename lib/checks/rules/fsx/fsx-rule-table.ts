import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { fsxKmsEncrypted } from './fsx-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The Amazon FSx rules. */
export const FSX_RULES: readonly DppRule[] = [
  {
    id: 'FsxKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::FSx::FileSystem'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The FSx file system may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey: 'The file system names no `KmsKeyId`, so FSx uses the AWS managed key',
      AwsManagedKey: 'The file system is encrypted with an AWS managed key',
    },
    explanation: 'Amazon data at rest is encrypted under keys only the developer controls.',
    fix: 'set `kmsKeyId` to a customer-managed key (Lustre: a persistent deployment type).',
    check: fsxKmsEncrypted,
  },
];
