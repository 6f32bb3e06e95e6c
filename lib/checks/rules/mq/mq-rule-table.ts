import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { mqBrokerKmsEncrypted } from './mq-broker-kms-encrypted';
import { mqBrokerNoLiteralPassword } from './mq-broker-no-literal-password';
import { mqBrokerNotPublic } from './mq-broker-not-public';

const { ERROR } = NagMessageLevel;

/** The Amazon MQ rules. */
export const MQ_RULES: readonly DppRule[] = [
  {
    id: 'MqBrokerKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::AmazonMQ::Broker'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The message broker may hold Amazon data but is not encrypted with a customer-managed KMS key',
    causes: {
      AwsOwnedKey:
        'The broker encrypts messages with a key AWS owns (`UseAwsOwnedKey` is true by default, and the only choice for RabbitMQ)',
      NoCustomerManagedKey: 'The broker names no `KmsKeyId`, so it uses the AWS managed key',
      AwsManagedKey: 'The broker encrypts messages with an AWS managed key',
    },
    explanation:
      'Amazon data at rest, queued messages included, is encrypted under keys only the developer controls.',
    fix: 'set `encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: key.keyArn }` (ActiveMQ).',
    check: mqBrokerKmsEncrypted,
  },
  {
    id: 'MqBrokerNotPublic',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::AmazonMQ::Broker'],
    clauses: ['DPP-NP-1'],
    summary: 'The message broker is publicly accessible',
    causes: {
      PubliclyAccessible: 'The broker has a public endpoint (`PubliclyAccessible` true)',
    },
    explanation: 'The data tier is unreachable from the internet.',
    fix: 'set `publiclyAccessible: false` and place the broker in private subnets.',
    check: mqBrokerNotPublic,
  },
  {
    id: 'MqBrokerNoLiteralPassword',
    level: ERROR,
    resourceTypes: ['AWS::AmazonMQ::Broker'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary: 'A broker password is written into the template',
    causes: {
      LiteralPassword:
        'A broker user or LDAP service-account password is a literal or a parameter, not a Secrets Manager reference',
    },
    explanation:
      'Credentials are unique, generated and kept in a secret store, never shared through source code or templates.',
    fix: 'generate the password in Secrets Manager and pass `secret.secretValueFromJson(...).unsafeUnwrap()`.',
    check: mqBrokerNoLiteralPassword,
  },
];
