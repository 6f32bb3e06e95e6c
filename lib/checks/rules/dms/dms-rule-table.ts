import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { dmsEndpointNoLiteralPassword } from './dms-endpoint-no-literal-password';
import { dmsEndpointTls } from './dms-endpoint-tls';
import { dmsReplicationInstanceKmsEncrypted } from './dms-replication-instance-kms-encrypted';
import { dmsReplicationInstanceNotPublic } from './dms-replication-instance-not-public';

const { ERROR } = NagMessageLevel;

/** The AWS Database Migration Service rules. */
export const DMS_RULES: readonly DppRule[] = [
  {
    id: 'DmsReplicationInstanceNotPublic',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::DMS::ReplicationInstance'],
    clauses: ['DPP-NP-1'],
    summary:
      'The DMS replication instance has a public address (`PubliclyAccessible` is true by default)',
    causes: {
      PubliclyAccessible:
        'The replication instance has a public address (`PubliclyAccessible` true, or absent, which DMS takes as true)',
    },
    explanation: 'The data tier, and what copies it, is unreachable from the internet.',
    fix: 'set `publiclyAccessible: false` and place the instance in private subnets.',
    check: dmsReplicationInstanceNotPublic,
  },
  {
    id: 'DmsReplicationInstanceKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::DMS::ReplicationInstance'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The DMS replication instance may cache Amazon data but its storage is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey: 'The instance names no `KmsKeyId`, so DMS uses the AWS managed key',
      AwsManagedKey: 'The instance storage is encrypted with an AWS managed key',
    },
    explanation: 'Amazon data at rest is encrypted under keys only the developer controls.',
    fix: 'set `kmsKeyId` to a customer-managed key.',
    check: dmsReplicationInstanceKmsEncrypted,
  },
  {
    id: 'DmsEndpointTls',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::DMS::Endpoint'],
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The DMS endpoint connects to its database or Kafka cluster without TLS',
    causes: {
      NoTls:
        'The endpoint does not ask for TLS (`SslMode` defaults to `none`; a Kafka endpoint without an SSL `SecurityProtocol` is plaintext)',
    },
    explanation: 'Amazon data travels over TLS only, to dependencies inside the network too.',
    fix: "set `sslMode: 'verify-full'` (Kafka: `securityProtocol: 'sasl-ssl'` or `'ssl-encryption'`).",
    check: dmsEndpointTls,
  },
  {
    id: 'DmsEndpointNoLiteralPassword',
    level: ERROR,
    resourceTypes: ['AWS::DMS::Endpoint'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'A DMS endpoint password is written into the template',
    causes: {
      LiteralPassword:
        'An endpoint password is a literal or a parameter, not a Secrets Manager reference',
    },
    explanation:
      'Credentials are unique, generated and kept in a secret store, never shared through source code or templates.',
    fix: 'give the engine settings `secretsManagerSecretId` and `secretsManagerAccessRoleArn` instead of `password`.',
    check: dmsEndpointNoLiteralPassword,
  },
];
