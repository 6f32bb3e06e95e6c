import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { dynamoDbTableKmsEncrypted } from './dynamodb-table-kms-encrypted';
import { dynamoDbTablePitr } from './dynamodb-table-pitr';
import { dynamoDbTableTtlByClass } from './dynamodb-table-ttl-by-class';

/** The DynamoDB table types: single-region tables and global tables. */
const DYNAMODB_TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

const { ERROR } = NagMessageLevel;

/** The DynamoDB rules. */
export const DYNAMODB_RULES: readonly DppRule[] = [
  {
    id: 'DynamoDbTableKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: DYNAMODB_TABLE_TYPES,
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The DynamoDB table may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      NotKms:
        'The table is encrypted with a key DynamoDB owns (SSE off or not KMS), not a key the developer controls',
      NoCustomerManagedKey:
        'The KMS encryption of the table (or of a replica) names no KMS key, so DynamoDB uses the AWS managed key `aws/dynamodb`: the developer does not control the key',
      AwsManagedKey:
        'The KMS encryption of the table (or of a replica) uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryption: TableEncryption.CUSTOMER_MANAGED` with `encryptionKey`, or use PiiTable.',
    check: dynamoDbTableKmsEncrypted,
  },
  {
    id: 'DynamoDbTablePitr',
    level: ERROR,
    resourceTypes: DYNAMODB_TABLE_TYPES,
    clauses: ['DPP-DR-4', 'SOC-C5'],
    summary: 'The DynamoDB table may hold Amazon data but has no point-in-time recovery',
    causes: {
      NoPointInTimeRecovery:
        'Point-in-time recovery is off on the table (or on one of its replicas)',
    },
    explanation: 'Any PII that is lost can be recovered.',
    fix: 'set `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }`.',
    check: dynamoDbTablePitr,
  },
  {
    id: 'DynamoDbTableTtlByClass',
    level: ERROR,
    resourceTypes: DYNAMODB_TABLE_TYPES,
    clauses: ['DPP-DR-1', 'DPP-25-NONPII'],
    summary:
      'The pii or amazon-data DynamoDB table has no time-to-live attribute, or keeps items restorable longer than its class allows',
    causes: {
      NoTimeToLive: 'The table has no enabled time-to-live specification with an attribute',
      PitrOutlivesLimit:
        'Point-in-time recovery keeps deleted items restorable longer than the limit of the class (35 days unless `RecoveryPeriodInDays` is set)',
    },
    explanation:
      'Items are deleted within the limit of their class (30 days, 18 months), TTL is how, and recovery points must not bring them back later.',
    fix: 'set `timeToLiveAttribute`, write the expiry into every item and keep `recoveryPeriodInDays` within the limit, or use PiiTable.',
    check: dynamoDbTableTtlByClass,
  },
];
