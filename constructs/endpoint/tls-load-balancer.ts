import {
  Aws,
  CfnCondition,
  CfnMapping,
  Fn,
  ICfnConditionExpression,
  Stack,
  Token,
  aws_certificatemanager as acm,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
  aws_iam as iam,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { FactName, RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { judgePolicy } from '../../lib/checks/rules/elbv2/elb-security-policies';
import { DppMetadata } from '../common/dpp-metadata';
import { OptOut } from '../common/opt-out';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { isPrivateCidr } from '../network/cidr';
import { DenyAllSecurityGroup, HTTPS_PORT } from '../network/deny-all-security-group';
import { ServerAccessLogsBucket } from '../storage/server-access-logs-bucket';
import { IpAllowListWebAcl } from './ip-allow-list-web-acl';

const CLAUSES = ['DPP-NP-1', 'DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'DPP-LM-2', 'SOC-R6'];

/** The prefix of the load balancer's access logs in the log bucket. */
const ACCESS_LOG_PREFIX = 'tls-load-balancer';

/**
 * Props of a `TlsLoadBalancer`.
 */
export interface TlsLoadBalancerProps {
  /** The VPC of the load balancer. */
  readonly vpc: ec2.IVpc;
  /** The certificate of the HTTPS listener. */
  readonly certificate: acm.ICertificate;
  /**
   * The client addresses admitted, as CIDRs: through the security group (port 443 only) and
   * the AWS WAF IP allow-list. Private CIDRs only, unless `internetFacing` is set; never
   * `0.0.0.0/0` or `::/0` (DPP-NP-1).
   */
  readonly allowedCidrs: string[];
  /**
   * Makes the load balancer internet-facing, which admits the public CIDRs of `allowedCidrs`.
   * The reason is recorded in the template for the auditor (DPP-NP-1).
   * @default - internal: reachable only from inside the network
   */
  readonly internetFacing?: OptOut;
  /**
   * The TLS security policy of the listener; TLS 1.2 or newer only (DPP-25-TLS).
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Where access logs go. Elastic Load Balancing writes only to SSE-S3 buckets.
   * @default - a new `ServerAccessLogsBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * The key that encrypts the WAF logs.
   * @default - a new `PiiKey`
   */
  readonly logKey?: PiiKey;
  /**
   * Where the load balancer's nodes live.
   * @default - public subnets when internet-facing, private subnets otherwise
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/**
 * An Application Load Balancer that speaks HTTPS only: one listener on 443 with a TLS 1.3/1.2
 * policy and no port 80 listener at all (DPP-NP-7, DPP-NP-9, DPP-25-TLS); internal by default,
 * internet-facing only as a recorded opt-out; an AWS WAF web ACL that admits only the
 * allow-listed CIDRs, with AWS managed rule groups and PII-free encrypted logs (DPP-NP-1,
 * SOC-R2); a `DenyAllSecurityGroup` open on 443 to those CIDRs only; access logs, invalid
 * header fields dropped, strictest desync mitigation, deletion protection (DPP-LM-2, SOC-C5).
 *
 * Add targets with `listener.addTargets(...)` on a TLS port; the security group refuses
 * plaintext ports to targets too.
 */
export class TlsLoadBalancer extends Construct {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTPS listener; its default action answers 404 until targets are added. */
  public readonly listener: elbv2.ApplicationListener;
  /** The security group of the load balancer. */
  public readonly securityGroup: DenyAllSecurityGroup;
  /** The web ACL in front of the load balancer. */
  public readonly webAcl: IpAllowListWebAcl;

  public constructor(scope: Construct, id: string, props: TlsLoadBalancerProps) {
    super(scope, id);
    const sslPolicy = props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS;
    validate(this, props, sslPolicy);

    this.securityGroup = new DenyAllSecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'TLS load balancer (cdk-dpp): HTTPS from allow-listed CIDRs only',
    });
    for (const cidr of props.allowedCidrs) {
      if (props.internetFacing && !Token.isUnresolved(cidr) && !isPrivateCidr(cidr)) {
        this.securityGroup.allowTlsFromPublicCidr(cidr, HTTPS_PORT, props.internetFacing);
      } else {
        this.securityGroup.allowTlsFromCidr(cidr, HTTPS_PORT);
      }
    }

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      internetFacing: props.internetFacing !== undefined,
      securityGroup: this.securityGroup,
      deletionProtection: true,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
    });
    const cfn = this.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer;
    const metadata = DppMetadata.of(cfn).implementsControls('TlsLoadBalancer', CLAUSES);
    if (props.internetFacing) {
      metadata.addOptOut({
        setting: 'internetFacing',
        clauses: ['DPP-NP-1'],
        reason: props.internetFacing.reason,
      });
    }
    this.logAccess(props.accessLogsBucket ?? new ServerAccessLogsBucket(this, 'AccessLogs'));

    this.listener = this.loadBalancer.addListener('Https', {
      protocol: elbv2.ApplicationProtocol.HTTPS,
      port: HTTPS_PORT,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      sslPolicy,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });

    this.webAcl = new IpAllowListWebAcl(this, 'Waf', {
      allowedCidrs: props.allowedCidrs,
      logKey: props.logKey,
    });
    this.webAcl.associate(this.loadBalancer.loadBalancerArn);
  }

  /**
   * Turns on access logs to `bucket`, with a bucket policy that works in every region of an
   * environment-agnostic stack: the log delivery service principal may write under this
   * account's prefix, and so may the Elastic Load Balancing account of the region in regions
   * opened before August 2022 (from a mapping, behind a condition so newer regions skip it).
   */
  private logAccess(bucket: s3.IBucket): void {
    const stack = Stack.of(this);
    this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    this.loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
    this.loadBalancer.setAttribute('access_logs.s3.prefix', ACCESS_LOG_PREFIX);
    const objects = bucket.arnForObjects(`${ACCESS_LOG_PREFIX}/AWSLogs/${stack.account}/*`);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LoadBalancerAccessLogs',
        principals: [
          ...this.regionalElbAccount(),
          new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com'),
        ],
        actions: ['s3:PutObject'],
        resources: [objects],
      }),
    );
    const policy = bucket.policy?.node.defaultChild;
    if (policy) this.loadBalancer.node.addDependency(policy);
  }

  /** The Elastic Load Balancing account of the stack's region, where the region has one. */
  private regionalElbAccount(): iam.IPrincipal[] {
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region)) {
      const account = RegionInfo.get(stack.region).elbv2Account;
      return account ? [new iam.AccountPrincipal(account)] : [];
    }
    const accounts = RegionInfo.regionMap(FactName.ELBV2_ACCOUNT);
    const regions = Object.keys(accounts);
    const mapping = new CfnMapping(this, 'ElbAccounts', {
      mapping: Object.fromEntries(regions.map((r) => [r, { account: accounts[r] }])),
    });
    // Fn::Or takes at most 10 conditions: one per group of ten regions, then one over the groups.
    const groups: ICfnConditionExpression[] = [];
    for (let i = 0; i < regions.length; i += 10) {
      const equals = regions.slice(i, i + 10).map((r) => Fn.conditionEquals(Aws.REGION, r));
      groups.push(equals.length === 1 ? equals[0] : Fn.conditionOr(...equals));
    }
    const inMapping = new CfnCondition(this, 'RegionHasElbAccount', {
      expression: groups.length === 1 ? groups[0] : Fn.conditionOr(...groups),
    });
    const arn = `arn:${Aws.PARTITION}:iam::${mapping.findInMap(Aws.REGION, 'account')}:root`;
    return [
      new iam.ArnPrincipal(Token.asString(Fn.conditionIf(inMapping.logicalId, arn, Aws.NO_VALUE))),
    ];
  }
}

function validate(scope: Construct, props: TlsLoadBalancerProps, sslPolicy: elbv2.SslPolicy): void {
  const problems = new Problems(scope);
  problems.check(
    judgePolicy(sslPolicy) === 'tls12',
    'sslPolicy',
    'must accept TLS 1.2 or newer only; use SslPolicy.RECOMMENDED_TLS',
    ['DPP-NP-7', 'DPP-25-TLS'],
    sslPolicy,
  );
  problems.optOutReason('internetFacing', props.internetFacing, ['DPP-NP-1']);
  if (!props.internetFacing) {
    for (const cidr of props.allowedCidrs) {
      if (Token.isUnresolved(cidr)) continue;
      problems.check(
        isPrivateCidr(cidr),
        'allowedCidrs',
        'must hold private CIDRs for an internal load balancer; set `internetFacing` with a reason to admit public ones',
        ['DPP-NP-1'],
        cidr,
      );
    }
  }
  problems.throwIfAny();
}
