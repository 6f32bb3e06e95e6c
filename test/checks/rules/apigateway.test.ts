import {
  Stack,
  aws_apigateway as apigateway,
  aws_apigatewayv2 as apigatewayv2,
  aws_certificatemanager as acm,
  aws_logs as logs,
  aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

function restApi(stack: Stack, props: apigateway.RestApiProps = {}) {
  const api = new apigateway.RestApi(stack, 'Api', props);
  api.root.addMethod('GET', new apigateway.MockIntegration());
  return api;
}

const certificate = (stack: Stack) =>
  acm.Certificate.fromCertificateArn(
    stack,
    'Cert',
    'arn:aws:acm:eu-west-1:111122223333:certificate/1',
  );

describe('ApiGatewayTls', () => {
  const ID = 'ApiGatewayTls';

  test('an L2 domain with the TLS 1.0 policy is flagged', () => {
    const stack = testStack();
    new apigateway.DomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      certificate: certificate(stack),
      securityPolicy: apigateway.SecurityPolicy.TLS_1_0,
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[OldTlsPolicy]`]);
  });

  test('an L1 HTTP API domain without a policy is flagged', () => {
    const stack = testStack();
    new apigatewayv2.CfnDomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      domainNameConfigurations: [{ certificateArn: 'arn:cert' }],
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[SecurityPolicyUnset]`]);
  });

  test('TLS 1.2 complies', () => {
    const stack = testStack();
    new apigateway.DomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      certificate: certificate(stack),
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('an unresolved policy is reported', () => {
    const stack = testStack();
    new apigateway.CfnDomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      securityPolicy: unresolvedString(stack),
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::SecurityPolicy]`]);
  });
});

describe('ApiGatewayAccessLogs', () => {
  const ID = 'ApiGatewayAccessLogs';

  test('an L2 REST API stage without access logs is flagged', () => {
    const stack = testStack();
    restApi(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('an L1 HTTP API stage without access logs is flagged', () => {
    const stack = testStack();
    new apigatewayv2.CfnStage(stack, 'Stage', { apiId: 'a', stageName: 'prod' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoAccessLogs]`]);
  });

  test('a stage with access logs complies', () => {
    const stack = testStack();
    restApi(stack, {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(
          new logs.LogGroup(stack, 'Logs'),
        ),
      },
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });
});

describe('ApiGatewayWaf', () => {
  const ID = 'ApiGatewayWaf';

  test('an L2 regional REST API without WAF is flagged', () => {
    const stack = testStack();
    restApi(stack);
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicWithoutWaf]`]);
  });

  test('an L1 stage of a public API without WAF is flagged', () => {
    const stack = testStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnStage(stack, 'Stage', { restApiId: api.ref, stageName: 'prod' });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[PublicWithoutWaf]`]);
  });

  test('a private API, or a stage behind WAF, complies', () => {
    const stack = testStack();
    const api = restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Waf', {
      resourceArn: api.deploymentStage.stageArn,
      webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/allow-list/1',
    });
    const privateApi = new apigateway.CfnRestApi(stack, 'Private', {
      name: 'private',
      endpointConfiguration: { types: ['PRIVATE'] },
    });
    new apigateway.CfnStage(stack, 'PrivateStage', {
      restApiId: privateApi.ref,
      stageName: 'prod',
    });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('a stage of an API the rule cannot resolve is reported', () => {
    const stack = testStack();
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: unresolvedString(stack),
      stageName: 'prod',
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::RestApiId]`]);
  });
});
