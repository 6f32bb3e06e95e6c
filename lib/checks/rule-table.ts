import { DppRule } from './dpp-rule';
import { APIGATEWAY_RULES } from './rules/apigateway/apigateway-rule-table';
import { APP_RULES } from './rules/app/app-rule-table';
import { BACKUP_RULES } from './rules/backup/backup-rule-table';
import { CLOUDFRONT_RULES } from './rules/cloudfront/cloudfront-rule-table';
import { CLOUDTRAIL_RULES } from './rules/cloudtrail/cloudtrail-rule-table';
import { DATA_RULES } from './rules/data/data-rule-table';
import { DYNAMODB_RULES } from './rules/dynamodb/dynamodb-rule-table';
import { EC2_RULES } from './rules/ec2/ec2-rule-table';
import { EFS_RULES } from './rules/efs/efs-rule-table';
import { ELASTICACHE_RULES } from './rules/elasticache/elasticache-rule-table';
import { ELB_RULES } from './rules/elb/elb-rule-table';
import { ELBV2_RULES } from './rules/elbv2/elbv2-rule-table';
import { IAM_RULES } from './rules/iam/iam-rule-table';
import { KINESIS_RULES } from './rules/kinesis/kinesis-rule-table';
import { KMS_RULES } from './rules/kms/kms-rule-table';
import { LAMBDA_RULES } from './rules/lambda/lambda-rule-table';
import { LOGS_RULES } from './rules/logs/logs-rule-table';
import { OPENSEARCH_RULES } from './rules/opensearch/opensearch-rule-table';
import { RDS_RULES } from './rules/rds/rds-rule-table';
import { S3_RULES } from './rules/s3/s3-rule-table';
import { SECRETSMANAGER_RULES } from './rules/secretsmanager/secretsmanager-rule-table';
import { SNS_RULES } from './rules/sns/sns-rule-table';
import { SQS_RULES } from './rules/sqs/sqs-rule-table';

/**
 * Every rule of the DPP pack, service by service. The pack applies them in this order; the
 * README's rules table is generated from it.
 */
export const DPP_RULES: readonly DppRule[] = [
  ...DATA_RULES,
  ...S3_RULES,
  ...DYNAMODB_RULES,
  ...RDS_RULES,
  ...ELASTICACHE_RULES,
  ...OPENSEARCH_RULES,
  ...SQS_RULES,
  ...SNS_RULES,
  ...KINESIS_RULES,
  ...EFS_RULES,
  ...LAMBDA_RULES,
  ...EC2_RULES,
  ...ELBV2_RULES,
  ...ELB_RULES,
  ...APIGATEWAY_RULES,
  ...CLOUDFRONT_RULES,
  ...KMS_RULES,
  ...IAM_RULES,
  ...SECRETSMANAGER_RULES,
  ...LOGS_RULES,
  ...CLOUDTRAIL_RULES,
  ...BACKUP_RULES,
  ...APP_RULES,
];
