import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { isSearchDomain } from './opensearch-domain';

/** Compliant when a search domain lives in VPC subnets instead of a public endpoint. */
export function openSearchInVpc(node: CfnResource): NagRuleResult {
  if (!isSearchDomain(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const subnets = objectOf(propertiesOf(node).VPCOptions).SubnetIds;
  return new Findings(node)
    .check(subnets, 'VPCOptions', (s) => Array.isArray(s) && s.length > 0, 'PublicEndpoint')
    .result();
}
