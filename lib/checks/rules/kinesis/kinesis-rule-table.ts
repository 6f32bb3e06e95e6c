import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { kinesisStreamKmsEncrypted } from './kinesis-stream-kms-encrypted';
import { kinesisStreamRetentionByClass } from './kinesis-stream-retention-by-class';

const { ERROR } = NagMessageLevel;

/** The Kinesis rules. */
export const KINESIS_RULES: readonly DppRule[] = [
  {
    id: 'KinesisStreamKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Kinesis::Stream'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The Kinesis stream may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotKms: 'The stream is not encrypted at rest (no KMS stream encryption)',
      NoCustomerManagedKey:
        'The KMS encryption of the stream names no KMS key, so Kinesis uses the AWS managed key `aws/kinesis`: the developer does not control the key',
      AwsManagedKey:
        'The KMS encryption of the stream uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryption: StreamEncryption.KMS` with `encryptionKey`.',
    check: kinesisStreamKmsEncrypted,
  },
  {
    id: 'KinesisStreamRetentionByClass',
    level: ERROR,
    resourceTypes: ['AWS::Kinesis::Stream'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The Kinesis stream keeps records longer than its data class allows (pii: 30 days, amazon-data: 18 months)',
    causes: {
      RetentionTooLong:
        'The stream keeps records longer than the limit of its class (a 24-hour default when unset)',
    },
    explanation: 'PII is deleted within 30 days and other Amazon data within 18 months.',
    fix: 'set `retentionPeriod` within the limit of the class.',
    check: kinesisStreamRetentionByClass,
  },
];
