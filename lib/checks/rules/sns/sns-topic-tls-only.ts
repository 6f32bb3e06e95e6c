import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { isIntrinsic } from '../../resolve';
import { attachedDocuments, deniesInsecureTransport } from '../../resource-policies';

/**
 * Compliant when a topic policy of the app (`AWS::SNS::TopicPolicy`, or the topic's own
 * `AWS::SNS::TopicInlinePolicy`) denies, to everyone, publishing without TLS.
 */
export function snsTopicTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SNS::Topic') return NagRuleCompliance.NOT_APPLICABLE;
  const documents = [
    ...attachedDocuments(node, 'AWS::SNS::TopicPolicy', 'Topics'),
    ...attachedDocuments(node, 'AWS::SNS::TopicInlinePolicy', 'TopicArn'),
  ];
  if (documents.some(isIntrinsic)) return ['Unresolved::PolicyDocument'];
  return new Findings(node)
    .unless(deniesInsecureTransport(documents, 'sns:Publish'), 'SecureTransport')
    .result();
}
