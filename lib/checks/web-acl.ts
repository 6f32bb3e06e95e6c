import { CfnResource } from 'aws-cdk-lib';
import { propertiesOf, referencedResources, appResourcesOfType } from './resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

/**
 * Whether an AWS WAF web ACL association of the app protects `node` (a load balancer or
 * an API Gateway stage), indexed once per stack and validation.
 */
export function hasWebAcl(node: CfnResource): boolean {
  const associations = appResourcesOfType(node, 'AWS::WAFv2::WebACLAssociation');
  let protectedResources = indexes.get(associations);
  if (!protectedResources) {
    protectedResources = new Set(
      associations.flatMap((a) => referencedResources(a, propertiesOf(a).ResourceArn)),
    );
    indexes.set(associations, protectedResources);
  }
  return protectedResources.has(node);
}
