import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf, recordsOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** API Gateway security policies that accept TLS 1.2 or newer only. */
const TLS12_API_POLICY = /(TLS_1_2|TLS_1_3|TLS13|_1_2_|_1_3_)/;

/** The custom domain types: REST (public, and private `DomainNameV2`) and HTTP. */
const DOMAIN_TYPES = [
  'AWS::ApiGateway::DomainName',
  'AWS::ApiGateway::DomainNameV2',
  'AWS::ApiGatewayV2::DomainName',
];

/**
 * Compliant when a custom domain name (REST, private REST or HTTP API) sets a TLS 1.2+ security policy
 * explicitly.
 */
export function apiGatewayTls(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (!DOMAIN_TYPES.includes(type)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const policies =
    type !== 'AWS::ApiGatewayV2::DomainName'
      ? [properties.SecurityPolicy]
      : recordsOf(properties.DomainNameConfigurations).map((c) => objectOf(c).SecurityPolicy);
  const findings = new Findings(node);
  for (const policy of policies) {
    if (policy === undefined) {
      findings.add('SecurityPolicyUnset');
      continue;
    }
    findings.check(
      policy,
      'SecurityPolicy',
      (p) => TLS12_API_POLICY.test(String(p)),
      'OldTlsPolicy',
    );
  }
  return findings.result();
}
