import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { checkStoreTls } from '../datastores/store-tls';
import { isDatabase } from './rds-database';

/**
 * Compliant when a database refuses plaintext connections and TLS older than 1.2, through its
 * parameter group (the cluster parameter group for a cluster) and, for Oracle, its option group,
 * engine by engine: `rds.force_ssl` and `ssl_min_protocol_version` (PostgreSQL; forced by
 * default from RDS for PostgreSQL 15), `require_secure_transport` and `tls_version` (MySQL,
 * MariaDB, Aurora MySQL), `rds.force_ssl` with `rds.tls10`/`rds.tls11` disabled (SQL Server),
 * the SSL option with `SQLNET.SSL_VERSION` 1.2 (Oracle), `DB2COMM` = `SSL` (Db2). A group that
 * weakens a parameter explicitly is reported on the group (ParameterGroupTls).
 */
export function rdsTlsEnforced(node: CfnResource): NagRuleResult {
  if (!isDatabase(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const cluster = node.cfnResourceType === 'AWS::RDS::DBCluster';
  const groups = cluster
    ? ['DBClusterParameterGroupName']
    : ['DBParameterGroupName', 'OptionGroupName'];
  const findings = new Findings(node);
  // The engine decides which parameters and defaults apply.
  const engine = propertiesOf(node).Engine;
  if (findings.cannotJudge(engine)) return findings.add('Unresolved::Engine').result();
  checkStoreTls(node, findings, groups);
  return findings.result();
}
