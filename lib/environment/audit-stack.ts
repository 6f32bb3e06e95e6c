import { CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditorRole } from './auditor-role';
import { EnvironmentSettings } from './dpp-environment-props';

/**
 * Props of the `AuditStack`.
 */
export interface AuditStackProps extends StackProps {
  /** The validated settings of the environment. */
  readonly settings: EnvironmentSettings;
}

/**
 * The long-lived, account-wide audit layer: the audit log bucket and trail, the account
 * baseline, the security alarms with the incident topic, and the auditor role. It depends on
 * no other stack of the environment, and it is termination-protected.
 */
export class AuditStack extends Stack {
  /** The incident contact's e-mail address (a parameter when the props gave none). */
  public readonly incidentContact: string;
  /** The auditor role: read-only access to logs and archive metadata. */
  public readonly auditor: AuditorRole;

  public constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: audit trail, account baseline, security alarms',
      terminationProtection: true,
      ...props,
    });
    this.incidentContact =
      props.settings.incidentContact ??
      new CfnParameter(this, 'IncidentContactEmail', {
        type: 'String',
        description: 'E-mail of the Incident Management Point of Contact (DPP-25-IMPOC)',
        allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        constraintDescription: 'must be an e-mail address',
      }).valueAsString;
    this.auditor = new AuditorRole(this, 'Auditor');
  }
}
