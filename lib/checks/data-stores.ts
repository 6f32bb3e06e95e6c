import { CfnResource } from 'aws-cdk-lib';
import { DataClass, DATA_CLASS_VALUES } from '../../constructs/common/data-class';
import {
  AMAZON_DATA_MAX_RETENTION,
  PII_MAX_RETENTION,
} from '../../constructs/common/retention-limits';
import { dataClassOf, propertiesOf } from './resolve';

/**
 * The CloudFormation types that hold data and must therefore declare their data class with the
 * `dpp:data-class` tag: buckets, tables, databases, caches, queues, streams, file systems,
 * search domains, archive vaults, Kafka clusters and message brokers.
 */
export const DATA_STORE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ServerlessCache',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::EFS::FileSystem',
  'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain',
  'AWS::Glacier::Vault',
  'AWS::MSK::Cluster',
  'AWS::MSK::ServerlessCluster',
  'AWS::AmazonMQ::Broker',
  'AWS::FSx::FileSystem',
  'AWS::KinesisVideo::Stream',
  'AWS::S3Express::DirectoryBucket',
  'AWS::S3Tables::TableBucket',
  'AWS::OpenSearchServerless::Collection',
];

/**
 * Whether a resource is a data store in its own right. A database instance of an Aurora cluster
 * and a cache node of a replication group are judged through their cluster or group.
 */
export function isDataStore(node: CfnResource): boolean {
  if (!DATA_STORE_TYPES.includes(node.cfnResourceType)) return false;
  const properties = propertiesOf(node);
  if (node.cfnResourceType === 'AWS::RDS::DBInstance') {
    return properties.DBClusterIdentifier === undefined;
  }
  if (node.cfnResourceType === 'AWS::ElastiCache::CacheCluster') {
    return properties.ReplicationGroupId === undefined;
  }
  return true;
}

/** Whether a string is one of the data classes. */
export function isDataClass(value: string | undefined): value is DataClass {
  return value !== undefined && DATA_CLASS_VALUES.includes(value);
}

/** The declared data class of a data store, undefined when missing or not a known class. */
export function storeClass(node: CfnResource): DataClass | undefined {
  const value = dataClassOf(node);
  return isDataClass(value) ? value : undefined;
}

/**
 * Whether the store may hold Amazon data and so needs encryption, versioning and retention on
 * delete: every class but `no-amazon-data`. An unclassified store is treated as holding it.
 */
export function mayHoldAmazonData(node: CfnResource): boolean {
  return isDataStore(node) && storeClass(node) !== DataClass.NO_AMAZON_DATA;
}

/** Whether a data store is declared `pii`. */
export function isPiiStore(node: CfnResource): boolean {
  return isDataStore(node) && storeClass(node) === DataClass.PII;
}

/** The longest a class may keep a record, in days, when the class has a limit. */
export function maxRetentionDays(dataClass: DataClass | undefined): number | undefined {
  if (dataClass === DataClass.PII) return PII_MAX_RETENTION.toDays();
  if (dataClass === DataClass.AMAZON_DATA) return AMAZON_DATA_MAX_RETENTION.toDays();
  return undefined;
}
