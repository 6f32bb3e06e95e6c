import { CfnResource } from 'aws-cdk-lib';
import { DataStoreProfile } from './data-store-profile';
import { CACHE_PROFILES } from './profiles-caches';
import { DATABASE_PROFILES } from './profiles-databases';
import { MANAGED_SERVICE_PROFILES } from './profiles-managed-services';
import { SEARCH_PROFILES } from './profiles-search';
import { WAREHOUSE_PROFILES } from './profiles-warehouses';

/** Every data-store profile, by family. */
export const DATA_STORE_PROFILES: readonly DataStoreProfile[] = [
  ...WAREHOUSE_PROFILES,
  ...DATABASE_PROFILES,
  ...CACHE_PROFILES,
  ...SEARCH_PROFILES,
  ...MANAGED_SERVICE_PROFILES,
];

const BY_TYPE = new Map(DATA_STORE_PROFILES.map((p) => [p.type, p]));

/** The profile of a resource's type, undefined when the type has none. */
export function profileOf(node: CfnResource): DataStoreProfile | undefined {
  return BY_TYPE.get(node.cfnResourceType);
}

/** The types whose profile states a dimension (for a rule's `resourceTypes`). */
export function typesWith(dimension: keyof DataStoreProfile): string[] {
  return DATA_STORE_PROFILES.filter(
    (p) =>
      p[dimension] !== undefined || (p.custom as Record<string, unknown> | undefined)?.[dimension],
  ).map((p) => p.type);
}
