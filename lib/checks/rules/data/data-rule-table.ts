import { NagMessageLevel } from 'cdk-nag';
import { DATA_STORE_TYPES } from '../../data-stores';
import { DppRule } from '../../dpp-rule';
import { dataStoreClassified } from './data-store-classified';
import { dataStoreRetained } from './data-store-retained';

const { ERROR } = NagMessageLevel;

/** The rules every data store meets, whatever its type. */
export const DATA_RULES: readonly DppRule[] = [
  {
    id: 'DataStoreClassified',
    level: ERROR,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-DG-3', 'DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The data store does not declare its data class with the `dpp:data-class` tag (pii, amazon-data, audit-log, tax-archive, no-amazon-data)',
    causes: {
      MissingTag: 'The data store has no `dpp:data-class` tag',
      UnknownClass:
        'The `dpp:data-class` tag of the data store is not one of the data classes (for a global table: its replicas disagree)',
    },
    explanation:
      'The record of processing lists every store, and retention limits apply by data class; an unclassified store escapes both.',
    fix:
      "use a cdk-dpp store construct, or `Tags.of(store).add('dpp:data-class', DataClass.PII)` " +
      '(or the class it holds).',
    check: dataStoreClassified,
  },
  {
    id: 'DataStoreRetained',
    level: ERROR,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-DR-4', 'SOC-C5'],
    summary:
      'The data store may hold Amazon data but would be deleted with the stack (deletion or replace policy, deletion protection, database backups)',
    causes: {
      DeletionPolicy:
        'The DeletionPolicy of the data store is not Retain or Snapshot, so deleting the stack deletes the data',
      UpdateReplacePolicy:
        'The UpdateReplacePolicy of the data store is not Retain or Snapshot, so a replacement deletes the data',
      DeletionProtection:
        'Deletion protection is off on the data store (on a global table: on one of its replicas)',
      NoBackups: 'The database keeps no automated backups (`BackupRetentionPeriod` is 0)',
    },
    explanation: 'Nothing is lost by accident: a stack update or deletion must not destroy data.',
    fix:
      'set `removalPolicy: RemovalPolicy.RETAIN`, `deletionProtection: true` where offered, ' +
      'and keep automated database backups.',
    check: dataStoreRetained,
  },
];
