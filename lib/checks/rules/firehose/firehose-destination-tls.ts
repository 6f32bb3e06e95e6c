import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkSecureUrl, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The endpoint URLs a delivery stream sends records to, by destination. */
const ENDPOINTS: readonly [destination: string, read: (d: Record<string, unknown>) => unknown][] = [
  ['HttpEndpointDestinationConfiguration', (d) => objectOf(d.EndpointConfiguration).Url],
  ['SplunkDestinationConfiguration', (d) => d.HECEndpoint],
  ['ElasticsearchDestinationConfiguration', (d) => d.ClusterEndpoint],
  ['AmazonopensearchserviceDestinationConfiguration', (d) => d.ClusterEndpoint],
];

/**
 * Compliant when every endpoint URL a delivery stream that may carry Amazon data sends records
 * to (HTTP endpoint, Splunk, OpenSearch) is `https://`.
 */
export function firehoseDestinationTls(node: CfnResource): NagRuleResult {
  if (
    node.cfnResourceType !== 'AWS::KinesisFirehose::DeliveryStream' ||
    !mayCarryAmazonData(node)
  ) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  for (const [destination, read] of ENDPOINTS) {
    if (properties[destination] === undefined) continue;
    const url = read(objectOf(properties[destination]));
    checkSecureUrl(findings, url, destination, ['https'], 'PlaintextEndpoint');
  }
  return findings.result();
}
