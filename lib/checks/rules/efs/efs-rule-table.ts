import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { efsKmsEncrypted } from './efs-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The EFS rules. */
export const EFS_RULES: readonly DppRule[] = [
  {
    id: 'EfsKmsEncrypted',
    level: ERROR,
    resourceTypes: ['AWS::EFS::FileSystem'],
    clauses: ['DPP-ES-1', 'SOC-R5'],
    summary:
      'The file system may hold Amazon data but is not encrypted with a customer-managed KMS key',
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encrypted: true` with `kmsKey`.',
    check: efsKmsEncrypted,
  },
];
