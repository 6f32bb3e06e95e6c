import { CfnResource } from 'aws-cdk-lib';

/** The search domain types: OpenSearch and the legacy Elasticsearch. */
export const SEARCH_DOMAIN_TYPES: readonly string[] = [
  'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain',
];

/** Whether a resource is an OpenSearch (or legacy Elasticsearch) domain. */
export function isSearchDomain(node: CfnResource): boolean {
  return SEARCH_DOMAIN_TYPES.includes(node.cfnResourceType);
}
