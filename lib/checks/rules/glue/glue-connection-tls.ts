import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings, objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';

/** A connection property as Glue reads it: `true`/`false` in any case, as text or a boolean. */
function flag(value: unknown): string {
  return String(value).trim().toLowerCase();
}

/**
 * Compliant when a Glue connection reaches its data store over TLS: a JDBC connection with
 * `JDBC_ENFORCE_SSL` true (it defaults to false, which lets the driver fall back to plaintext),
 * a Kafka connection without `KAFKA_SSL_ENABLED` false.
 */
export function glueConnectionTls(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Glue::Connection' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const input = objectOf(propertiesOf(node).ConnectionInput);
  const connection = objectOf(input.ConnectionProperties);
  const findings = new Findings(node);
  if (input.ConnectionType === 'JDBC') {
    findings.check(
      connection.JDBC_ENFORCE_SSL,
      'JDBC_ENFORCE_SSL',
      (on) => flag(on) === 'true',
      'NoEnforceSsl',
    );
  } else if (input.ConnectionType === 'KAFKA') {
    findings.check(
      connection.KAFKA_SSL_ENABLED,
      'KAFKA_SSL_ENABLED',
      (on) => flag(on) !== 'false',
      'NoEnforceSsl',
    );
  } else if (findings.cannotJudge(input.ConnectionType)) {
    findings.add('Unresolved::ConnectionType');
  }
  return findings.result();
}
