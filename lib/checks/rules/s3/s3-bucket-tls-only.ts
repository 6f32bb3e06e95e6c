import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import {
  asList,
  deniesEveryoneWhen,
  isInsecureTransportCondition,
  StatementJson,
} from '../../policy-document';
import { isIntrinsic, literalText } from '../../resolve';
import { attachedDocuments } from '../../resource-policies';

/**
 * Compliant when a bucket policy of the app denies, to everyone, S3 requests to its objects
 * sent without TLS (`aws:SecureTransport` false).
 *
 * The rule relies on the TLS floor of the service itself: since 27 February 2024 every AWS
 * service API endpoint, Amazon S3's included, refuses TLS 1.0 and 1.1, so a request that uses
 * TLS at all uses TLS 1.2 or newer (DPP-25-TLS). A deny on `s3:TlsVersion` below 1.2 can no
 * longer match a request and is not required; what S3 still accepts is plain HTTP, which only
 * the `aws:SecureTransport` deny refuses.
 */
export function s3BucketTlsOnly(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
  const documents = attachedDocuments(node, 'AWS::S3::BucketPolicy', 'Bucket', 'BucketName');
  if (documents.some(isIntrinsic)) return ['Unresolved::PolicyDocument'];
  const denied = documents.some((d) =>
    deniesEveryoneWhen(
      d,
      's3:GetObject',
      (s) => isInsecureTransportCondition(s) && coversObjects(s),
    ),
  );
  return new Findings(node).unless(denied, 'SecureTransport').result();
}

/**
 * Whether a statement's resources cover every object of the bucket (`<bucket ARN>/*`, or `*`):
 * a deny on the bucket ARN alone leaves the objects readable over plain HTTP.
 */
function coversObjects(statement: StatementJson): boolean {
  return asList(statement.Resource).some((resource) => {
    const text = literalText(resource);
    return text !== undefined && (text === '*' || /^[^/]*\/\*$/.test(text));
  });
}
