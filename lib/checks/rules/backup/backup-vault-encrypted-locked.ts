import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerKey, Findings, objectOf } from '../../findings';
import { isIntrinsic, propertiesOf } from '../../resolve';

/**
 * Compliant when a backup vault encrypts recovery points with a customer-managed key and has a
 * vault lock in compliance mode (`ChangeableForDays` set: after that grace period no one can
 * remove the lock or delete a recovery point early). A lock without `ChangeableForDays` is in
 * governance mode, which any principal allowed `backup:DeleteBackupVaultLockConfiguration` can
 * remove.
 */
export function backupVaultEncryptedLocked(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Backup::BackupVault') return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  const lock = properties.LockConfiguration;
  if (lock === undefined) findings.add('NoVaultLock');
  else if (isIntrinsic(lock)) findings.add('Unresolved::LockConfiguration');
  else {
    const { MinRetentionDays: minimum, ChangeableForDays: changeable } = objectOf(lock);
    findings
      .check(minimum, 'MinRetentionDays', (d) => Number(d) >= 1, 'NoVaultLock')
      .check(changeable, 'ChangeableForDays', (d) => d !== undefined, 'GovernanceLock');
  }
  checkCustomerKey(findings, properties.EncryptionKeyArn, 'EncryptionKeyArn');
  return findings.result();
}
