import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { literalText, propertiesOf, referencedResource } from '../../resolve';

/** Sources whose records Firehose reads from a stream the source's own rules judge. */
const STREAM_SOURCES = ['KinesisStreamAsSource', 'MSKAsSource'];

/** Every S3 destination or backup configuration of a delivery stream (an object with `BucketARN`). */
function s3Configurations(value: unknown): Record<string, unknown>[] {
  if (value === null || typeof value !== 'object') return [];
  const found = Object.values(value).flatMap(s3Configurations);
  const record = value as Record<string, unknown>;
  return record.BucketARN !== undefined ? [record, ...found] : found;
}

/**
 * Judges where Firehose writes objects: encrypted with a customer-managed key it names, or,
 * without one, into a bucket of the app whose own default encryption the S3 rules judge.
 */
function checkDestination(
  node: CfnResource,
  findings: Findings,
  s3: Record<string, unknown>,
): void {
  const key = objectOf(objectOf(s3.EncryptionConfiguration).KMSEncryptionConfig).AWSKMSKeyARN;
  if (key !== undefined) {
    const text = literalText(key);
    if (text === undefined) findings.check(key, 'AWSKMSKeyARN', () => true, 'DestinationNotKms');
    else findings.unless(!/(^|[:/])alias\/aws\//.test(text), 'DestinationNotKms');
    return;
  }
  if (referencedResource(node, s3.BucketARN) !== undefined) return;
  // A bucket named outside the app (an ARN, even with a partition token) cannot be judged
  // there; only a value with no readable name at all is unresolved.
  if (literalText(s3.BucketARN) !== undefined) findings.add('DestinationNotKms');
  else findings.check(s3.BucketARN, 'BucketARN', () => false, 'DestinationNotKms');
}

/**
 * Compliant when a delivery stream that may carry Amazon data buffers records under a
 * customer-managed key (`CUSTOMER_MANAGED_CMK`; without the setting, or with `AWS_OWNED_CMK`, the
 * key is AWS's) and writes its S3 objects encrypted with a customer-managed key. A stream fed by
 * Kinesis or MSK is encrypted by its source.
 */
export function firehoseKmsEncrypted(node: CfnResource): NagRuleResult {
  if (
    node.cfnResourceType !== 'AWS::KinesisFirehose::DeliveryStream' ||
    !mayCarryAmazonData(node)
  ) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (!STREAM_SOURCES.includes(String(properties.DeliveryStreamType))) {
    const encryption = objectOf(properties.DeliveryStreamEncryptionConfigurationInput);
    findings.check(
      encryption.KeyType,
      'KeyType',
      (type) => type === 'CUSTOMER_MANAGED_CMK',
      'NoCustomerManagedKey',
    );
    if (encryption.KeyType === 'CUSTOMER_MANAGED_CMK') {
      checkCustomerKey(findings, encryption.KeyARN, 'KeyARN');
    }
  }
  for (const s3 of s3Configurations(properties)) checkDestination(node, findings, s3);
  return findings.result();
}
