import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DATA_CLASS_TAG, DataClass } from '../../../../constructs/common/data-class';
import { isPiiStore } from '../../data-stores';
import { objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import { isIntrinsic, literalText, propertiesOf, referencedResources } from '../../resolve';
import { appFact } from './app-index';

/** The data stores AWS Backup can protect. */
export const BACKUP_SUPPORTED_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
  'AWS::FSx::FileSystem',
];

/** What the app's backup selections cover. */
interface BackupCoverage {
  /** Resources selected by reference. */
  readonly selected: Set<CfnResource>;
  /** Whether a selection takes every resource, or every `pii`-tagged one. */
  readonly allPii: boolean;
  /** Whether a selection names resources the rule cannot follow (an import from outside the app). */
  readonly unresolved: boolean;
}

function selectsPiiTag(selection: Record<string, unknown>): boolean {
  const byTag = recordsOf(selection.ListOfTags).some(
    (t) => t.ConditionKey === DATA_CLASS_TAG && t.ConditionValue === DataClass.PII,
  );
  const byCondition = recordsOf(objectOf(selection.Conditions).StringEquals).some(
    (c) =>
      c.ConditionKey === `aws:ResourceTag/${DATA_CLASS_TAG}` && c.ConditionValue === DataClass.PII,
  );
  return byTag || byCondition || asList(selection.Resources).includes('*');
}

function backupCoverage(selections: CfnResource[]): BackupCoverage {
  const selected = new Set<CfnResource>();
  let allPii = false;
  let unresolved = false;
  for (const resource of selections) {
    const selection = objectOf(propertiesOf(resource).BackupSelection);
    for (const arn of asList(selection.Resources)) {
      const targets = referencedResources(resource, arn);
      targets.forEach((r) => selected.add(r));
      unresolved = unresolved || (targets.length === 0 && isIntrinsic(arn) && !literalText(arn));
    }
    allPii = allPii || selectsPiiTag(selection);
  }
  return { selected, allPii, unresolved };
}

/**
 * Compliant when a `pii` store that AWS Backup supports is selected by a backup selection of
 * the app, by reference or by its `dpp:data-class` = `pii` tag.
 */
export function piiStoreBackedUp(node: CfnResource): NagRuleResult {
  if (!isPiiStore(node) || !BACKUP_SUPPORTED_TYPES.includes(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const coverage = appFact(node, 'AWS::Backup::BackupSelection', backupCoverage);
  if (coverage.allPii || coverage.selected.has(node)) return NagRuleCompliance.COMPLIANT;
  return [coverage.unresolved ? 'Unresolved::BackupSelection' : 'NoBackupSelection'];
}
