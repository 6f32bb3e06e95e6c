import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ALBEvent, ALBResult } from 'aws-lambda';
import { FieldEncryptor } from '../../field-encryption/field-encryptor';
import { KillSwitchReader } from './kill-switch-reader';
import {
  ORDERS_STORE,
  OrderServiceContext,
  handleRequest,
  retentionSeconds,
} from './order-service';

/** The environment the construct sets on the function. */
export const ENV = {
  killSwitchParameter: 'KILL_SWITCH_PARAMETER',
  ordersTable: 'ORDERS_TABLE',
  documentsBucket: 'ORDER_DOCUMENTS_BUCKET',
  fieldEncryptionKeyArn: 'FIELD_ENCRYPTION_KEY_ARN',
  retentionDays: 'PII_RETENTION_DAYS',
} as const;

let context: OrderServiceContext | undefined;

/**
 * The sample SP-API order service behind the load balancer: stores orders with their PII
 * field-encrypted and answers them back, while the operator's kill switch says `running`.
 * Its clients are made once per execution environment, from the environment variables.
 */
export async function handler(event: ALBEvent): Promise<ALBResult> {
  context ??= contextFromEnvironment();
  return handleRequest(event, context);
}

/** The clients and settings of the service, as the environment variables name them. */
export function contextFromEnvironment(): OrderServiceContext {
  const retentionDays = Number(requiredEnv(ENV.retentionDays));
  retentionSeconds(retentionDays);
  return {
    dynamoDb: new DynamoDBClient({}),
    s3: new S3Client({}),
    killSwitch: new KillSwitchReader(new SSMClient({}), requiredEnv(ENV.killSwitchParameter)),
    fields: FieldEncryptor.withKmsKey(requiredEnv(ENV.fieldEncryptionKeyArn), ORDERS_STORE),
    ordersTable: requiredEnv(ENV.ordersTable),
    documentsBucket: requiredEnv(ENV.documentsBucket),
    retentionDays,
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
