import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isPiiStore } from '../../data-stores';
import { isFalse, objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { literalText, propertiesOf, referencedResources } from '../../resolve';
import { appFact } from './app-index';

/**
 * The CloudTrail data-event resource type of each store type. The replicas of a global table
 * are tables, and their reads and writes are data events of type `AWS::DynamoDB::Table`.
 */
export const DATA_EVENT_TYPES: Record<string, string> = {
  'AWS::S3::Bucket': 'AWS::S3::Object',
  'AWS::DynamoDB::Table': 'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable': 'AWS::DynamoDB::Table',
};

/** Values of a basic event selector that select every resource of the type. */
const ALL_RESOURCES = /^arn:[^:]*:(s3|dynamodb)(:::?)?$/;

/** What the app's trails log as data events. */
interface DataEventCoverage {
  readonly selected: Set<CfnResource>;
  readonly allOfType: Set<string>;
}

function coverage(trails: CfnResource[]): DataEventCoverage {
  const selected = new Set<CfnResource>();
  const allOfType = new Set<string>();
  for (const trail of trails) {
    const properties = propertiesOf(trail);
    // A trail that is not logging records nothing, whatever it selects.
    if (isFalse(properties.IsLogging)) continue;
    for (const selector of recordsOf(properties.EventSelectors)) {
      for (const data of recordsOf(selector.DataResources)) {
        const values = asList(data.Values);
        referencedResources(trail, values).forEach((r) => selected.add(r));
        if (values.some((v) => ALL_RESOURCES.test(literalText(v) ?? ''))) {
          allOfType.add(String(data.Type));
        }
      }
    }
    for (const selector of recordsOf(properties.AdvancedEventSelectors)) {
      const fields = recordsOf(selector.FieldSelectors);
      const type = fields.find((f) => f.Field === 'resources.type');
      const arns = fields.find((f) => f.Field === 'resources.ARN');
      if (!type) continue;
      if (!arns) asList(type.Equals).forEach((t) => allOfType.add(String(t)));
      // Only the ARNs a selector includes are logged; `NotEquals` and `NotStartsWith` exclude.
      else
        referencedResources(trail, [arns.Equals, arns.StartsWith]).forEach((r) => selected.add(r));
    }
  }
  return { selected, allOfType };
}

/**
 * Compliant when every access to a `pii` bucket or table is logged: by CloudTrail data events
 * of a trail of the app, or for a bucket by S3 server access logs.
 */
export function piiStoreAccessLogged(node: CfnResource): NagRuleResult {
  const dataEventType = DATA_EVENT_TYPES[node.cfnResourceType];
  if (!dataEventType || !isPiiStore(node)) return NagRuleCompliance.NOT_APPLICABLE;
  if (objectOf(propertiesOf(node).LoggingConfiguration).DestinationBucketName !== undefined) {
    return NagRuleCompliance.COMPLIANT;
  }
  const logged = appFact(node, 'AWS::CloudTrail::Trail', coverage);
  return logged.selected.has(node) || logged.allOfType.has(dataEventType)
    ? NagRuleCompliance.COMPLIANT
    : ['NoDataEvents'];
}
