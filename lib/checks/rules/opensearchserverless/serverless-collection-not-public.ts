import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, isFalse } from '../../findings';
import { policyEntriesFor } from './serverless-policies';

/**
 * Compliant when no network policy of the app opens an OpenSearch Serverless collection that may
 * index Amazon data to the internet (`AllowFromPublic` true); access is through VPC endpoints.
 */
export function serverlessCollectionNotPublic(node: CfnResource): NagRuleResult {
  if (
    node.cfnResourceType !== 'AWS::OpenSearchServerless::Collection' ||
    !mayCarryAmazonData(node)
  ) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const entries = policyEntriesFor(node, 'network');
  if (entries === undefined) return ['Unresolved::NetworkPolicy'];
  return new Findings(node)
    .unless(
      entries.every(({ entry }) => isFalse(entry.AllowFromPublic)),
      'PublicAccess',
    )
    .result();
}
