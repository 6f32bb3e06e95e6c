import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { logGroupDataProtection } from './log-group-data-protection';
import { logGroupKmsEncrypted } from './log-group-kms-encrypted';
import { logGroupRetention } from './log-group-retention';

const { ERROR } = NagMessageLevel;

/** The CloudWatch Logs rules. */
export const LOGS_RULES: readonly DppRule[] = [
  {
    id: 'LogGroupRetention',
    level: ERROR,
    resourceTypes: ['AWS::Logs::LogGroup'],
    clauses: ['DPP-LM-5', 'DPP-25-LOG'],
    summary:
      'The log group keeps events less than 12 months, or forever because no retention is set',
    causes: {
      RetentionInfinite:
        'The log group sets no retention, so CloudWatch Logs keeps its events forever',
      RetentionTooShort: 'The log group keeps events less than 365 days',
    },
    explanation:
      'Logs are kept at least 12 months; keeping them forever must be a decision, not an omission.',
    fix:
      'set `retention` to at least `RetentionDays.ONE_YEAR` (PiiFreeLogGroup keeps 13 months); ' +
      'acknowledge the finding with the reason if logs must be kept forever.',
    check: logGroupRetention,
  },
  {
    id: 'LogGroupKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Logs::LogGroup'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'DPP-LM-3'],
    summary: 'The log group is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'The log group names no KMS key, so CloudWatch Logs encrypts it with keys it owns, which the developer does not control',
      AwsManagedKey:
        'The log group uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'Logs are access-controlled for their whole life.',
    fix: 'set `encryptionKey` (PiiFreeLogGroup does).',
    check: logGroupKmsEncrypted,
  },
  {
    id: 'LogGroupDataProtection',
    level: ERROR,
    resourceTypes: ['AWS::Logs::LogGroup'],
    clauses: ['DPP-LM-4'],
    summary:
      'The log group has no data protection policy, of its own or of the account, that audits and masks the personal data of an order',
    causes: {
      NoDataProtectionPolicy:
        'The log group has no data protection policy and no account policy of the app covers it',
      NoAudit: 'The data protection policy has no audit statement',
      NoMasking: 'The data protection policy has no de-identify (mask) statement',
      UncoveredIdentifiers:
        'The data protection policy does not both audit and mask every kind of personal data of an order: names, addresses, e-mail addresses and phone numbers',
    },
    explanation: 'Logs contain no PII: every kind of PII an order carries is masked, not one.',
    fix: 'set `dataProtectionPolicy: piiLogDataProtectionPolicy()` (PiiFreeLogGroup does).',
    check: logGroupDataProtection,
  },
];
