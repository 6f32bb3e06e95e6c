import {
  Stack,
  Validations,
  aws_apigateway as apigw,
  aws_certificatemanager as acm,
  aws_kms as kms,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TlsRestApi, TlsRestApiProps } from '../../../constructs/endpoint/tls-rest-api';
import { allPacks, findings, testStack } from '../../helpers';

const CERT_ARN =
  'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';

/** A REST API with one method, which API Gateway needs before it deploys a stage. */
function restApi(props: Partial<TlsRestApiProps> = {}, stack: Stack = testStack()) {
  const api = new TlsRestApi(stack, 'Orders', {
    domainName: 'orders.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    allowedCidrs: ['203.0.113.0/24'],
    ...props,
  });
  const method = api.api.root.addMethod('GET', new apigw.MockIntegration(), {
    authorizationType: apigw.AuthorizationType.IAM,
  });
  Validations.of(method).acknowledge({
    id: 'AwsSolutions-COG4',
    reason: 'The test method is authorized with IAM (SigV4) for service-to-service calls.',
  });
  return { stack, api, template: Template.fromStack(stack) };
}

describe('TlsRestApi', () => {
  test('has zero findings from every pack', () => {
    const { stack } = restApi();
    expect(findings(stack, allPacks())).toEqual([]);
  });

  test('is regional, with the default execute-api endpoint disabled', () => {
    const { template } = restApi();
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
      DisableExecuteApiEndpoint: true,
    });
  });

  test('the custom domain uses the TLS 1.2 security policy and the certificate', () => {
    const { template } = restApi();
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'orders.example.com',
      SecurityPolicy: 'TLS_1_2',
      RegionalCertificateArn: CERT_ARN,
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  test('a TLS 1.3 security policy passed in is used', () => {
    const { template } = restApi({ securityPolicy: apigw.SecurityPolicy.TLS13_1_3_2025_09 });
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
      EndpointAccessMode: 'STRICT',
    });
  });

  test('the stage writes access logs to the PII-free log group, traces, and has a client certificate', () => {
    const { template, stack, api } = restApi();
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: stack.resolve(api.accessLogs.logGroupArn) },
      TracingEnabled: true,
      ClientCertificateId: { Ref: Match.stringLikeRegexp('ClientCertificate') },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 400,
      KmsKeyId: stack.resolve((api.node.findChild('LogKey') as kms.IKey).keyArn),
      DataProtectionPolicy: Match.objectLike({ Name: 'cdk-dpp-mask-pii' }),
    });
  });

  test('the WAF web ACL blocks by default, admits the IP set and guards the stage', () => {
    const { template, stack, api } = restApi();
    template.hasResourceProperties('AWS::WAFv2::IPSet', { Addresses: ['203.0.113.0/24'] });
    template.hasResourceProperties('AWS::WAFv2::WebACL', { DefaultAction: { Block: {} } });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: stack.resolve(api.api.deploymentStage.stageArn),
    });
  });

  test('requests are validated', () => {
    const { template } = restApi();
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  test('the TLS 1.0 security policy throws with DPP-25-TLS', () => {
    expect(() => restApi({ securityPolicy: apigw.SecurityPolicy.TLS_1_0 })).toThrow(
      '`securityPolicy` must accept TLS 1.2 or newer only; use SecurityPolicy.TLS_1_2 or a TLS 1.3 policy (DPP-NP-7, DPP-25-TLS), got: TLS_1_0',
    );
  });

  test.each(['0.0.0.0/0', '::/0', 'anywhere'])('an allow-list with %s throws', (cidr) => {
    expect(() => restApi({ allowedCidrs: [cidr] })).toThrow(
      `\`allowedCidrs\` must hold bounded CIDRs only, never 0.0.0.0/0 or ::/0 nor more public addresses than an IPv4 /8 or an IPv6 /16 (DPP-NP-1), got: ${cidr}`,
    );
  });
});
