import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { firehoseDestinationTls } from './firehose-destination-tls';
import { firehoseKmsEncrypted } from './firehose-kms-encrypted';

const { ERROR } = NagMessageLevel;

/** The Amazon Data Firehose rules. */
export const FIREHOSE_RULES: readonly DppRule[] = [
  {
    id: 'FirehoseKmsEncrypted',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
    clauses: ['DPP-ES-1', 'DPP-ES-2', 'SOC-R5'],
    summary:
      'The delivery stream may carry Amazon data but does not encrypt it with a customer-managed KMS key',
    causes: {
      NoCustomerManagedKey:
        'The delivery stream buffers records under a key AWS owns (no `DeliveryStreamEncryptionConfigurationInput` with `CUSTOMER_MANAGED_CMK`)',
      AwsManagedKey: 'The delivery stream buffers records under an AWS managed key',
      DestinationNotKms:
        'The delivery stream writes S3 objects without a customer-managed key, into a bucket outside the app whose encryption cannot be judged',
    },
    explanation:
      'Amazon data at rest is encrypted under keys only the developer controls, in the buffer and at the destination.',
    fix: 'set `encryption: StreamEncryption.customerManagedKey(key)` and give the S3 destination an `encryptionKey`.',
    check: firehoseKmsEncrypted,
  },
  {
    id: 'FirehoseDestinationTls',
    level: ERROR,
    waivable: false,
    resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
    clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
    summary:
      'The delivery stream sends records that may carry Amazon data to an endpoint without TLS',
    causes: {
      PlaintextEndpoint: 'A destination endpoint of the delivery stream is not an `https://` URL',
    },
    explanation: 'Amazon data travels over TLS only, to third-party destinations too.',
    fix: 'give every HTTP endpoint, Splunk or OpenSearch destination an `https://` URL.',
    check: firehoseDestinationTls,
  },
];
