import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { checkCustomerKey, Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a table that may hold Amazon data is encrypted with a customer-managed KMS key
 * (on every replica of a global table).
 */
export function dynamoDbTableKmsEncrypted(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!type.startsWith('AWS::DynamoDB::') || !mayHoldAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const sse = objectOf(properties.SSESpecification);
  const findings = new Findings(node)
    .check(sse.SSEEnabled, 'SSESpecification', isTrue, 'NotKms')
    .unless(sse.SSEType === undefined || sse.SSEType === 'KMS', 'NotKms');
  if (!isTrue(sse.SSEEnabled)) return findings.result();
  if (type === 'AWS::DynamoDB::Table') {
    checkCustomerKey(findings, sse.KMSMasterKeyId, 'KMSMasterKeyId');
  } else {
    for (const replica of recordsOf(properties.Replicas)) {
      checkCustomerKey(findings, objectOf(replica.SSESpecification).KMSMasterKeyId, 'Replicas');
    }
  }
  return findings.result();
}
