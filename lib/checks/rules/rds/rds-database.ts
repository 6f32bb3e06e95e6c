import { CfnResource } from 'aws-cdk-lib';
import { isDataStore } from '../../data-stores';

/** The RDS types that are databases: instances and clusters. */
export const DATABASE_TYPES: readonly string[] = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'];

/**
 * Whether a resource is an RDS or Aurora database judged on its own: a DB cluster, or a DB
 * instance outside any cluster (the members of an Aurora cluster are judged through it).
 */
export function isDatabase(node: CfnResource): boolean {
  return node.cfnResourceType.startsWith('AWS::RDS::DB') && isDataStore(node);
}
