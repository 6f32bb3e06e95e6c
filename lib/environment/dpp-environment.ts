import { Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApplicationStack } from './application-stack';
import { AuditStack } from './audit-stack';
import { BucketEventsToEventBridge } from './bucket-events-to-event-bridge';
import { DataStack } from './data-stack';
import { DppEnvironmentProps, environmentSettings } from './dpp-environment-props';
import { KeyGrantGuard } from './key-grant-guard';

/**
 * The reference environment of an SP-API order-processing workload, compliant with the DPP by
 * default: a `Stage`, so `cdk deploy` or CDK Pipelines can put it into several accounts.
 *
 * Three stacks, split along lifecycles, each depending only on the one before it:
 * - `Audit`: audit trail, account baseline, security alarms, auditor role (long-lived);
 * - `Data`: network, PII key, stores, canaries, tax archive, backups, data roles (long-lived);
 * - `Application`: the TLS-only endpoint and the sample service (replaceable).
 */
export class DppEnvironment extends Stage {
  /** Audit trail, account baseline, security alarms, auditor. */
  public readonly audit: AuditStack;
  /** Network, key, stores, backups, data roles. */
  public readonly data: DataStack;
  /** Endpoint and sample service. */
  public readonly application: ApplicationStack;

  public constructor(scope: Construct, id: string, props: DppEnvironmentProps = {}) {
    super(scope, id, props);
    const settings = environmentSettings(this, props);
    KeyGrantGuard.applyTo(this);
    BucketEventsToEventBridge.applyTo(this);
    this.audit = new AuditStack(this, 'Audit', { settings });
    this.data = new DataStack(this, 'Data', { settings, audit: this.audit });
    this.application = new ApplicationStack(this, 'Application', {
      settings,
      data: this.data,
    });
  }
}
