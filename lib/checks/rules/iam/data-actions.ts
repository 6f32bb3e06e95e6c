/** The services that hold or protect Amazon data: wildcards on their actions are never least privilege. */
export const DATA_SERVICES: readonly string[] = [
  's3',
  'dynamodb',
  'rds',
  'rds-data',
  'rds-db',
  'elasticache',
  'es',
  'sqs',
  'sns',
  'kinesis',
  'firehose',
  'elasticfilesystem',
  'glacier',
  'backup',
  'kms',
  'secretsmanager',
  'logs',
];

/** Actions that read Amazon data or decrypt it. */
export const DATA_READ_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  's3:GetObject',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'rds-db:connect',
  'rds-data:ExecuteStatement',
  'secretsmanager:GetSecretValue',
  'sqs:ReceiveMessage',
  'kinesis:GetRecords',
  'es:ESHttpGet',
  'elasticfilesystem:ClientMount',
  'glacier:GetJobOutput',
  'logs:GetLogEvents',
];
