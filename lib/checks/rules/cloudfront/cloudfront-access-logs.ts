import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import {
  appResourcesOfType,
  literalText,
  propertiesOf,
  referencedResources,
  refersTo,
} from '../../resolve';

const indexes = new WeakMap<CfnResource[], Set<CfnResource>>();

/**
 * Whether a delivery of the app sends a source's logs somewhere: its `DeliverySourceName`
 * refers to the source, or names it literally. A source without a delivery delivers nothing.
 */
function isDelivered(source: CfnResource, deliveries: CfnResource[]): boolean {
  const name = literalText(propertiesOf(source).Name);
  return deliveries.some((d) => {
    const sourceName = propertiesOf(d).DeliverySourceName;
    return (
      refersTo(d, sourceName, source) || (name !== undefined && literalText(sourceName) === name)
    );
  });
}

/**
 * The resources of the app that a CloudWatch Logs delivery source (logging v2) reads from and
 * a delivery sends on.
 */
function deliverySources(node: CfnResource): Set<CfnResource> {
  const sources = appResourcesOfType(node, 'AWS::Logs::DeliverySource');
  let logged = indexes.get(sources);
  if (!logged) {
    const deliveries = appResourcesOfType(node, 'AWS::Logs::Delivery');
    logged = new Set(
      sources
        .filter((s) => isDelivered(s, deliveries))
        .flatMap((s) => referencedResources(s, propertiesOf(s).ResourceArn)),
    );
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
