import { NagMessageLevel } from 'cdk-nag';
import { DATA_STORE_TYPES } from '../../data-stores';
import { DppRule } from '../../dpp-rule';
import { piiAppGuardDuty } from './pii-app-guard-duty';
import { piiAppTrail } from './pii-app-trail';
import { DATA_EVENT_TYPES, piiStoreAccessLogged } from './pii-store-access-logged';
import { piiStoreAlarmed } from './pii-store-alarmed';
import { BACKUP_SUPPORTED_TYPES, piiStoreBackedUp } from './pii-store-backed-up';

const { ERROR } = NagMessageLevel;

/**
 * The rules only the whole app can judge: reported once per stack on its first PII store (trail,
 * GuardDuty), or on each PII store (backups, alarms, access logs).
 */
export const APP_RULES: readonly DppRule[] = [
  {
    id: 'PiiAppTrail',
    level: ERROR,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-LM-1'],
    summary:
      'The stack holds PII but its app has no multi-region CloudTrail trail that validates its log files',
    causes: {
      NoMultiRegionValidatedTrail:
        'The app has no logging, multi-region CloudTrail trail that validates its log files',
    },
    explanation: 'Access, authorization and configuration changes are logged.',
    fix:
      'add an AuditTrail to the app (acknowledge on the stack, with the reason, if an ' +
      'organization trail covers the account).',
    check: piiAppTrail,
  },
  {
    id: 'PiiAppGuardDuty',
    level: ERROR,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-LM-1', 'SOC-R2'],
    summary: 'The stack holds PII but its app enables no GuardDuty detector',
    causes: {
      NoGuardDuty: 'The app enables no GuardDuty detector',
    },
    explanation: 'Intrusion attempts and malicious traffic are detected.',
    fix:
      'add an AccountBaseline; where the organization enables GuardDuty, adopt its detector ' +
      'with `accountServices.guardDuty` of the baseline, which records the reason.',
    check: piiAppGuardDuty,
  },
  {
    id: 'PiiStoreBackedUp',
    level: ERROR,
    resourceTypes: BACKUP_SUPPORTED_TYPES,
    clauses: ['DPP-DR-3', 'DPP-DR-4', 'SOC-C5'],
    summary: 'The PII store is in no backup selection of the app',
    causes: {
      NoBackupSelection:
        'No backup selection of the app selects the store: by reference, by its `pii` tag, or by an ARN pattern its name matches',
    },
    explanation: 'Every PII store is backed up, encrypted, so lost PII can be recovered.',
    fix:
      'add the store to a PiiBackupPlan (`addStore`), or select resources tagged ' +
      '`dpp:data-class` = `pii`.',
    check: piiStoreBackedUp,
  },
  {
    id: 'PiiStoreAlarmed',
    level: ERROR,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-LM-6'],
    summary: 'No alarm or event rule of the app that can raise an alarm watches the PII store',
    causes: {
      NotWatched: 'No CloudWatch alarm or EventBridge rule of the app names the PII store',
      NoEffectiveAlarm:
        'The alarms and event rules that name the PII store cannot raise an alarm: actions disabled or absent, a falling comparison, a threshold no traffic reaches, more than a day of evaluation, or a disabled rule or one without a target',
    },
    explanation:
      'Unusual request rates, retrieval volumes and access to canary records raise alarms.',
    fix: 'add the store to SecurityAlarms and plant a CanaryRecord in it.',
    check: piiStoreAlarmed,
  },
  {
    id: 'PiiStoreAccessLogged',
    level: ERROR,
    resourceTypes: Object.keys(DATA_EVENT_TYPES),
    clauses: ['DPP-LM-2'],
    summary:
      'Reads and writes of the PII bucket or table are not logged (no CloudTrail data events, no server access logs)',
    causes: {
      NoDataEvents:
        'No trail of the app logs data events of the store, and the bucket writes no server access logs',
    },
    explanation: 'Storage-layer APIs are logged like every other channel.',
    fix: 'add the store to an AuditTrail (`addPiiStore`), or enable server access logs on the bucket.',
    check: piiStoreAccessLogged,
  },
];
