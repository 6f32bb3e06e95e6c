import { CfnResource } from 'aws-cdk-lib';
import {
  deniesEveryoneWhen,
  isInsecureTransportCondition,
  StatementJson,
  statementsOf,
} from './policy-document';
import { literalText, propertiesOf, referencedResources, appResourcesOfType } from './resolve';

/** Attached policy documents of one policy type, by target resource and by literal target name. */
interface AttachmentIndex {
  readonly byResource: Map<CfnResource, unknown[]>;
  readonly byName: Map<string, unknown[]>;
}

const indexes = new WeakMap<CfnResource[], AttachmentIndex>();

function push<K>(map: Map<K, unknown[]>, key: K, document: unknown): void {
  map.set(key, [...(map.get(key) ?? []), document]);
}

/**
 * The policy documents that resources of `policyType` (a bucket, queue or topic policy, or the
 * inline policy of one queue or topic) of the app attach to `node` through `targetProperty`
 * (`Bucket`, `Queues`, `Topics`, `Queue`, `TopicArn`), whether
 * they point to it by reference or by its literal name (`nameProperty`). Indexed once per app
 * and validation.
 */
export function attachedDocuments(
  node: CfnResource,
  policyType: string,
  targetProperty: string,
  nameProperty?: string,
): unknown[] {
  const policies = appResourcesOfType(node, policyType);
  let index = indexes.get(policies);
  if (!index) {
    index = { byResource: new Map(), byName: new Map() };
    for (const policy of policies) {
      const properties = propertiesOf(policy);
      const targets = properties[targetProperty];
      for (const target of referencedResources(policy, targets)) {
        push(index.byResource, target, properties.PolicyDocument);
      }
      for (const target of Array.isArray(targets) ? targets : [targets]) {
        const name = typeof target === 'string' ? literalText(target) : undefined;
        if (name !== undefined) push(index.byName, name, properties.PolicyDocument);
      }
    }
    indexes.set(policies, index);
  }
  const name = nameProperty ? propertiesOf(node)[nameProperty] : undefined;
  return [
    ...(index.byResource.get(node) ?? []),
    ...(typeof name === 'string' ? (index.byName.get(name) ?? []) : []),
  ];
}

/** Whether one of the documents denies, to everyone, `action` sent without TLS. */
export function deniesInsecureTransport(documents: readonly unknown[], action: string): boolean {
  return documents.some((d) => deniesEveryoneWhen(d, action, isInsecureTransportCondition));
}

/** Every statement of the documents. */
export function statementsOfAll(documents: readonly unknown[]): StatementJson[] {
  return documents.flatMap(statementsOf);
}
