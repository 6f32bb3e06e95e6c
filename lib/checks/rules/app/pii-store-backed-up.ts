import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isPiiStore } from '../../data-stores';
import { appResourcesOfType } from '../../resolve';
import { anySelectionSelects } from '../backup/backup-selection';

/** The data stores AWS Backup can protect. */
export const BACKUP_SUPPORTED_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
  'AWS::Redshift::Cluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::FSx::FileSystem',
];

/**
 * Compliant when a `pii` store that AWS Backup supports is selected by a backup selection of
 * the app, judged as AWS Backup selects: by reference, by an ARN pattern (`table/*` takes
 * every table), by `*`, or by a tag such as `dpp:data-class` = `pii`, and not taken out again
 * by `NotResources` or a failing `Conditions` entry. A selection the synth cannot follow is
 * reported as unresolved.
 */
export function piiStoreBackedUp(node: CfnResource): NagRuleResult {
  if (!isPiiStore(node) || !BACKUP_SUPPORTED_TYPES.includes(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const selected = anySelectionSelects(
    appResourcesOfType(node, 'AWS::Backup::BackupSelection'),
    node,
  );
  if (selected === 'yes') return NagRuleCompliance.COMPLIANT;
  return [selected === 'unknown' ? 'Unresolved::BackupSelection' : 'NoBackupSelection'];
}
