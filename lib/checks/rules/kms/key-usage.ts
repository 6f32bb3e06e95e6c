import { CfnResource } from 'aws-cdk-lib';
import { DATA_STORE_TYPES } from '../../data-stores';
import { keeps } from '../../keeping-policies';
import { propertiesOf, referencedResources, templateOf } from '../../resolve';
import { appFact } from '../app/app-index';

/**
 * Which resources of the app a KMS key encrypts: the data stores, log groups, backup vaults,
 * trails, topics, secrets and volumes whose properties refer to the key.
 */

/** The types that encrypt what they hold with a KMS key named in their properties. */
const ENCRYPTING_TYPES: readonly string[] = [
  ...DATA_STORE_TYPES,
  'AWS::Logs::LogGroup',
  'AWS::Backup::BackupVault',
  'AWS::CloudTrail::Trail',
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::EC2::Volume',
];

/** The keys of the app each resource of one type refers to, as key -> users. */
function usersByKey(resources: CfnResource[]): Map<CfnResource, CfnResource[]> {
  const users = new Map<CfnResource, CfnResource[]>();
  for (const resource of resources) {
    for (const key of referencedResources(resource, propertiesOf(resource))) {
      if (key.cfnResourceType !== 'AWS::KMS::Key') continue;
      const list = users.get(key) ?? [];
      if (!list.includes(resource)) list.push(resource);
      users.set(key, list);
    }
  }
  return users;
}

/** The resources of the app that encrypt with `key`. */
export function resourcesEncryptedBy(key: CfnResource): CfnResource[] {
  return ENCRYPTING_TYPES.flatMap((type) => appFact(key, type, usersByKey).get(key) ?? []);
}

/**
 * Whether a resource keeps data encrypted under its key after a stack deletion: it is
 * retained (or snapshotted), or it is a trail, whose log files live on in a bucket it does not
 * own.
 */
export function keepsData(resource: CfnResource): boolean {
  if (resource.cfnResourceType === 'AWS::CloudTrail::Trail') return true;
  return keeps(templateOf(resource).DeletionPolicy);
}
