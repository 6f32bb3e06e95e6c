import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayHoldAmazonData } from '../../data-stores';
import { Findings, isTrue, recordsOf } from '../../findings';
import { propertiesOf, templateOf } from '../../resolve';

/** Deletion policies that keep the data when the resource leaves the stack. */
const KEEPING_POLICIES = ['Retain', 'RetainExceptOnCreate', 'Snapshot'];

/** Where a type keeps its deletion protection flag. */
const DELETION_PROTECTION: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DeletionProtection',
  'AWS::RDS::DBCluster': 'DeletionProtection',
  'AWS::DynamoDB::Table': 'DeletionProtectionEnabled',
};

/**
 * Compliant when a data store that may hold Amazon data survives a stack deletion or
 * replacement (DeletionPolicy and UpdateReplacePolicy Retain or Snapshot), has deletion
 * protection where its type offers it, and a database keeps automated backups.
 */
export function dataStoreRetained(node: CfnResource): NagRuleResult {
  if (!mayHoldAmazonData(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const template = templateOf(node);
  const properties = propertiesOf(node);
  const findings = new Findings(node)
    .unless(KEEPING_POLICIES.includes(String(template.DeletionPolicy)), 'DeletionPolicy')
    .unless(KEEPING_POLICIES.includes(String(template.UpdateReplacePolicy)), 'UpdateReplacePolicy');
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
  return findings.result();
}
