import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { athenaWorkGroupEncrypted } from './athena-workgroup-encrypted';

const { ERROR } = NagMessageLevel;

/** The Amazon Athena rules. */
export const ATHENA_RULES: readonly DppRule[] = [
  {
    id: 'AthenaWorkGroupEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::Athena::WorkGroup'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The Athena workgroup may query Amazon data but does not make every query write its results encrypted with a customer-managed KMS key',
    causes: {
      ResultsNotKms:
        'Query results are not encrypted with a KMS key (no result `EncryptionConfiguration`, or `SSE_S3`)',
      NoCustomerManagedKey: 'The result encryption names no `KmsKey`',
      AwsManagedKey: 'The result encryption uses an AWS managed key',
      ClientOverride:
        '`EnforceWorkGroupConfiguration` is false, so a client can write results with its own, weaker settings',
    },
    explanation:
      'Query results are copies of Amazon data at rest, encrypted under keys only the developer controls.',
    fix: "set `resultConfiguration.encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey }` and keep `enforceWorkGroupConfiguration: true`.",
    check: athenaWorkGroupEncrypted,
  },
];
