import { RemovalPolicy, Tags, aws_iam as iam, aws_ssm as ssm } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATA_CLASS_TAG, DataClass } from '../../constructs/common/data-class';
import { DppMetadata } from '../../constructs/common/dpp-metadata';
import { ManagedPolicyRole } from '../../constructs/common/managed-policy-role';
import { accountPrincipalWithMfa } from './principals';

/** The values the kill switch takes. */
export enum KillSwitchState {
  /** The application serves requests, PII included. */
  RUNNING = 'running',
  /** The application stops vending PII at once. */
  STOPPED = 'stopped',
}

/** Actions that change an SSM parameter. Only the operator role is granted them. */
export const PARAMETER_CHANGE_ACTIONS: readonly string[] = [
  'ssm:PutParameter',
  'ssm:DeleteParameter',
  'ssm:LabelParameterVersion',
  'ssm:UnlabelParameterVersion',
];

/**
 * Props of a `KillSwitch`.
 */
export interface KillSwitchProps {
  /**
   * What the switch stops.
   * @default 'Stops the application from vending PII (cdk-dpp kill switch)'
   */
  readonly description?: string;
}

/**
 * An operator's kill switch (DPP-LP-1): an SSM parameter that the application reads and that
 * only the operator role may change. The operator role is assumed with MFA, has no access to
 * any data, and may change nothing but the switch.
 */
export class KillSwitch extends Construct {
  /** The parameter; its value is a `KillSwitchState`. */
  public readonly parameter: ssm.StringParameter;
  /** The only role allowed to change the parameter. */
  public readonly operatorRole: ManagedPolicyRole;

  public constructor(scope: Construct, id: string, props: KillSwitchProps = {}) {
    super(scope, id);
    const states = Object.values(KillSwitchState).join('|');
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      description:
        props.description ?? 'Stops the application from vending PII (cdk-dpp kill switch)',
      stringValue: KillSwitchState.RUNNING,
      allowedPattern: `^(${states})$`,
      tier: ssm.ParameterTier.STANDARD,
    });
    // The allowed pattern admits only the two states: the parameter cannot hold Amazon data.
    // Like every classified resource it outlives its stack, so a stopped switch stays stopped.
    Tags.of(this.parameter).add(DATA_CLASS_TAG, DataClass.NO_AMAZON_DATA);
    this.parameter.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.operatorRole = new ManagedPolicyRole(this, 'OperatorRole', {
      assumedBy: accountPrincipalWithMfa(),
      description: 'Operator: reads and flips the kill switch; no access to data (DPP-LP-1)',
    });
    this.parameter.grantRead(this.operatorRole);
    this.operatorRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ChangeKillSwitch',
        actions: [...PARAMETER_CHANGE_ACTIONS],
        resources: [this.parameter.parameterArn],
      }),
    );
    DppMetadata.of(this.parameter.node.defaultChild as ssm.CfnParameter).implementsControls(
      'KillSwitch',
      ['DPP-LP-1'],
    );
  }

  /** Lets a role read the switch (the application, to honour it). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.parameter.grantRead(grantee);
  }
}
