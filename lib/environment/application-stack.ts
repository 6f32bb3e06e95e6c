import { CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../../constructs/storage/data-store';
import {
  FUNCTION_SUBNETS_FROM_DATA_STACK,
  SYNCHRONOUS_INVOCATION_WITHOUT_DLQ,
  acknowledge,
} from './acknowledgements';
import { DataStack } from './data-stack';
import { EnvironmentSettings } from './dpp-environment-props';
import { OrderService } from './order-service';

/**
 * Props of the `ApplicationStack`.
 */
export interface ApplicationStackProps extends StackProps {
  /** The validated settings of the environment. */
  readonly settings: EnvironmentSettings;
  /** The data stack: network, key, stores, kill switch and the application role. */
  readonly data: DataStack;
}

/**
 * The replaceable application: the TLS-only endpoint and the sample order service behind it,
 * running as the application role of the data stack. It holds no data and no logs, so deleting
 * and redeploying it loses nothing.
 */
export class ApplicationStack extends Stack {
  /** The ARN of the endpoint's certificate (a parameter when the props gave none). */
  public readonly certificateArn: string;
  /** The sample order service. */
  public readonly orderService: OrderService;

  public constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: TLS-only endpoint and the sample order service',
      ...props,
    });
    this.addStackDependency(props.data);
    const { data } = props;
    this.certificateArn =
      props.settings.certificateArn ??
      new CfnParameter(this, 'CertificateArn', {
        type: 'String',
        description: 'ARN of the ACM certificate of the application endpoint (DPP-NP-7)',
        allowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[\\w-]+$',
        constraintDescription: 'must be the ARN of an ACM certificate',
      }).valueAsString;

    this.orderService = new OrderService(this, 'OrderService', {
      vpc: data.vpc,
      role: data.applicationRole.withoutPolicyUpdates(),
      logGroup: data.serviceLogs,
      killSwitch: data.killSwitch,
    });
    acknowledgeInCompliancePacks(
      this.orderService.function,
      'LambdaDLQ',
      SYNCHRONOUS_INVOCATION_WITHOUT_DLQ.reason,
      ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    );
    acknowledge(this.orderService.function, FUNCTION_SUBNETS_FROM_DATA_STACK);
  }
}
