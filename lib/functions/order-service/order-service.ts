import {
  AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ALBEvent, ALBResult } from 'aws-lambda';
import type { FieldEncryptor } from '../../field-encryption/field-encryptor';
import { KillSwitchReader, KillSwitchReading } from './kill-switch-reader';
import {
  InvalidOrderError,
  ORDER_ID_PATTERN,
  Order,
  OrderItem,
  PII_FIELDS,
  PiiField,
  parseOrder,
} from './order';

/**
 * The store name in the encryption context of every field (DPP-NP-10). It names the table's
 * role, not its physical name, so the fields of a table restored from a backup under another
 * name still decrypt.
 */
export const ORDERS_STORE = 'orders';

/** The most days an order's PII is kept (DPP-DR-1). */
export const MAX_RETENTION_DAYS = 30;

const SECONDS_PER_DAY = 86_400;

/** The methods a log line names; any other is logged as `OTHER`, so a log never quotes a request. */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What the service needs: its clients, its stores, and how long it keeps PII. */
export interface OrderServiceContext {
  readonly dynamoDb: DynamoDBClient;
  readonly s3: S3Client;
  readonly killSwitch: KillSwitchReader;
  /** Encrypts the PII fields under `ORDERS_STORE` with the PII key. */
  readonly fields: FieldEncryptor;
  readonly ordersTable: string;
  readonly documentsBucket: string;
  /** Days from the order until DynamoDB's TTL deletes it: 1 to `MAX_RETENTION_DAYS`. */
  readonly retentionDays: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** What one request did, as the log records it: never a field of the order but its id. */
export interface RequestOutcome {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly outcome: string;
  readonly orderId?: string;
  /** The name of the error's class, never its message (which may quote data). */
  readonly error?: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface Routed {
  readonly response: ALBResult;
  readonly outcome: Omit<RequestOutcome, 'method' | 'route' | 'status'>;
}

/**
 * Answers one request of the load balancer. The kill switch is read first, for every route:
 * while it is not `running` the answer is 503 and no store or key is touched (DPP-LP-1).
 *
 * - `POST /orders`: stores the order, its PII fields encrypted, with `expiresAt` at most
 *   `retentionDays` ahead (DPP-DR-1), and writes its packing slip; 201, 400 or 409.
 * - `GET /orders/{orderId}`: the stored order, decrypted; 200, 400 or 404.
 *
 * Every request logs one line through `log`, with the order id and the outcome only.
 */
export async function handleRequest(
  event: ALBEvent,
  context: OrderServiceContext,
  log: (outcome: RequestOutcome) => void = logOutcome,
): Promise<ALBResult> {
  const method = HTTP_METHODS.has(event.httpMethod.toUpperCase())
    ? event.httpMethod.toUpperCase()
    : 'OTHER';
  const path = event.path.replace(/\/+$/, '');
  const route = routeOf(path);
  let routed: Routed;
  try {
    routed = await route.handle(method, event, context);
  } catch (error) {
    routed = {
      response: respond(500, { message: 'The order service failed; try again later' }),
      outcome: { outcome: 'failed', error: error instanceof Error ? error.name : typeof error },
    };
  }
  log({ method, route: route.name, status: routed.response.statusCode, ...routed.outcome });
  return routed.response;
}

interface Route {
  readonly name: string;
  handle(method: string, event: ALBEvent, context: OrderServiceContext): Promise<Routed>;
}

function routeOf(path: string): Route {
  if (path === '/orders') {
    return guarded('/orders', { POST: (event, context) => createOrder(event, context) });
  }
  const match = /^\/orders\/([^/]+)$/.exec(path);
  if (match) {
    return guarded('/orders/{orderId}', {
      GET: (_event, context) => readOrder(match[1], context),
    });
  }
  return guarded('unknown', {});
}

type MethodHandler = (event: ALBEvent, context: OrderServiceContext) => Promise<Routed>;

/** A route behind the kill switch: nothing else runs while it says stop. */
function guarded(name: string, methods: Record<string, MethodHandler>): Route {
  return {
    name,
    async handle(method, event, context) {
      const reading = await context.killSwitch.read();
      if (reading !== KillSwitchReading.RUNNING) {
        return {
          response: respond(503, { message: 'The order service is stopped' }),
          outcome: { outcome: `kill-switch-${reading}` },
        };
      }
      const allowed = Object.keys(methods);
      if (allowed.length === 0) {
        return {
          response: respond(404, { message: 'No such route' }),
          outcome: { outcome: 'no-route' },
        };
      }
      const handler = methods[method];
      if (!handler) {
        return {
          response: respond(
            405,
            { message: `Use ${allowed.join(', ')}` },
            { allow: allowed.join(', ') },
          ),
          outcome: { outcome: 'method-not-allowed' },
        };
      }
      return handler(event, context);
    },
  };
}

async function createOrder(event: ALBEvent, context: OrderServiceContext): Promise<Routed> {
  let order: Order;
  try {
    order = parseOrder(requestBody(event));
  } catch (error) {
    if (!(error instanceof InvalidOrderError)) throw error;
    return { response: respond(400, { message: error.message }), outcome: { outcome: 'invalid' } };
  }
  const { orderId } = order;
  const now = nowOf(context);
  const expiresAt = Math.floor(now.getTime() / 1000) + retentionSeconds(context.retentionDays);
  const encrypted = await encryptFields(order, context.fields);
  const packingSlipKey = `packing-slips/${orderId}.txt`;
  try {
    await context.dynamoDb.send(
      new PutItemCommand({
        TableName: context.ordersTable,
        Item: {
          orderId: { S: orderId },
          ...Object.fromEntries(PII_FIELDS.map((field) => [field, { S: encrypted[field] }])),
          items: { L: order.items.map(itemAttribute) },
          createdAt: { S: now.toISOString() },
          expiresAt: { N: String(expiresAt) },
          packingSlipKey: { S: packingSlipKey },
        },
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return {
      response: respond(409, { message: 'The order is stored already', orderId }),
      outcome: { outcome: 'duplicate', orderId },
    };
  }
  // No encryption header: the bucket's default (SSE-KMS with the PII key) applies. A request
  // naming `aws:kms` without a key id would use the account's AWS managed key instead.
  await context.s3.send(
    new PutObjectCommand({
      Bucket: context.documentsBucket,
      Key: packingSlipKey,
      Body: packingSlip(order),
      ContentType: 'text/plain; charset=utf-8',
    }),
  );
  return {
    response: respond(201, {
      orderId,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    }),
    outcome: { outcome: 'stored', orderId },
  };
}

async function readOrder(orderId: string, context: OrderServiceContext): Promise<Routed> {
  if (!ORDER_ID_PATTERN.test(orderId)) {
    return {
      response: respond(400, {
        message: 'The path must name an Amazon order id (123-1234567-1234567)',
      }),
      outcome: { outcome: 'invalid' },
    };
  }
  const { Item } = await context.dynamoDb.send(
    new GetItemCommand({
      TableName: context.ordersTable,
      Key: { orderId: { S: orderId } },
      ConsistentRead: true,
    }),
  );
  const now = nowOf(context);
  // TTL deletes an expired item within days, not at once: an expired order is gone already.
  const expiresAt = Number(Item?.expiresAt?.N);
  if (!Item || !(expiresAt * 1000 > now.getTime())) {
    return {
      response: respond(404, { message: 'No such order', orderId }),
      outcome: { outcome: 'not-found', orderId },
    };
  }
  const fields = await decryptFields(Item, context.fields);
  return {
    response: respond(200, {
      orderId,
      buyerName: fields.buyerName,
      buyerEmail: fields.buyerEmail,
      shippingAddress: JSON.parse(fields.shippingAddress) as unknown,
      phone: fields.phone,
      items: (Item.items?.L ?? []).map(itemOf),
      createdAt: Item.createdAt?.S,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    }),
    outcome: { outcome: 'read', orderId },
  };
}

function nowOf(context: OrderServiceContext): Date {
  return context.now ? context.now() : new Date();
}

/** The seconds an order is kept; throws when the retention breaks DPP-DR-1. */
export function retentionSeconds(retentionDays: number): number {
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
    throw new Error(
      `The PII retention must be 1 to ${MAX_RETENTION_DAYS} days (DPP-DR-1), got: ${retentionDays}`,
    );
  }
  return retentionDays * SECONDS_PER_DAY;
}

async function encryptFields(
  order: Order,
  fields: FieldEncryptor,
): Promise<Record<PiiField, string>> {
  const plaintext: Record<PiiField, string> = {
    buyerName: order.buyerName,
    buyerEmail: order.buyerEmail,
    shippingAddress: JSON.stringify(order.shippingAddress),
    phone: order.phone,
  };
  const sealed = await Promise.all(
    PII_FIELDS.map((field) => fields.encryptField(field, plaintext[field])),
  );
  return Object.fromEntries(PII_FIELDS.map((field, i) => [field, sealed[i]])) as Record<
    PiiField,
    string
  >;
}

async function decryptFields(
  item: Record<string, AttributeValue>,
  fields: FieldEncryptor,
): Promise<Record<PiiField, string>> {
  const opened = await Promise.all(
    PII_FIELDS.map((field) => {
      const sealed = item[field]?.S;
      if (sealed === undefined) throw new Error(`The stored order has no ${field}`);
      return fields.decryptField(field, sealed);
    }),
  );
  return Object.fromEntries(PII_FIELDS.map((field, i) => [field, opened[i]])) as Record<
    PiiField,
    string
  >;
}

function itemAttribute(item: OrderItem): AttributeValue {
  return {
    M: {
      sellerSku: { S: item.sellerSku },
      quantity: { N: String(item.quantity) },
      ...(item.title !== undefined && { title: { S: item.title } }),
    },
  };
}

function itemOf(value: AttributeValue): OrderItem {
  const map = value.M ?? {};
  return {
    sellerSku: map.sellerSku?.S ?? '',
    quantity: Number(map.quantity?.N),
    ...(map.title?.S !== undefined && { title: map.title.S }),
  };
}

/** The packing slip printed with the parcel: who it goes to and what is in it. */
export function packingSlip(order: Order): string {
  const address = order.shippingAddress;
  return [
    `Packing slip for order ${order.orderId}`,
    '',
    'Ship to:',
    `  ${order.buyerName}`,
    `  ${address.addressLine1}`,
    ...(address.addressLine2 ? [`  ${address.addressLine2}`] : []),
    `  ${address.postalCode} ${address.city}${address.stateOrRegion ? `, ${address.stateOrRegion}` : ''}`,
    `  ${address.countryCode}`,
    `  ${order.phone}`,
    '',
    'Items:',
    ...order.items.map(
      (item) => `  ${item.quantity} x ${item.sellerSku}${item.title ? ` ${item.title}` : ''}`,
    ),
    '',
  ].join('\n');
}

function requestBody(event: ALBEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function respond(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): ALBResult {
  return {
    statusCode,
    statusDescription: `${statusCode} ${STATUS_TEXT[statusCode]}`,
    headers: {
      'content-type': 'application/json',
      // Answers may hold PII: no proxy or browser keeps them.
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** One JSON line per request in the function's log: ids and outcomes, never PII. */
export function logOutcome(outcome: RequestOutcome): void {
  console.log(JSON.stringify(outcome));
}
