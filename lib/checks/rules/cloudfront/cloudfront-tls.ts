import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Viewer security policies that accept TLS 1.2 or newer only. */
const TLS12_VIEWER_POLICY = /^TLSv1\.[23]_/;

/** Origin protocols older than TLS 1.2. */
const OLD_ORIGIN_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1'];

/**
 * Compliant when a distribution serves viewers over HTTPS only (not even a redirect from
 * HTTP), with a TLS 1.2+ security policy on its own certificate, and reaches custom origins
 * over HTTPS with TLS 1.2+.
 */
export function cloudFrontTls(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudFront::Distribution') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const config = objectOf(propertiesOf(node).DistributionConfig);
  const findings = new Findings(node);
  const behaviors = [objectOf(config.DefaultCacheBehavior), ...recordsOf(config.CacheBehaviors)];
  for (const behavior of behaviors) {
    findings.check(
      behavior.ViewerProtocolPolicy,
      'ViewerProtocolPolicy',
      (p) => p === 'https-only',
      'ViewerHttp',
    );
  }
  const certificate = objectOf(config.ViewerCertificate);
  if (
    certificate.CloudFrontDefaultCertificate === undefined &&
    certificate.AcmCertificateArn === undefined &&
    certificate.IamCertificateId === undefined
  ) {
    findings.add('DefaultCertificate');
  } else if (isTrue(certificate.CloudFrontDefaultCertificate)) {
    findings.add('DefaultCertificate');
  } else {
    findings.check(
      certificate.MinimumProtocolVersion,
      'MinimumProtocolVersion',
      (v) => TLS12_VIEWER_POLICY.test(String(v)),
      'ViewerTlsPolicy',
    );
  }
  for (const origin of recordsOf(config.Origins)) {
    const custom = objectOf(origin.CustomOriginConfig);
    if (origin.CustomOriginConfig === undefined) continue;
    findings.check(
      custom.OriginProtocolPolicy,
      'OriginProtocolPolicy',
      (p) => p === 'https-only',
      'OriginHttp',
    );
    findings.check(
      custom.OriginSSLProtocols,
      'OriginSSLProtocols',
      (list) => Array.isArray(list) && !list.some((p) => OLD_ORIGIN_PROTOCOLS.includes(String(p))),
      'OriginTlsPolicy',
    );
  }
  return findings.result();
}
