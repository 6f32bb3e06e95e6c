import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf, referencedResources, appResourcesOfType } from '../../resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

/** The resources of the app that a CloudWatch Logs delivery source (logging v2) reads from. */
function deliverySources(node: CfnResource): Set<CfnResource> {
  const sources = appResourcesOfType(node, 'AWS::Logs::DeliverySource');
  let logged = indexes.get(sources);
  if (!logged) {
    logged = new Set(sources.flatMap((s) => referencedResources(s, propertiesOf(s).ResourceArn)));
    indexes.set(sources, logged);
  }
  return logged;
}

/**
 * Compliant when a distribution writes access logs: standard logging (`Logging`), or a
 * CloudWatch Logs delivery source of the app (standard logging v2).
 */
export function cloudFrontAccessLogs(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudFront::Distribution') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const legacy = objectOf(propertiesOf(node).DistributionConfig).Logging !== undefined;
  return new Findings(node)
    .unless(legacy || deliverySources(node).has(node), 'NoAccessLogs')
    .result();
}
