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
    waivable: false,
    resourceTypes: ['AWS::SQS::Queue'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The SQS queue may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotEncrypted: 'The queue is not encrypted at rest: no KMS key and SSE-SQS turned off',
      NoCustomerManagedKey:
        'The queue names no KMS key, so it is encrypted with keys SQS owns (SSE-SQS): the developer does not control the key',
      AwsManagedKey:
        'The queue uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryption: QueueEncryption.KMS` with `encryptionMasterKey`.',
    check: sqsQueueKmsEncrypted,
  },
  {
    id: 'SqsQueueTlsOnly',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::SQS::Queue'],
    clauses: ['DPP-NP-7', 'SOC-R6'],
    summary: 'The SQS queue accepts requests without TLS',
    causes: {
      SecureTransport:
        'No queue policy denies, to everyone, requests sent without TLS (`aws:SecureTransport` false)',
    },
    explanation: 'Amazon data travels over TLS only.',
    fix: 'set `enforceSSL: true`.',
    check: sqsQueueTlsOnly,
  },
];
