import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { trailMultiRegionValidated } from './trail-multi-region-validated';

const { ERROR } = NagMessageLevel;

/** The CloudTrail rules. */
export const CLOUDTRAIL_RULES: readonly DppRule[] = [
  {
    id: 'TrailMultiRegionValidated',
    level: ERROR,
    resourceTypes: ['AWS::CloudTrail::Trail'],
    clauses: ['DPP-LM-1', 'DPP-LM-3'],
    summary:
      'The trail is single-region, skips global service events, does not validate log files or is not encrypted with a customer-managed key',
    causes: {
      SingleRegion: 'The trail logs one region only',
      NoLogFileValidation: 'The trail does not validate its log files',
      NoGlobalServiceEvents: 'The trail skips global service events',
      NoCustomerManagedKey:
        'The trail names no KMS key, so its log files are encrypted with SSE-S3: the developer does not control the key',
      AwsManagedKey:
        'The trail uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'Security events are logged everywhere, and the logs are tamper-evident.',
    fix:
      'set `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true`, ' +
      '`enableFileValidation: true` and `encryptionKey`, or use AuditTrail.',
    check: trailMultiRegionValidated,
  },
];
