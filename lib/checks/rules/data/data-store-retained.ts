import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { Findings, isTrue, recordsOf } from '../../findings';
import { keeps } from '../../keeping-policies';
import { propertiesOf, templateOf } from '../../resolve';
import { pathName, settingOf } from '../datastores/data-store-profile';
import { profileOf } from '../datastores/profiles';

/** Where a type keeps its deletion protection flag. */
const DELETION_PROTECTION: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DeletionProtection',
  'AWS::RDS::DBCluster': 'DeletionProtection',
  'AWS::DynamoDB::Table': 'DeletionProtectionEnabled',
};

/** Whether automated backups are on: a retention of at least one day, or a true flag. */
function backupsOn(value: unknown): boolean {
  return typeof value === 'boolean' || value === 'true' || value === 'false'
    ? isTrue(value)
    : Number(value) > 0;
}

/**
 * Judges what a store's profile says about recovery: deletion protection, automated backups and
 * point-in-time recovery, each at the service default when absent.
 */
function checkRecoveryProfile(node: CfnResource, findings: Findings): void {
  const recovery = profileOf(node)?.recovery;
  if (!recovery) return;
  const { deletionProtection, backups, pointInTimeRecovery } = recovery;
  if (deletionProtection) {
    const path = pathName(deletionProtection.path);
    findings.check(settingOf(node, deletionProtection), path, isTrue, 'DeletionProtection');
  }
  if (backups) {
    findings.check(settingOf(node, backups), pathName(backups.path), backupsOn, 'NoBackups');
  }
  if (pointInTimeRecovery) {
    const path = pathName(pointInTimeRecovery.path);
    findings.check(settingOf(node, pointInTimeRecovery), path, isTrue, 'NoPointInTimeRecovery');
  }
}

/**
 * Compliant when a data store that may hold Amazon data survives a stack deletion or
 * replacement (DeletionPolicy and UpdateReplacePolicy `Retain`, `RetainExceptOnCreate` or
 * `Snapshot`: see `KEEPING_POLICIES`), has deletion
 * protection where its type offers it, and a database keeps automated backups (and
 * point-in-time recovery where its profile offers it).
 */
export function dataStoreRetained(node: CfnResource): NagRuleResult {
  if (!mayHoldAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const template = templateOf(node);
  const properties = propertiesOf(node);
  const findings = new Findings(node)
    .unless(keeps(template.DeletionPolicy), 'DeletionPolicy')
    .unless(keeps(template.UpdateReplacePolicy), 'UpdateReplacePolicy');
  const protection = DELETION_PROTECTION[node.cfnResourceType];
  if (protection) {
    findings.check(properties[protection], protection, isTrue, 'DeletionProtection');
  }
  if (node.cfnResourceType === 'AWS::DynamoDB::GlobalTable') {
    const replicas = recordsOf(properties.Replicas);
    findings.unless(
      replicas.every((r) => isTrue(r.DeletionProtectionEnabled)),
      'DeletionProtection',
    );
  }
  if (node.cfnResourceType.startsWith('AWS::RDS::')) {
    findings.check(
      properties.BackupRetentionPeriod,
      'BackupRetentionPeriod',
      (days) => days === undefined || Number(days) > 0,
      'NoBackups',
    );
  }
  checkRecoveryProfile(node, findings);
  return findings.result();
}
