import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkNoLiteralCredential, mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The passwords an endpoint's engine settings can hold, by settings property. */
const SETTINGS_PASSWORDS: readonly [settings: string, name: string][] = [
  ['KafkaSettings', 'SaslPassword'],
  ['KafkaSettings', 'SslClientKeyPassword'],
  ['MongoDbSettings', 'Password'],
  ['MicrosoftSqlServerSettings', 'Password'],
  ['GcpMySQLSettings', 'Password'],
  ['RedisSettings', 'AuthPassword'],
  ['OracleSettings', 'AsmPassword'],
  ['OracleSettings', 'SecurityDbEncryption'],
];

/**
 * Compliant when no password of a DMS endpoint (its database password, or one in its engine
 * settings: Kafka, MongoDB, SQL Server, Cloud SQL for MySQL, Redis, Oracle ASM and TDE) is
 * written into the template: the endpoint reads its credentials from Secrets Manager
 * (`SecretsManagerSecretId` in its engine settings) or a `{{resolve:secretsmanager:...}}`
 * reference.
 */
export function dmsEndpointNoLiteralPassword(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DMS::Endpoint' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  checkNoLiteralCredential(findings, properties.Password, 'Password');
  for (const [settings, name] of SETTINGS_PASSWORDS) {
    const where = name === 'Password' ? `${settings}.${name}` : name;
    checkNoLiteralCredential(findings, objectOf(properties[settings])[name], where);
  }
  return findings.result();
}
