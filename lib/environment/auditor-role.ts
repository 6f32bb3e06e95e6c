import { aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../../constructs/common/managed-policy-role';
import { TaxArchive } from '../../constructs/retention/tax-archive';
import { accountPrincipalWithMfa } from './principals';

/** What an auditor may do on a log group: read events and run queries, never change them. */
export const LOG_READ_ACTIONS: readonly string[] = [
  'logs:DescribeLogStreams',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:StartQuery',
];

/**
 * What an auditor may read of an S3 tax archive: what it holds and how it is protected, never
 * the records themselves (DPP-DR-2 keeps those to the retrieval role).
 */
export const ARCHIVE_BUCKET_METADATA_ACTIONS: readonly string[] = [
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketVersioning',
  's3:GetLifecycleConfiguration',
  's3:GetBucketPolicy',
  's3:GetEncryptionConfiguration',
  's3:GetBucketTagging',
];

/** What an auditor may read of a Glacier vault tax archive: its description and policies. */
export const ARCHIVE_VAULT_METADATA_ACTIONS: readonly string[] = [
  'glacier:DescribeVault',
  'glacier:GetVaultAccessPolicy',
  'glacier:GetVaultLock',
  'glacier:GetVaultNotifications',
  'glacier:ListTagsForVault',
];

/**
 * The auditor (DPP-LP-1, DPP-LM-3): assumed with MFA, reads logs, the audit trail and the tax
 * archive's metadata, and changes nothing. Its permissions sit in one customer-managed policy.
 */
export class AuditorRole extends ManagedPolicyRole {
  public constructor(scope: Construct, id: string) {
    super(scope, id, {
      assumedBy: accountPrincipalWithMfa(),
      description: 'Auditor: reads logs, the audit trail and archive metadata; changes nothing',
    });
  }

  /** Lets the auditor read the events of `logGroup` and query them. */
  public grantLogRead(logGroup: logs.ILogGroup): void {
    this.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...LOG_READ_ACTIONS],
        resources: [logGroup.logGroupArn],
      }),
    );
  }

  /** Lets the auditor list what the archive holds and read how it is protected, not the records. */
  public grantArchiveMetadataRead(archive: TaxArchive): void {
    if (archive.bucket) {
      this.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...ARCHIVE_BUCKET_METADATA_ACTIONS],
          resources: [archive.bucket.bucketArn],
        }),
      );
    }
    if (archive.vaultArn) {
      this.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...ARCHIVE_VAULT_METADATA_ACTIONS],
          resources: [archive.vaultArn],
        }),
      );
    }
  }
}
