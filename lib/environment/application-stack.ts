import {
  CfnParameter,
  CfnResource,
  Stack,
  StackProps,
  aws_certificatemanager as acm,
  aws_elasticloadbalancingv2 as elbv2,
  aws_elasticloadbalancingv2_targets as targets,
  aws_lambda as lambda,
  aws_route53 as route53,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../../constructs/common/dpp-metadata';
import { libraryOptOut } from '../../constructs/common/opt-out';
import { TlsLoadBalancer } from '../../constructs/endpoint/tls-load-balancer';
import {
  ACCESS_LOG_TARGET_RESTRICTIONS,
  FUNCTION_SUBNETS_FROM_DATA_STACK,
  LOAD_BALANCER_INVOKE_PERMISSION,
  SYNCHRONOUS_INVOCATION_DLQ,
  acknowledge,
} from './acknowledgements';
import { DataStack } from './data-stack';
import { DOMAIN_NAME_PATTERN, EnvironmentSettings } from './dpp-environment-props';
import { OrderService } from './order-service';

/** Why the endpoint faces the internet when the deployment lists public CIDRs. */
export const PUBLIC_ENDPOINT_REASON =
  'Sellers and Amazon notifications reach the order service from the allow-listed public CIDRs ' +
  'only, enforced by the WAF IP set and the security group.';

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
 * running as the application role of the data stack. It holds no Amazon data; the service logs
 * to the data stack, and the endpoint's access-log bucket, WAF log group and their key are
 * retained on delete, so deleting and redeploying it loses nothing.
 */
export class ApplicationStack extends Stack {
  /** The endpoint's certificate. */
  public readonly certificate: acm.ICertificate;
  /** The sample order service. */
  public readonly orderService: OrderService;
  /** The HTTPS-only load balancer in front of the service. */
  public readonly endpoint: TlsLoadBalancer;

  public constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id, {
      description: 'cdk-dpp reference environment: TLS-only endpoint and the sample order service',
      ...props,
    });
    this.addStackDependency(props.data);
    const { data } = props;
    this.certificate = this.endpointCertificate(props.settings);

    this.orderService = new OrderService(this, 'OrderService', {
      vpc: data.vpc,
      role: data.applicationRole.withoutPolicyUpdates(),
      logGroup: data.serviceLogs,
      killSwitch: data.killSwitch,
      orders: data.orders,
      orderDocuments: data.orderDocuments,
      fieldEncryptionKey: data.piiKey,
    });
    acknowledge(
      this.orderService.function,
      ...SYNCHRONOUS_INVOCATION_DLQ,
      FUNCTION_SUBNETS_FROM_DATA_STACK,
    );

    const internetFacing = props.settings.allowedCidrs.length > 0;
    this.endpoint = new TlsLoadBalancer(this, 'Endpoint', {
      vpc: data.vpc,
      certificate: this.certificate,
      allowedCidrs: internetFacing ? props.settings.allowedCidrs : [data.vpc.cidr],
      internetFacing: internetFacing ? libraryOptOut(PUBLIC_ENDPOINT_REASON) : undefined,
      vpcSubnets: internetFacing ? undefined : data.vpc.dataSubnets,
    });
    this.endpoint.listener.addTargets('OrderService', {
      priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/orders', '/orders/*'])],
      targets: [new targets.LambdaTarget(this.orderService.function)],
    });
    acknowledge(this.endpoint.node.findChild('AccessLogs'), ...ACCESS_LOG_TARGET_RESTRICTIONS);
    if (props.settings.withoutUserPool) {
      // recorded on the load balancer, which the people without a user pool reach
      DppMetadata.of(this.endpoint.loadBalancer.node.defaultChild as CfnResource).addOptOut({
        setting: 'withoutUserPool',
        clauses: ['DPP-NP-6', 'DPP-25-LOCK'],
        reason: props.settings.withoutUserPool.reason,
      });
    }
    this.orderService.function.node.children
      .filter((child) => child instanceof lambda.CfnPermission)
      .forEach((permission) => acknowledge(permission, LOAD_BALANCER_INVOKE_PERMISSION));
  }

  /**
   * The endpoint's certificate, from the one source the settings name: an existing certificate;
   * or a new one for `domainName`, validated through DNS (by ACM itself in the hosted zone, when
   * one is given); or, with neither, a new one for the required `DomainName` and `HostedZoneId`
   * parameters, validated through that zone. No certificate is ever requested for a domain the
   * deployment did not name, since ACM could never validate it and the deployment would wait.
   * The listener always refers to a literal ACM ARN or to this template's certificate, the two
   * shapes Control Tower's CT.ELASTICLOADBALANCING.PR.2 can judge.
   */
  private endpointCertificate(settings: EnvironmentSettings): acm.ICertificate {
    if (settings.certificateArn) {
      return acm.Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn);
    }
    if (settings.domainName) {
      const zone =
        settings.hostedZoneId && settings.hostedZoneName
          ? route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
              hostedZoneId: settings.hostedZoneId,
              zoneName: settings.hostedZoneName,
            })
          : undefined;
      return new acm.Certificate(this, 'Certificate', {
        domainName: settings.domainName,
        validation: acm.CertificateValidation.fromDns(zone),
      });
    }
    const domainName = new CfnParameter(this, 'DomainName', {
      type: 'String',
      description: 'Domain name of the endpoint, in the hosted zone HostedZoneId (DPP-NP-7)',
      allowedPattern: DOMAIN_NAME_PATTERN,
      constraintDescription: 'must be a fully qualified domain name',
    });
    const hostedZoneId = new CfnParameter(this, 'HostedZoneId', {
      type: 'AWS::Route53::HostedZone::Id',
      description:
        'Public Route 53 hosted zone of DomainName in this account, where ACM adds the validation record',
    });
    return new acm.Certificate(this, 'Certificate', {
      domainName: domainName.valueAsString,
      validation: acm.CertificateValidation.fromDns(
        route53.HostedZone.fromHostedZoneId(this, 'HostedZone', hostedZoneId.valueAsString),
      ),
    });
  }
}
