import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf, referencedResource } from '../../resolve';
import { hasWebAcl } from '../../web-acl';

/**
 * Compliant when a stage of a REST API that is not private sits behind an AWS WAF web ACL (the
 * IP allow-list). Private APIs are reachable only through a VPC endpoint.
 */
export function apiGatewayWaf(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ApiGateway::Stage') return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  const restApiId = propertiesOf(node).RestApiId;
  const api = referencedResource(node, restApiId);
  if (!api) return findings.add('Unresolved::RestApiId').result();
  const types = objectOf(propertiesOf(api).EndpointConfiguration).Types;
  if (Array.isArray(types) && types.length === 1 && types[0] === 'PRIVATE') {
    return NagRuleCompliance.COMPLIANT;
  }
  return findings.unless(hasWebAcl(node), 'PublicWithoutWaf').result();
}
