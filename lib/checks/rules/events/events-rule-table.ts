import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { eventArchiveRetentionByClass } from './event-archive-retention-by-class';
import { eventsKmsEncrypted } from './events-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The EventBridge (buses, archives, pipes) rules. */
export const EVENTS_RULES: readonly DppRule[] = [
  {
    id: 'EventsKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Events::EventBus', 'AWS::Events::Archive', 'AWS::Pipes::Pipe'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The event bus, archive or pipe may carry Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'No `KmsKeyIdentifier` is set, so EventBridge encrypts the events with a key AWS owns',
      AwsManagedKey: 'The events are encrypted with an AWS managed key',
    },
    explanation:
      'Amazon data at rest, events held for delivery, archives and replays included, is encrypted under keys only the developer controls.',
    fix: 'set `kmsKey` on the event bus and the archive, and `kmsKeyIdentifier` on the pipe.',
    check: eventsKmsEncrypted,
  },
  {
    id: 'EventArchiveRetentionByClass',
    level: ERROR,
    resourceTypes: ['AWS::Events::Archive'],
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The event archive keeps events longer than the class of its bus allows (pii: 30 days, amazon-data: 18 months)',
    causes: {
      RetentionTooLong:
        'The archive keeps events longer than the class allows (`RetentionDays` absent or 0 keeps them forever)',
    },
    explanation: 'PII is deleted within 30 days and other Amazon data within 18 months.',
    fix: 'set `retention` within the limit of the class of the bus.',
    check: eventArchiveRetentionByClass,
  },
];
