import { DppRule } from './dpp-rule';
import { APIGATEWAY_RULES } from './rules/apigateway/apigateway-rule-table';
import { APP_RULES } from './rules/app/app-rule-table';
import { ATHENA_RULES } from './rules/athena/athena-rule-table';
import { BACKUP_RULES } from './rules/backup/backup-rule-table';
import { CLOUDFRONT_RULES } from './rules/cloudfront/cloudfront-rule-table';
import { CLOUDTRAIL_RULES } from './rules/cloudtrail/cloudtrail-rule-table';
import { COGNITO_RULES } from './rules/cognito/cognito-rule-table';
import { DATA_RULES } from './rules/data/data-rule-table';
import { DATASTORES_RULES } from './rules/datastores/datastores-rule-table';
import { DATASYNC_RULES } from './rules/datasync/datasync-rule-table';
import { DMS_RULES } from './rules/dms/dms-rule-table';
import { DYNAMODB_RULES } from './rules/dynamodb/dynamodb-rule-table';
import { EC2_RULES } from './rules/ec2/ec2-rule-table';
import { ECR_RULES } from './rules/ecr/ecr-rule-table';
import { EFS_RULES } from './rules/efs/efs-rule-table';
import { ELASTICACHE_RULES } from './rules/elasticache/elasticache-rule-table';
import { ELB_RULES } from './rules/elb/elb-rule-table';
import { ELBV2_RULES } from './rules/elbv2/elbv2-rule-table';
import { EVENTS_RULES } from './rules/events/events-rule-table';
import { FIREHOSE_RULES } from './rules/firehose/firehose-rule-table';
import { FSX_RULES } from './rules/fsx/fsx-rule-table';
import { GLUE_RULES } from './rules/glue/glue-rule-table';
import { IAM_RULES } from './rules/iam/iam-rule-table';
import { KINESIS_RULES } from './rules/kinesis/kinesis-rule-table';
import { KINESISVIDEO_RULES } from './rules/kinesisvideo/kinesisvideo-rule-table';
import { KMS_RULES } from './rules/kms/kms-rule-table';
import { LAMBDA_RULES } from './rules/lambda/lambda-rule-table';
import { LOGS_RULES } from './rules/logs/logs-rule-table';
import { MQ_RULES } from './rules/mq/mq-rule-table';
import { MSK_RULES } from './rules/msk/msk-rule-table';
import { OPENSEARCH_RULES } from './rules/opensearch/opensearch-rule-table';
import { RDS_RULES } from './rules/rds/rds-rule-table';
import { S3_RULES } from './rules/s3/s3-rule-table';
import { S3_FAMILY_RULES } from './rules/s3-family/s3-family-rule-table';
import { SAGEMAKER_RULES } from './rules/sagemaker/sagemaker-rule-table';
import { SECRETSMANAGER_RULES } from './rules/secretsmanager/secretsmanager-rule-table';
import { SNS_RULES } from './rules/sns/sns-rule-table';
import { SQS_RULES } from './rules/sqs/sqs-rule-table';
import { STEPFUNCTIONS_RULES } from './rules/stepfunctions/stepfunctions-rule-table';
import { TRANSFER_RULES } from './rules/transfer/transfer-rule-table';

/**
 * Every rule of the DPP pack, service by service. The pack applies them in this order; the
 * rules table of RULES.md is generated from it.
 */
export const DPP_RULES: readonly DppRule[] = [
  ...DATA_RULES,
  ...S3_RULES,
  ...DYNAMODB_RULES,
  ...RDS_RULES,
  ...ELASTICACHE_RULES,
  ...OPENSEARCH_RULES,
  ...DATASTORES_RULES,
  ...SQS_RULES,
  ...SNS_RULES,
  ...KINESIS_RULES,
  ...EFS_RULES,
  ...FSX_RULES,
  ...S3_FAMILY_RULES,
  ...MSK_RULES,
  ...FIREHOSE_RULES,
  ...KINESISVIDEO_RULES,
  ...MQ_RULES,
  ...EVENTS_RULES,
  ...STEPFUNCTIONS_RULES,
  ...TRANSFER_RULES,
  ...DATASYNC_RULES,
  ...DMS_RULES,
  ...GLUE_RULES,
  ...ATHENA_RULES,
  ...SAGEMAKER_RULES,
  ...LAMBDA_RULES,
  ...ECR_RULES,
  ...EC2_RULES,
  ...ELBV2_RULES,
  ...ELB_RULES,
  ...APIGATEWAY_RULES,
  ...CLOUDFRONT_RULES,
  ...KMS_RULES,
  ...IAM_RULES,
  ...SECRETSMANAGER_RULES,
  ...COGNITO_RULES,
  ...LOGS_RULES,
  ...CLOUDTRAIL_RULES,
  ...BACKUP_RULES,
  ...APP_RULES,
];
