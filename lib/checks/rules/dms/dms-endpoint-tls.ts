import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** The database engines whose DMS endpoints speak TLS only when `SslMode` asks for it. */
const DATABASE_ENGINES = [
  'mysql',
  'mariadb',
  'aurora',
  'aurora-postgresql',
  'postgres',
  'oracle',
  'sqlserver',
  'sybase',
  'mongodb',
  'docdb',
  'db2',
  'db2-zos',
];

/** Kafka security protocols that encrypt the connection. */
const KAFKA_TLS = ['ssl-encryption', 'ssl-authentication', 'sasl-ssl'];

/**
 * Compliant when a DMS endpoint that may carry Amazon data connects over TLS: a database endpoint
 * with an `SslMode` other than `none` (the default), a Kafka endpoint with an SSL security
 * protocol (without one it is plaintext). Endpoints of AWS APIs (S3, Kinesis, DynamoDB) use HTTPS.
 */
export function dmsEndpointTls(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DMS::Endpoint' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = propertiesOf(node);
  const findings = new Findings(node);
  if (findings.cannotJudge(properties.EngineName)) return ['Unresolved::EngineName'];
  const engine = String(properties.EngineName).toLowerCase();
  if (DATABASE_ENGINES.includes(engine)) {
    findings.check(properties.SslMode ?? 'none', 'SslMode', (mode) => mode !== 'none', 'NoTls');
  } else if (engine === 'kafka') {
    findings.check(
      objectOf(properties.KafkaSettings).SecurityProtocol ?? 'plaintext',
      'SecurityProtocol',
      (protocol) => KAFKA_TLS.includes(String(protocol)),
      'NoTls',
    );
  }
  return findings.result();
}
