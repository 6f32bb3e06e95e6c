import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { isIntrinsic } from '../../resolve';
import { attachedDocuments, deniesInsecureTransport } from '../../resource-policies';

/**
 * Compliant when a queue policy of the app (`AWS::SQS::QueuePolicy`, or the queue's own
 * `AWS::SQS::QueueInlinePolicy`) denies, to everyone, requests without TLS.
 */
export function sqsQueueTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SQS::Queue') return NagRuleCompliance.NOT_APPLICABLE;
  const documents = [
    ...attachedDocuments(node, 'AWS::SQS::QueuePolicy', 'Queues'),
    ...attachedDocuments(node, 'AWS::SQS::QueueInlinePolicy', 'Queue'),
  ];
  if (documents.some(isIntrinsic)) return ['Unresolved::PolicyDocument'];
  return new Findings(node)
    .unless(deniesInsecureTransport(documents, 'sqs:SendMessage'), 'SecureTransport')
    .result();
}
