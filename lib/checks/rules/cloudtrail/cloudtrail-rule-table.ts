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
      'The trail is off, single-region, skips management or global service events, does not validate log files or is not encrypted with a customer-managed key',
    causes: {
      NotLogging: 'The trail is stopped (`IsLogging` is not true)',
      SingleRegion: 'The trail logs one region only',
      NoLogFileValidation: 'The trail does not validate its log files',
      NoGlobalServiceEvents: 'The trail skips the events of global services such as IAM',
      NoManagementEvents:
        'The event selectors record no management events, or only reads or only writes',
      ExcludedEventSources:
        'The event selectors leave out the management events of an event source (KMS or the RDS Data API)',
      NoCustomerManagedKey: 'The trail does not encrypt its log files with a KMS key',
      AwsManagedKey: 'The trail encrypts its log files with an AWS managed key',
    },
    explanation: 'Security events are logged everywhere, and the logs are tamper-evident.',
    fix:
      'set `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true`, ' +
      '`enableFileValidation: true`, `encryptionKey` and log all management events, or use AuditTrail.',
    check: trailMultiRegionValidated,
  },
];
