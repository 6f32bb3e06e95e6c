import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { deniesEveryoneWhen, isOldTlsCondition } from '../../policy-document';
import { isIntrinsic } from '../../resolve';
import { attachedDocuments, deniesInsecureTransport } from '../../resource-policies';

/** The oldest TLS version any request may use (DPP-25-TLS). */
export const MIN_TLS_VERSION = 1.2;

/**
 * Compliant when a bucket policy of the app denies, to everyone, S3 requests sent
 * without TLS and requests sent with TLS older than 1.2.
 */
export function s3BucketTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const documents = attachedDocuments(node, 'AWS::S3::BucketPolicy', 'Bucket', 'BucketName');
  if (documents.some(isIntrinsic)) return ['Unresolved::PolicyDocument'];
  const oldTls = (d: unknown) =>
    deniesEveryoneWhen(d, 's3:GetObject', (s) => isOldTlsCondition(s, MIN_TLS_VERSION));
  return new Findings(node)
    .unless(deniesInsecureTransport(documents, 's3:GetObject'), 'SecureTransport')
    .unless(documents.some(oldTls), 'TlsVersion')
    .result();
}
