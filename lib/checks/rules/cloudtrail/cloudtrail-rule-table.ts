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
    explanation: 'Security events are logged everywhere, and the logs are tamper-evident.',
    fix:
      'set `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true`, ' +
      '`enableFileValidation: true` and `encryptionKey`, or use AuditTrail.',
    check: trailMultiRegionValidated,
  },
];
