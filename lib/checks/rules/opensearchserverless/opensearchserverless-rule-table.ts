import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { serverlessCollectionKmsEncrypted } from './serverless-collection-kms-encrypted';
import { serverlessCollectionNotPublic } from './serverless-collection-not-public';

const { ERROR } = NagMessageLevel;

/** The OpenSearch Serverless rules. */
export const OPENSEARCHSERVERLESS_RULES: readonly DppRule[] = [
  {
    id: 'ServerlessCollectionKmsEncrypted',
    level: ERROR,
    resourceTypes: ['AWS::OpenSearchServerless::Collection'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The OpenSearch Serverless collection may index Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      AwsOwnedKey:
        'The collection, or the encryption policy that covers it, uses a key AWS owns (`AWSOwnedKey` true)',
      NoCustomerManagedKey: 'The encryption names no KMS key',
      AwsManagedKey: 'The collection is encrypted with an AWS managed key',
    },
    explanation:
      'Amazon data at rest, search indexes included, is encrypted under keys only the developer controls.',
    fix: 'cover the collection with an encryption policy of `"AWSOwnedKey": false` and a `KmsARN`, or set `encryptionConfig.kmsKeyArn`.',
    check: serverlessCollectionKmsEncrypted,
  },
  {
    id: 'ServerlessCollectionNotPublic',
    level: ERROR,
    resourceTypes: ['AWS::OpenSearchServerless::Collection'],
    clauses: ['DPP-NP-1'],
    summary:
      'A network policy opens the OpenSearch Serverless collection to the internet (`AllowFromPublic` true)',
    explanation: 'The data tier is unreachable from the internet.',
    fix: 'set `"AllowFromPublic": false` with `SourceVPCEs` in every network policy that covers the collection.',
    check: serverlessCollectionNotPublic,
  },
];
