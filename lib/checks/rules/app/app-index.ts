import { CfnResource } from 'aws-cdk-lib';
import { appResourcesOfType } from '../../resolve';

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
