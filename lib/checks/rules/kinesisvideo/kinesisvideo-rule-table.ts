import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { kinesisVideoStreamKmsEncrypted } from './kinesis-video-stream-kms-encrypted';
import { kinesisVideoStreamRetentionByClass } from './kinesis-video-stream-retention-by-class';

const { ERROR } = NagMessageLevel;

/** The Kinesis Video Streams rules. */
export const KINESISVIDEO_RULES: readonly DppRule[] = [
  {
    id: 'KinesisVideoStreamKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::KinesisVideo::Stream'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The video stream may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey: 'The stream names no `KmsKeyId`, so it uses the AWS managed key',
      AwsManagedKey: 'The stream is encrypted with an AWS managed key',
    },
    explanation: 'Amazon data at rest is encrypted under keys only the developer controls.',
    fix: 'set `kmsKeyId` to a customer-managed key.',
    check: kinesisVideoStreamKmsEncrypted,
  },
  {
    id: 'KinesisVideoStreamRetentionByClass',
    level: ERROR,
    resourceTypes: ['AWS::KinesisVideo::Stream'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The video stream keeps media longer than its data class allows (pii: 30 days, amazon-data: 18 months)',
    causes: {
      RetentionTooLong:
        'The stream keeps media longer than its data class allows (`DataRetentionInHours`)',
    },
    explanation: 'PII is deleted within 30 days and other Amazon data within 18 months.',
    fix: 'set `dataRetentionInHours` within the limit of the class.',
    check: kinesisVideoStreamRetentionByClass,
  },
];
