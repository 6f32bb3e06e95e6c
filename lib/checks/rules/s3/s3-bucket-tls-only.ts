import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import {
  deniesEveryoneWhen,
  isInsecureTransportCondition,
  isOldTlsCondition,
} from '../../policy-document';
import { isIntrinsic, propertiesOf, refersTo, resourcesOfType } from '../../resolve';

/** The oldest TLS version any request may use (DPP-25-TLS). */
export const MIN_TLS_VERSION = 1.2;

/**
 * Compliant when a bucket policy of the same stack denies, to everyone, S3 requests sent
 * without TLS and requests sent with TLS older than 1.2.
 */
export function s3BucketTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const bucketName = propertiesOf(node).BucketName;
  const documents = resourcesOfType(node, 'AWS::S3::BucketPolicy')
    .map(propertiesOf)
    .filter(
      (policy) =>
        refersTo(node, policy.Bucket, node) ||
        (typeof bucketName === 'string' && policy.Bucket === bucketName),
    )
    .map((policy) => policy.PolicyDocument);
  if (documents.some(isIntrinsic)) return ['Unresolved::PolicyDocument'];
  const findings: string[] = [];
  if (!documents.some((d) => deniesEveryoneWhen(d, 's3:GetObject', isInsecureTransportCondition))) {
    findings.push('SecureTransport');
  }
  const oldTls = (d: unknown) =>
    deniesEveryoneWhen(d, 's3:GetObject', (s) => isOldTlsCondition(s, MIN_TLS_VERSION));
  if (!documents.some(oldTls)) findings.push('TlsVersion');
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
