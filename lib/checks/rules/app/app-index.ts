import { CfnResource } from 'aws-cdk-lib';
import { isPiiStore } from '../../data-stores';
import { appResourcesOfType, renders, resourcesOfStack } from '../../resolve';

const indexes = new WeakMap<CfnResource[], Map<unknown, unknown>>();

/**
 * A fact about the whole app computed once per validation from the resources of one type (for
 * example, the stores selected by the app's backup selections), then shared by every resource
 * the rule judges. `compute` identifies the fact, so keep it a named function.
 */
export function appFact<T>(
  scope: CfnResource,
  type: string,
  compute: (resources: CfnResource[]) => T,
): T {
  const resources = appResourcesOfType(scope, type);
  let facts = indexes.get(resources);
  if (!facts) {
    facts = new Map();
    indexes.set(resources, facts);
  }
  if (!facts.has(compute)) facts.set(compute, compute(resources));
  return facts.get(compute) as T;
}

const firstPiiStores = new WeakMap<Map<string, CfnResource>, CfnResource | undefined>();

/**
 * Whether `node` is the first `pii` store of its stack, in construct tree order: the resource
 * that carries a stack's findings about what the whole app lacks (a trail, GuardDuty), so each
 * is reported once per stack and can be acknowledged on the stack.
 */
export function isFirstPiiStoreOfStack(node: CfnResource): boolean {
  const resources = resourcesOfStack(node);
  if (!firstPiiStores.has(resources)) {
    firstPiiStores.set(
      resources,
      [...resources.values()].find((r) => renders(r) && isPiiStore(r)),
    );
  }
  return firstPiiStores.get(resources) === node;
}
