import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** Compliant when an API stage (REST, HTTP or WebSocket) writes access logs. */
export function apiGatewayAccessLogs(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::ApiGateway::Stage' && type !== 'AWS::ApiGatewayV2::Stage') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const settings =
    type === 'AWS::ApiGateway::Stage' ? properties.AccessLogSetting : properties.AccessLogSettings;
  return new Findings(node)
    .unless(objectOf(settings).DestinationArn !== undefined, 'NoAccessLogs')
    .result();
}
