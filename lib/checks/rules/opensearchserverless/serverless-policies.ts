import { CfnResource } from 'aws-cdk-lib';
import { objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { appResourcesOfType, literalText, propertiesOf } from '../../resolve';

/** One entry of an OpenSearch Serverless security policy, with the rules it applies to. */
export interface PolicyEntry {
  readonly entry: Record<string, unknown>;
  readonly resources: string[];
}

/** The entries of a policy document: a network policy is a list, an encryption policy one object. */
function entriesOf(document: unknown): PolicyEntry[] {
  return asList(document).map((value) => {
    const entry = objectOf(value);
    const resources = recordsOf(entry.Rules)
      .filter((rule) => String(rule.ResourceType).toLowerCase() === 'collection')
      .flatMap((rule) => asList(rule.Resource).map(String));
    return { entry, resources };
  });
}

/** Whether a policy resource pattern (`collection/orders*`) names the collection. */
function matches(pattern: string, name: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(`collection/${name}`);
}

/**
 * The entries of the app's security policies of `type` (`encryption`, `network`) that apply to
 * the collection, or `undefined` when a policy of that type cannot be read (a token in its
 * text or its type) or the collection's name is not literal.
 */
export function policyEntriesFor(collection: CfnResource, type: string): PolicyEntry[] | undefined {
  const name = propertiesOf(collection).Name;
  if (typeof name !== 'string' || literalText(name) !== name) return undefined;
  const found: PolicyEntry[] = [];
  for (const policy of appResourcesOfType(
    collection,
    'AWS::OpenSearchServerless::SecurityPolicy',
  )) {
    const properties = propertiesOf(policy);
    if (typeof properties.Type !== 'string') return undefined;
    if (properties.Type !== type) continue;
    const text = literalText(properties.Policy);
    let document: unknown;
    try {
      document = text === undefined ? undefined : JSON.parse(text);
    } catch {
      document = undefined;
    }
    if (document === undefined) return undefined;
    found.push(...entriesOf(document).filter((e) => e.resources.some((r) => matches(r, name))));
  }
  return found;
}
