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
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'The search domain does not encrypt node-to-node traffic, enforce HTTPS or require TLS 1.2+',
    explanation: 'Replication among storage nodes and every client call are encrypted.',
    fix:
      'set `nodeToNodeEncryption: true`, `enforceHttps: true` and ' +
      '`tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2`.',
    check: openSearchTransitEncrypted,
  },
  {
    id: 'OpenSearchKmsEncrypted',
    level: ERROR,
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-ES-1', 'SOC-R5'],
    summary:
      'The search domain may hold Amazon data but is not encrypted at rest with a customer-managed KMS key',
    explanation: 'PII at rest is encrypted under keys the developer controls and rotates.',
    fix: 'set `encryptionAtRest: { enabled: true, kmsKey }`.',
    check: openSearchKmsEncrypted,
  },
  {
    id: 'OpenSearchInVpc',
    level: ERROR,
    resourceTypes: SEARCH_DOMAIN_TYPES,
    clauses: ['DPP-NP-1'],
    summary: 'The search domain has a public endpoint instead of VPC subnets',
    explanation: 'Nothing holding Amazon data is publicly reachable.',
    fix: 'set `vpc` and `vpcSubnets` (isolated subnets).',
    check: openSearchInVpc,
  },
];
