import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { sqsQueueKmsEncrypted } from './sqs-queue-kms-encrypted';
import { sqsQueueTlsOnly } from './sqs-queue-tls-only';

const { ERROR } = NagMessageLevel;

/** The SQS rules. */
export const SQS_RULES: readonly DppRule[] = [
  {
    id: 'SqsQueueKmsEncrypted',
    level: ERROR,
    resourceTypes: ['AWS::SQS::Queue'],
    clauses: ['DPP-ES-1', 'SOC-R5'],
    summary:
      'The SQS queue may hold Amazon data but is not encrypted with a customer-managed KMS key',
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryption: QueueEncryption.KMS` with `encryptionMasterKey`.',
    check: sqsQueueKmsEncrypted,
  },
  {
    id: 'SqsQueueTlsOnly',
    level: ERROR,
    resourceTypes: ['AWS::SQS::Queue'],
    clauses: ['DPP-NP-7', 'SOC-R6'],
    summary: 'The SQS queue accepts requests without TLS',
    explanation: 'Amazon data travels over TLS only.',
    fix: 'set `enforceSSL: true`.',
    check: sqsQueueTlsOnly,
  },
];
