import { NagMessageLevel } from 'cdk-nag';
import { DATA_STORE_TYPES } from '../../data-stores';
import { DppRule } from '../../dpp-rule';
import { dataStoreClassified } from './data-store-classified';
import { dataStoreDeclarationConsistent } from './data-store-declaration-consistent';
import { dataStoreOwned } from './data-store-owned';
import { dataStoreRetained } from './data-store-retained';

const { ERROR, WARN } = NagMessageLevel;

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
    id: 'DataStoreOwned',
    level: WARN,
    resourceTypes: DATA_STORE_TYPES,
    clauses: ['DPP-DG-2'],
    summary: 'The data store does not name its owner with the `dpp:owner` tag',
    causes: {
      MissingTag:
        'The data store has no `dpp:owner` tag in its template (tag keys are case-sensitive; a tag of the CloudFormation stack alone is not in the template)',
      EmptyOwner: 'The `dpp:owner` tag of the data store is blank',
    },
    explanation:
      'The inventory of assets with access to PII names who answers for each; a store without an owner is one nobody reviews, and the evidence report lists it under "no owner".',
    fix:
      "give `DppEnvironment` or `DppBaseline` an `owner`, declare the store's own with `data.owner`, " +
      "or `Tags.of(stack).add(OWNER_TAG, 'orders-team@seller.example')`.",
    check: dataStoreOwned,
  },
  {
    id: 'DataStoreDeclarationConsistent',
    level: ERROR,
    clauses: ['DPP-DG-3', 'DPP-DR-1'],
    resourceTypes: DATA_STORE_TYPES,
    summary: 'The data store is declared to hold no PII but says otherwise itself',
    causes: {
      DeclaresPiiFields:
        'The store is tagged `no-amazon-data` or `amazon-data`, yet its data declaration lists PII fields',
      NamesPii:
        'The store is tagged `no-amazon-data` or `amazon-data`, yet its name or key attributes name SP-API personal data',
    },
    explanation:
      'A store declared free of PII escapes the PII retention, access and logging rules, so the declaration must match what the store holds.',
    fix: 'tag the store `dpp:data-class` = `pii` (or use PiiBucket / PiiTable), or rename what is not personal data.',
    check: dataStoreDeclarationConsistent,
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
        'The store is deleted when it leaves the stack (no `Retain`, `RetainExceptOnCreate` or `Snapshot` DeletionPolicy)',
      UpdateReplacePolicy:
        'The store is deleted when an update replaces it (no `Retain` or `Snapshot` UpdateReplacePolicy)',
      DeletionProtection: 'Deletion protection is not turned on',
      NoBackups: 'Automated backups are off (a retention of 0 days, or the flag turned off)',
      NoPointInTimeRecovery: 'Point-in-time recovery is not turned on',
    },
    explanation: 'Nothing is lost by accident: a stack update or deletion must not destroy data.',
    fix:
      'set `removalPolicy: RemovalPolicy.RETAIN` (`RETAIN_ON_UPDATE_OR_DELETE` for a store with ' +
      'an explicit name), `deletionProtection: true` where offered, ' +
      'and keep automated database backups.',
    check: dataStoreRetained,
  },
];
