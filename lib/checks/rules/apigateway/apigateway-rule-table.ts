import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { apiGatewayAccessLogs } from './api-gateway-access-logs';
import { apiGatewayTls } from './api-gateway-tls';
import { apiGatewayWaf } from './api-gateway-waf';

const { ERROR } = NagMessageLevel;

/** The API Gateway rules. */
export const APIGATEWAY_RULES: readonly DppRule[] = [
  {
    id: 'ApiGatewayTls',
    level: ERROR,
    waivable: false,
    resourceTypes: [
      'AWS::ApiGateway::DomainName',
      'AWS::ApiGateway::DomainNameV2',
      'AWS::ApiGatewayV2::DomainName',
    ],
    clauses: ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6'],
    summary: 'The API custom domain does not set a TLS 1.2+ security policy',
    causes: {
      SecurityPolicyUnset: 'The custom domain sets no security policy',
      OldTlsPolicy: 'The security policy of the custom domain accepts TLS older than 1.2',
    },
    explanation: 'Amazon data travels over TLS 1.2 or newer.',
    fix: 'set `securityPolicy: SecurityPolicy.TLS_1_2` (or a TLS 1.3 policy), or use TlsRestApi.',
    check: apiGatewayTls,
  },
  {
    id: 'ApiGatewayAccessLogs',
    level: ERROR,
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
    clauses: ['DPP-LM-2'],
    summary: 'The API stage writes no access logs',
    causes: {
      NoAccessLogs: 'The stage has no access log destination',
    },
    explanation: 'Every channel to Amazon data is logged.',
    fix: 'set `deployOptions.accessLogDestination` to a log group (PiiFreeLogGroup), or use TlsRestApi.',
    check: apiGatewayAccessLogs,
  },
  {
    id: 'ApiGatewayWaf',
    level: ERROR,
    resourceTypes: ['AWS::ApiGateway::Stage'],
    clauses: ['DPP-NP-1'],
    summary: 'The stage of a public REST API has no AWS WAF web ACL',
    causes: {
      PublicWithoutWaf:
        'The stage of a REST API that is not private has no WAF web ACL association',
    },
    explanation: 'An internet-facing endpoint admits only allow-listed addresses.',
    fix:
      'make the API private, or associate a WAF web ACL with an IP allow-list with the stage ' +
      '(TlsRestApi does).',
    check: apiGatewayWaf,
  },
];
