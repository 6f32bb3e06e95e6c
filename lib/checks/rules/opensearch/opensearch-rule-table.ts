import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { SEARCH_DOMAIN_TYPES } from './opensearch-domain';
import { openSearchInVpc } from './opensearch-in-vpc';
import { openSearchKmsEncrypted } from './opensearch-kms-encrypted';
import { openSearchTransitEncrypted } from './opensearch-transit-encrypted';

const { ERROR } = NagMessageLevel;

/** The OpenSearch rules. */
export const OPENSEARCH_RULES: readonly DppRule[] = [
  {
    id: 'OpenSearchTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'The search domain does not encrypt node-to-node traffic, enforce HTTPS or require TLS 1.2+',
    causes: {
      NodeToNode: 'Node-to-node encryption is off on the search domain',
      EnforceHttps: 'The search domain does not enforce HTTPS',
      TlsPolicy: 'The TLS security policy of the search domain accepts TLS older than 1.2',
    },
    explanation: 'Replication among storage nodes and every client call are encrypted.',
    fix:
      'set `nodeToNodeEncryption: true`, `enforceHttps: true` and ' +
      '`tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2`.',
    check: openSearchTransitEncrypted,
  },
  {
    id: 'OpenSearchKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The search domain may hold Amazon data but is not encrypted at rest with a customer-managed KMS key',
    causes: {
      NoEncryptionAtRest: 'Encryption at rest is off on the search domain',
      NoCustomerManagedKey:
        'The encrypted search domain names no KMS key, so OpenSearch uses the AWS managed key `aws/es`: the developer does not control the key',
      AwsManagedKey:
        'The encrypted search domain uses an AWS managed key (`alias/aws/...`), which the developer cannot control, instead of a customer-managed key',
    },
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryptionAtRest: { enabled: true, kmsKey }`.',
    check: openSearchKmsEncrypted,
  },
  {
    id: 'OpenSearchInVpc',
    level: ERROR,
    waivable: false,
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-NP-1'],
    summary: 'The search domain has a public endpoint instead of VPC subnets',
    causes: {
      PublicEndpoint: 'The search domain has no VPC subnets, so its endpoint is public',
    },
    explanation: 'Nothing holding Amazon data is publicly reachable.',
    fix: 'set `vpc` and `vpcSubnets` (isolated subnets).',
    check: openSearchInVpc,
  },
];
