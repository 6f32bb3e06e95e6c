import { Stage, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OWNER_TAG } from '../../constructs/common/owner';
import { ApplicationStack } from './application-stack';
import { BackupCopyStack } from './backup-copy-stack';
import { BucketEventsToEventBridge } from './bucket-events-to-event-bridge';
import { DataStack } from './data-stack';
import { DppEnvironmentProps, environmentSettings } from './dpp-environment-props';

/**
 * The reference environment of an SP-API order-processing workload, compliant with the DPP by
 * default: a `Stage`, so `cdk deploy` or CDK Pipelines can put it into several accounts.
 *
 * Stacks split along lifecycles, each depending only on the data stack:
 * - `Data`: network, keys, stores, tax archive, data roles and kill switch, and the audit layer
 *   (trail, baseline, alarms, canaries, backups, auditor): long-lived, termination-protected;
 * - `Application`: the TLS-only endpoint and the sample service: replaceable, holds no data;
 * - `BackupCopy`: the vault in the second region that receives the backup copies, deployed after
 *   `Data`, whose backup role its key names.
 *
 * Every taggable resource carries the `dpp:owner` tag of `owner` (DPP-DG-2).
 */
export class DppEnvironment extends Stage {
  /** Network, keys, stores, roles and the audit layer. */
  public readonly data: DataStack;
  /** Endpoint and sample service. */
  public readonly application: ApplicationStack;
  /** The second-region backup vault. */
  public readonly backupCopy: BackupCopyStack;

  public constructor(scope: Construct, id: string, props: DppEnvironmentProps) {
    super(scope, id, props);
    const settings = environmentSettings(this, props);
    Tags.of(this).add(OWNER_TAG, settings.owner);
    BucketEventsToEventBridge.applyTo(this);
    this.data = new DataStack(this, 'Data', { settings });
    this.application = new ApplicationStack(this, 'Application', { settings, data: this.data });
    this.backupCopy = new BackupCopyStack(this, 'BackupCopy', {
      env: { account: props.env?.account, region: settings.backupCopyRegion },
    });
    // The copy vault's key names the data stack's backup role, which must exist first.
    this.backupCopy.addStackDependency(this.data);
  }
}
