import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Where each Glue type names its security configuration. */
const PROPERTY: Record<string, string> = {
  'AWS::Glue::Job': 'SecurityConfiguration',
  'AWS::Glue::Crawler': 'CrawlerSecurityConfiguration',
};

/**
 * Compliant when a Glue job or crawler that may process Amazon data runs under a security
 * configuration (whose encryption the Glue security-configuration rule judges); without one,
 * its S3 output, logs and bookmarks are not encrypted with a key of the developer.
 */
export function glueJobSecurityConfiguration(node: CfnResource): NagRuleResult {
  const property = PROPERTY[node.cfnResourceType];
  if (property === undefined || !mayCarryAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const value = propertiesOf(node)[property];
  return new Findings(node)
    .check(value, property, (name) => name !== undefined && name !== '', 'NoSecurityConfiguration')
    .result();
}
