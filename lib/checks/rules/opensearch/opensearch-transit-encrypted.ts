import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isSearchDomain } from './opensearch-domain';

/** Domain endpoint policies that accept TLS 1.2 or newer only. */
const TLS12_POLICY = /^Policy-Min-TLS-1-[23]-/;

/**
 * Compliant when a search domain encrypts node-to-node traffic, enforces HTTPS and uses a
 * TLS 1.2+ endpoint policy (the service default accepts TLS 1.0).
 */
export function openSearchTransitEncrypted(node: CfnResource): NagRuleResult {
  if (!isSearchDomain(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const endpoint = objectOf(properties.DomainEndpointOptions);
  return new Findings(node)
    .check(
      objectOf(properties.NodeToNodeEncryptionOptions).Enabled,
      'NodeToNodeEncryptionOptions',
      isTrue,
      'NodeToNode',
    )
    .check(endpoint.EnforceHTTPS, 'EnforceHTTPS', isTrue, 'EnforceHttps')
    .check(
      endpoint.TLSSecurityPolicy,
      'TLSSecurityPolicy',
      (policy) => TLS12_POLICY.test(String(policy)),
      'TlsPolicy',
    )
    .result();
}
