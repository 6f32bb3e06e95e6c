import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, objectOf } from '../../findings';
import { propertiesOf, referencedResource } from '../../resolve';
import { isDatabase } from './rds-database';

/** Parameters that make an engine refuse connections without TLS, with the values that do. */
const TLS_PARAMETERS: Record<string, string[]> = {
  'rds.force_ssl': ['1', 'true'],
  require_secure_transport: ['1', 'on', 'true'],
};

/** RDS for PostgreSQL forces TLS by default from major version 15. */
const POSTGRES_FORCE_SSL_DEFAULT_VERSION = 15;

function forcesTls(parameters: Record<string, unknown>): boolean | undefined {
  let verdict: boolean | undefined;
  for (const [name, accepted] of Object.entries(TLS_PARAMETERS)) {
    if (parameters[name] !== undefined) {
      verdict = accepted.includes(String(parameters[name]).toLowerCase());
    }
  }
  return verdict;
}

/**
 * Compliant when the database's parameter group (the cluster parameter group for Aurora)
 * forces TLS (`rds.force_ssl` = 1 or `require_secure_transport` = ON), or the engine is
 * RDS for PostgreSQL 15 or newer and no parameter turns the default off.
 */
export function rdsTlsEnforced(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const properties = propertiesOf(node);
  const cluster = node.cfnResourceType === 'AWS::RDS::DBCluster';
  const groupProperty = cluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName';
  const group = referencedResource(node, properties[groupProperty]);
  const findings = new Findings(node);
  if (properties[groupProperty] !== undefined && !group) {
    return findings
      .check(properties[groupProperty], groupProperty, () => false, 'TlsNotForced')
      .result();
  }
  const verdict = group ? forcesTls(objectOf(propertiesOf(group).Parameters)) : undefined;
  const engine = String(properties.Engine);
  const major = Number.parseInt(String(properties.EngineVersion ?? ''), 10);
  const byDefault =
    !cluster && engine === 'postgres' && major >= POSTGRES_FORCE_SSL_DEFAULT_VERSION;
  return findings.unless(verdict ?? byDefault, 'TlsNotForced').result();
}
