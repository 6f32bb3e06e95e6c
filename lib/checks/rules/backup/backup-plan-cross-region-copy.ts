import { CfnResource, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf, recordsOf } from '../../findings';
import { literalText, propertiesOf, referencedResource } from '../../resolve';

/**
 * Whether a copy's destination is a vault of the app known to share the plan's region: a vault
 * of the same stack, or of a stack deployed to the same named region.
 */
function sameRegionVault(plan: CfnResource, arn: unknown): boolean {
  const vault = referencedResource(plan, arn);
  if (vault?.cfnResourceType !== 'AWS::Backup::BackupVault') return false;
  if (vault.stack === plan.stack) return true;
  const region = vault.stack.region;
  return !Token.isUnresolved(region) && region === plan.stack.region;
}

/** The region named in a literal ARN, if any. */
function regionOf(arn: unknown): string | undefined {
  const part = literalText(arn)?.split(':')[3];
  return part && part !== '${?}' ? part : undefined;
}

/**
 * Compliant when every rule of a backup plan copies its recovery points to a vault in another
 * region. A destination in the stack's own region (when the stack's region is known) is a
 * finding; a destination whose region cannot be read is reported as unresolved.
 */
export function backupPlanCrossRegionCopy(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Backup::BackupPlan') return NagRuleCompliance.NOT_APPLICABLE;
  const plan = objectOf(propertiesOf(node).BackupPlan);
  const stackRegion = Token.isUnresolved(node.stack.region) ? undefined : node.stack.region;
  const findings = new Findings(node);
  for (const rule of recordsOf(plan.BackupPlanRule)) {
    const copies = recordsOf(rule.CopyActions);
    findings.unless(copies.length > 0, `NoCopy::${String(rule.RuleName)}`);
    for (const copy of copies) {
      if (sameRegionVault(node, copy.DestinationBackupVaultArn)) {
        findings.add(`SameRegionCopy::${String(rule.RuleName)}`);
        continue;
      }
      const region = regionOf(copy.DestinationBackupVaultArn);
      if (region === undefined) {
        findings.add('Unresolved::DestinationBackupVaultArn');
        continue;
      }
      findings.unless(region !== stackRegion, `SameRegionCopy::${String(rule.RuleName)}`);
    }
  }
  return findings.result();
}
