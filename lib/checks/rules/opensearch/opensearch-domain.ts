import { CfnResource } from 'aws-cdk-lib';

/** Whether a resource is an OpenSearch (or legacy Elasticsearch) domain. */
export function isSearchDomain(node: CfnResource): boolean {
  return (
    node.cfnResourceType === 'AWS::OpenSearchService::Domain' ||
    node.cfnResourceType === 'AWS::Elasticsearch::Domain'
  );
}
