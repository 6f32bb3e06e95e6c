import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { mskClientAuthenticated } from './msk-client-authenticated';
import { mskClusterKmsEncrypted } from './msk-cluster-kms-encrypted';
import { mskClusterNotPublic } from './msk-cluster-not-public';
import { mskTopicAccessControlled } from './msk-topic-access-controlled';
import { mskTransitEncrypted } from './msk-transit-encrypted';

const { ERROR } = NagMessageLevel;

/** The Amazon MSK and MSK Connect rules. */
export const MSK_RULES: readonly DppRule[] = [
  {
    id: 'MskClusterKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The MSK cluster may hold Amazon data but its broker storage is not encrypted with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'The MSK cluster names no `DataVolumeKMSKeyId`, so its broker volumes use the AWS managed key',
      AwsManagedKey: 'The MSK cluster encrypts its broker volumes with an AWS managed key',
      ServiceManagedKey:
        'MSK Serverless encrypts topics with a key AWS manages and cannot use a customer-managed key',
    },
    explanation:
      'Amazon data at rest is encrypted under keys only the developer controls; topics keep records for their whole retention.',
    fix: 'use a provisioned cluster with `encryptionInfo.encryptionAtRest.dataVolumeKmsKeyId` set to a customer-managed key.',
    check: mskClusterKmsEncrypted,
  },
  {
    id: 'MskTransitEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::MSK::Cluster', 'AWS::KafkaConnect::Connector'],
    clauses: ['DPP-NP-7', 'DPP-NP-8', 'DPP-NP-9', 'SOC-R6'],
    summary: 'Kafka traffic that may carry Amazon data can travel without TLS',
    causes: {
      ClientBrokerPlaintext:
        'Clients can reach the brokers without TLS (`ClientBroker` `PLAINTEXT` or `TLS_PLAINTEXT`, or a connector with `PLAINTEXT`)',
      InClusterPlaintext: 'Brokers replicate to each other without TLS (`InCluster` false)',
    },
    explanation:
      'Amazon data travels over TLS only, inside the network too: between clients and brokers and among the brokers.',
    fix: "set `encryptionInTransit: { clientBroker: 'TLS', inCluster: true }` (connectors: `encryptionType: 'TLS'`).",
    check: mskTransitEncrypted,
  },
  {
    id: 'MskClientAuthenticated',
    level: ERROR,
    resourceTypes: [
      'AWS::MSK::Cluster',
      'AWS::MSK::ServerlessCluster',
      'AWS::KafkaConnect::Connector',
    ],
    clauses: ['DPP-NP-2', 'DPP-NP-3', 'SOC-R1'],
    summary:
      'Clients can read and write Kafka topics that may hold Amazon data without authenticating',
    causes: {
      Unauthenticated:
        'The cluster admits unauthenticated clients (no IAM, SASL/SCRAM or mutual TLS, or `Unauthenticated` enabled), or the connector connects with `NONE`',
    },
    explanation:
      'Every process that reaches Amazon data proves its own identity; an unauthenticated listener is shared by anyone on the network.',
    fix: 'enable IAM (`clientAuthentication.sasl.iam`) or mutual TLS and leave `unauthenticated` off.',
    check: mskClientAuthenticated,
  },
  {
    id: 'MskTopicAccessControlled',
    level: ERROR,
    resourceTypes: ['AWS::MSK::Cluster'],
    clauses: ['DPP-NP-3', 'SOC-C3'],
    summary:
      'Every authenticated Kafka client can read and write the topics that have no ACL (`allow.everyone.if.no.acl.found` is true in the default configuration)',
    causes: {
      AllowEveryoneWithoutAcl:
        'The cluster authorizes SASL/SCRAM or mutual TLS clients by Kafka ACLs but does not set `allow.everyone.if.no.acl.found=false`',
    },
    explanation:
      'Only the accounts that need Amazon data reach it; a topic without an ACL must be closed, not open to every client.',
    fix: 'attach an MSK configuration with `allow.everyone.if.no.acl.found=false` and grant topics by ACL, or authorize clients with IAM.',
    check: mskTopicAccessControlled,
  },
  {
    id: 'MskClusterNotPublic',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::MSK::Cluster'],
    clauses: ['DPP-NP-1'],
    summary: 'The MSK brokers have public addresses (`PublicAccess` `SERVICE_PROVIDED_EIPS`)',
    causes: {
      PublicAccess:
        'The brokers get public addresses (`ConnectivityInfo.PublicAccess` is `SERVICE_PROVIDED_EIPS`)',
    },
    explanation: 'The data tier is unreachable from the internet.',
    fix: "set `connectivityInfo.publicAccess.type` to `'DISABLED'` and reach the brokers from the VPC.",
    check: mskClusterNotPublic,
  },
];
