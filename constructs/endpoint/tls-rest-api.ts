import { aws_apigateway as apigw, aws_certificatemanager as acm } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeBuiltIn } from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import { IpAllowListWebAcl } from './ip-allow-list-web-acl';

const CLAUSES = ['DPP-NP-1', 'DPP-NP-7', 'DPP-NP-9', 'DPP-25-TLS', 'DPP-LM-2', 'SOC-R6'];

/** API Gateway security policies that accept TLS older than 1.2. */
const OLD_TLS_POLICIES: readonly apigw.SecurityPolicy[] = [apigw.SecurityPolicy.TLS_1_0];

/** The prefix of API Gateway's enhanced security policies, which need an endpoint access mode. */
const ENHANCED_POLICY_PREFIX = 'SecurityPolicy_';

/**
 * Props of a `TlsRestApi`.
 */
export interface TlsRestApiProps {
  /** The custom domain of the API, the only way to reach it. */
  readonly domainName: string;
  /** The regional certificate of the custom domain. */
  readonly certificate: acm.ICertificate;
  /**
   * The client addresses admitted by the AWS WAF IP allow-list; at least one, never
   * `0.0.0.0/0` or `::/0` (DPP-NP-1).
   */
  readonly allowedCidrs: string[];
  /**
   * The TLS security policy of the custom domain; TLS 1.2 or newer (DPP-25-TLS).
   * @default apigw.SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigw.SecurityPolicy;
  /**
   * The key that encrypts the access logs and the WAF logs.
   * @default - a new `PiiKey`
   */
  readonly logKey?: PiiKey;
  /**
   * The name of the stage.
   * @default 'prod'
   */
  readonly stageName?: string;
}

/**
 * An API Gateway REST API reachable only over TLS 1.2+ through its custom domain: regional
 * endpoint, the default `execute-api` endpoint disabled, a TLS 1.2 security policy (DPP-NP-7,
 * DPP-25-TLS), an AWS WAF web ACL on the stage that admits only the allow-listed CIDRs
 * (DPP-NP-1), access logs in a `PiiFreeLogGroup` (DPP-LM-2, DPP-LM-4), X-Ray tracing, a
 * client certificate backends can verify, and a request validator. Add resources and methods on `api.root`.
 *
 * Prerequisite: the account's API Gateway CloudWatch Logs role is set once per account and
 * region, as API Gateway requires for access logs.
 */
export class TlsRestApi extends Construct {
  /** The REST API. */
  public readonly api: apigw.RestApi;
  /** The log group of the access logs. */
  public readonly accessLogs: PiiFreeLogGroup;
  /** The web ACL in front of the stage. */
  public readonly webAcl: IpAllowListWebAcl;

  public constructor(scope: Construct, id: string, props: TlsRestApiProps) {
    super(scope, id);
    const securityPolicy = props.securityPolicy ?? apigw.SecurityPolicy.TLS_1_2;
    const problems = new Problems(this);
    problems.check(
      !OLD_TLS_POLICIES.includes(securityPolicy),
      'securityPolicy',
      'must accept TLS 1.2 or newer only; use SecurityPolicy.TLS_1_2 or a TLS 1.3 policy',
      ['DPP-NP-7', 'DPP-25-TLS'],
      securityPolicy,
    );
    problems.throwIfAny();

    const logKey =
      props.logKey ?? new PiiKey(this, 'LogKey', { description: 'Encrypts API logs (cdk-dpp)' });
    this.accessLogs = new PiiFreeLogGroup(this, 'AccessLogs', { encryptionKey: logKey });

    this.api = new apigw.RestApi(this, 'Api', {
      description: 'TLS-only REST API (cdk-dpp)',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      disableExecuteApiEndpoint: true,
      cloudWatchRole: false,
      domainName: {
        domainName: props.domainName,
        certificate: props.certificate,
        endpointType: apigw.EndpointType.REGIONAL,
        securityPolicy,
        // Enhanced (TLS 1.3) policies also need an access mode: strict refuses other clients.
        endpointAccessMode: securityPolicy.startsWith(ENHANCED_POLICY_PREFIX)
          ? apigw.EndpointAccessMode.STRICT
          : undefined,
      },
      deployOptions: {
        stageName: props.stageName ?? 'prod',
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        tracingEnabled: true,
        dataTraceEnabled: false,
      },
    });
    this.api.addRequestValidator('ValidateRequests', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    DppMetadata.of(this.api.node.defaultChild as apigw.CfnRestApi).implementsControls(
      'TlsRestApi',
      CLAUSES,
    );

    this.webAcl = new IpAllowListWebAcl(this, 'Waf', {
      allowedCidrs: props.allowedCidrs,
      logKey,
    });
    this.webAcl.associate(this.api.deploymentStage.stageArn);

    // Backends can verify with this certificate that a request comes through the stage.
    const clientCertificate = new apigw.CfnClientCertificate(this, 'ClientCertificate', {
      description: 'Proves to backends that requests come through the TLS REST API (cdk-dpp)',
    });
    (this.api.deploymentStage.node.defaultChild as apigw.CfnStage).clientCertificateId =
      clientCertificate.ref;
    this.acknowledgeStageRules(this.api.deploymentStage);
  }

  private acknowledgeStageRules(stage: apigw.Stage): void {
    const executionLogs =
      'API Gateway writes execution logs to a log group it creates itself, without KMS ' +
      'encryption, retention or PII masking (DPP-LM-3, DPP-LM-4, DPP-LM-5); every request is ' +
      'recorded instead in the access logs, a KMS-encrypted PiiFreeLogGroup kept 13 months.';
    const cache =
      'Responses carry PII; a response cache would keep copies outside the stores, beyond ' +
      'their retention and erasure (DPP-DR-1, DPP-DG-4).';
    const reasons: [string, string][] = [
      ['AwsSolutions-APIG6', executionLogs],
      ['NIST.800.53.R5-APIGWExecutionLoggingEnabled', executionLogs],
      ['HIPAA.Security-APIGWExecutionLoggingEnabled', executionLogs],
      ['PCI.DSS.321-APIGWExecutionLoggingEnabled', executionLogs],
      ['NIST.800.53.R5-APIGWCacheEnabledAndEncrypted', cache],
      ['HIPAA.Security-APIGWCacheEnabledAndEncrypted', cache],
      ['PCI.DSS.321-APIGWCacheEnabledAndEncrypted', cache],
    ];
    for (const [id, reason] of reasons) acknowledgeBuiltIn(stage, 'TlsRestApi', { id, reason });
  }
}
