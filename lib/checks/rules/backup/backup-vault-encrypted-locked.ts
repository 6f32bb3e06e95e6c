import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when a backup vault encrypts recovery points with a customer-managed key and has a
 * vault lock, so no one can delete them early.
 */
export function backupVaultEncryptedLocked(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Backup::BackupVault') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node).unless(
    properties.LockConfiguration !== undefined,
    'NoVaultLock',
  );
  checkCustomerKey(findings, properties.EncryptionKeyArn, 'EncryptionKeyArn');
  return findings.result();
}
