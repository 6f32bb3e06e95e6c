import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { snsTopicArchiveRetentionByClass } from './sns-topic-archive-retention-by-class';
import { snsTopicKmsEncrypted } from './sns-topic-kms-encrypted';
import { snsTopicTlsOnly } from './sns-topic-tls-only';

const { ERROR } = NagMessageLevel;

/** The SNS rules. */
export const SNS_RULES: readonly DppRule[] = [
  {
    id: 'SnsTopicKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::SNS::Topic'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary: 'The SNS topic is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'The topic names no KMS key, so server-side encryption is off and messages are not encrypted at rest under a key the developer controls',
      AwsManagedKey:
        'The topic uses the AWS managed key `alias/aws/sns`, which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'Messages at rest are encrypted under keys the developer controls and rotates.',
    fix: 'set `masterKey` to a customer-managed key.',
    check: snsTopicKmsEncrypted,
  },
  {
    id: 'SnsTopicTlsOnly',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::SNS::Topic'],
    clauses: ['DPP-NP-7', 'SOC-R6'],
    summary: 'The SNS topic accepts publishing without TLS',
    causes: {
      SecureTransport:
        'No topic policy denies, to everyone, publishing without TLS (`aws:SecureTransport` false)',
    },
    explanation: 'Amazon data travels over TLS only.',
    fix: 'set `enforceSSL: true`.',
    check: snsTopicTlsOnly,
  },
  {
    id: 'SnsTopicArchiveRetentionByClass',
    level: ERROR,
    resourceTypes: ['AWS::SNS::Topic'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The FIFO topic archives messages longer than its data class allows (pii: 30 days, amazon-data: 18 months)',
    causes: {
      RetentionTooLong:
        'The FIFO topic archives messages longer than its data class allows (`ArchivePolicy.MessageRetentionPeriod`)',
    },
    explanation: 'PII is deleted within 30 days and other Amazon data within 18 months.',
    fix: 'set the `ArchivePolicy` `MessageRetentionPeriod` within the limit of the class.',
    check: snsTopicArchiveRetentionByClass,
  },
];
