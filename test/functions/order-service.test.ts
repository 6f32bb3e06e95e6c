import { randomBytes } from 'crypto';
import {
  AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DecryptCommand, GenerateDataKeyCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ALBEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { FIELD_CONTEXT_KEY, FieldEncryptor, STORE_CONTEXT_KEY } from '../../lib/field-encryption';
import { ENV, contextFromEnvironment, handler } from '../../lib/functions/order-service/index';
import {
  KILL_SWITCH_MAX_AGE_MS,
  KillSwitchReader,
} from '../../lib/functions/order-service/kill-switch-reader';
import { PII_FIELDS } from '../../lib/functions/order-service/order';
import {
  ORDERS_STORE,
  OrderServiceContext,
  handleRequest,
  packingSlip,
} from '../../lib/functions/order-service/order-service';

const dynamoDbMock = mockClient(DynamoDBClient);
const s3Mock = mockClient(S3Client);
const ssmMock = mockClient(SSMClient);
const kmsMock = mockClient(KMSClient);

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
const TABLE = 'Dpp-Data-Orders';
const BUCKET = 'dpp-data-orderdocuments';
const PARAMETER = 'KillSwitchParameter';
const NOW = new Date('2026-12-01T10:00:00Z');
const ORDER_ID = '902-3159896-1390916';

const ORDER = {
  orderId: ORDER_ID,
  buyerName: 'Jane Q. Buyer',
  buyerEmail: 'jane.buyer@example.com',
  shippingAddress: {
    addressLine1: '410 Terry Avenue North',
    city: 'Seattle',
    stateOrRegion: 'WA',
    postalCode: '98109',
    countryCode: 'US',
  },
  phone: '+1 206 555 0100',
  items: [{ sellerSku: 'SKU-RED-MUG', quantity: 2, title: 'Red mug' }],
};

/** Every PII value of the order: none of them may be stored in clear text or logged. */
const PII_VALUES = [
  ORDER.buyerName,
  ORDER.buyerEmail,
  ORDER.phone,
  ORDER.shippingAddress.addressLine1,
  ORDER.shippingAddress.postalCode,
  'Jane',
  'Terry',
];

/** A fake table of the orders, keyed by order id, that honours the put's condition. */
let table: Map<string, Record<string, AttributeValue>>;
let logged: string[];

function mockStores(): void {
  table = new Map();
  const dataKey = randomBytes(32);
  // Fresh copies each call: the SDK zeroes a data key once it is done with it.
  kmsMock.on(GenerateDataKeyCommand).callsFake(() => ({
    KeyId: KEY_ARN,
    Plaintext: new Uint8Array(dataKey),
    CiphertextBlob: Buffer.from('wrapped-data-key'),
  }));
  kmsMock
    .on(DecryptCommand)
    .callsFake(() => ({ KeyId: KEY_ARN, Plaintext: new Uint8Array(dataKey) }));
  dynamoDbMock.on(PutItemCommand).callsFake((input) => {
    const id = input.Item.orderId.S as string;
    if (table.has(id)) {
      throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
    }
    table.set(id, input.Item);
    return {};
  });
  dynamoDbMock
    .on(GetItemCommand)
    .callsFake((input) => ({ Item: table.get(input.Key.orderId.S as string) }));
  s3Mock.on(PutObjectCommand).resolves({});
}

function killSwitch(value: string): void {
  ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: value } });
}

function serviceContext(overrides: Partial<OrderServiceContext> = {}): OrderServiceContext {
  return {
    dynamoDb: new DynamoDBClient({ region: 'eu-west-1' }),
    s3: new S3Client({ region: 'eu-west-1' }),
    killSwitch: new KillSwitchReader(new SSMClient({ region: 'eu-west-1' }), PARAMETER),
    fields: FieldEncryptor.withKmsKey(KEY_ARN, ORDERS_STORE, {
      clientProvider: () => new KMS({ region: 'eu-west-1' }),
    }),
    ordersTable: TABLE,
    documentsBucket: BUCKET,
    retentionDays: 30,
    now: () => NOW,
    ...overrides,
  };
}

function request(httpMethod: string, path: string, body?: unknown, base64 = false): ALBEvent {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    requestContext: {
      elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:tg/o/1' },
    },
    httpMethod,
    path,
    queryStringParameters: {},
    headers: { 'content-type': 'application/json' },
    body: base64 ? Buffer.from(text).toString('base64') : text,
    isBase64Encoded: base64,
  };
}

/** The store and field each KMS call's encryption context names, as `store/field`, sorted. */
function fieldContexts(contexts: (Record<string, string> | undefined)[]): string[] {
  return contexts
    .map((context) => `${context?.[STORE_CONTEXT_KEY]}/${context?.[FIELD_CONTEXT_KEY]}`)
    .sort();
}

function dataCalls(): number {
  return dynamoDbMock.calls().length + s3Mock.calls().length + kmsMock.calls().length;
}

beforeEach(() => {
  dynamoDbMock.reset();
  s3Mock.reset();
  ssmMock.reset();
  kmsMock.reset();
  mockStores();
  killSwitch('running');
  logged = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
});

afterEach(() => {
  // No request of any test may have logged a PII value.
  for (const line of logged) for (const value of PII_VALUES) expect(line).not.toContain(value);
  jest.restoreAllMocks();
  for (const name of Object.values(ENV)) Reflect.deleteProperty(process.env, name);
});

describe('POST /orders', () => {
  test('stores the order with every PII field as ciphertext under the orders context', async () => {
    const response = await handleRequest(request('POST', '/orders', ORDER), serviceContext());
    expect(response.statusCode).toBe(201);
    expect(response.statusDescription).toBe('201 Created');
    expect(response.isBase64Encoded).toBe(false);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(JSON.parse(response.body ?? '')).toEqual({
      orderId: ORDER_ID,
      expiresAt: '2026-12-31T10:00:00.000Z',
    });

    const [put] = dynamoDbMock.commandCalls(PutItemCommand);
    const input = put.args[0].input;
    expect(input.TableName).toBe(TABLE);
    expect(input.ConditionExpression).toBe('attribute_not_exists(orderId)');
    const item = input.Item ?? {};
    expect(Object.keys(item).sort()).toEqual(
      ['orderId', ...PII_FIELDS, 'items', 'createdAt', 'expiresAt', 'packingSlipKey'].sort(),
    );
    expect(item.orderId).toEqual({ S: ORDER_ID });
    for (const field of PII_FIELDS) {
      const sealed = item[field].S ?? '';
      expect(sealed.length).toBeGreaterThan(100);
      const bytes = Buffer.from(sealed, 'base64').toString('latin1');
      for (const value of PII_VALUES) {
        expect(sealed).not.toContain(value);
        expect(bytes).not.toContain(value);
      }
    }
    expect(item.items).toEqual({
      L: [
        {
          M: {
            sellerSku: { S: 'SKU-RED-MUG' },
            quantity: { N: '2' },
            title: { S: 'Red mug' },
          },
        },
      ],
    });
    expect(item.createdAt).toEqual({ S: NOW.toISOString() });

    const contexts = kmsMock
      .commandCalls(GenerateDataKeyCommand)
      .map((call) => call.args[0].input.EncryptionContext);
    expect(fieldContexts(contexts)).toEqual(PII_FIELDS.map((field) => `orders/${field}`).sort());
    expect(kmsMock.commandCalls(GenerateDataKeyCommand).map((c) => c.args[0].input.KeyId)).toEqual(
      PII_FIELDS.map(() => KEY_ARN),
    );
  });

  test('expiresAt is DynamoDB TTL epoch seconds, within 30 days and within the retention', async () => {
    await handleRequest(request('POST', '/orders', ORDER), serviceContext({ retentionDays: 14 }));
    const item = dynamoDbMock.commandCalls(PutItemCommand)[0].args[0].input.Item ?? {};
    const expiresAt = Number(item.expiresAt.N);
    expect(Number.isInteger(expiresAt)).toBe(true);
    const nowSeconds = NOW.getTime() / 1000;
    expect(expiresAt - nowSeconds).toBe(14 * 86_400);
    expect(expiresAt - nowSeconds).toBeLessThanOrEqual(30 * 86_400);
  });

  test('a retention over 30 days is refused (DPP-DR-1)', async () => {
    const response = await handleRequest(
      request('POST', '/orders', ORDER),
      serviceContext({ retentionDays: 31 }),
    );
    expect(response.statusCode).toBe(500);
    expect(dynamoDbMock.commandCalls(PutItemCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test('writes the packing slip to the documents bucket, encrypted by its default key', async () => {
    await handleRequest(request('POST', '/orders', ORDER), serviceContext());
    const [put] = s3Mock.commandCalls(PutObjectCommand);
    expect(put.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: `packing-slips/${ORDER_ID}.txt`,
      Body: packingSlip(ORDER),
      ContentType: 'text/plain; charset=utf-8',
    });
    expect(packingSlip(ORDER)).toBe(
      [
        `Packing slip for order ${ORDER_ID}`,
        '',
        'Ship to:',
        '  Jane Q. Buyer',
        '  410 Terry Avenue North',
        '  98109 Seattle, WA',
        '  US',
        '  +1 206 555 0100',
        '',
        'Items:',
        '  2 x SKU-RED-MUG Red mug',
        '',
      ].join('\n'),
    );
    const item = dynamoDbMock.commandCalls(PutItemCommand)[0].args[0].input.Item ?? {};
    expect(item.packingSlipKey).toEqual({ S: `packing-slips/${ORDER_ID}.txt` });
  });

  test('reads a base64-encoded body as the load balancer sends it', async () => {
    const response = await handleRequest(request('POST', '/orders', ORDER, true), serviceContext());
    expect(response.statusCode).toBe(201);
  });

  test('a second order with the same id is a conflict, and its slip is not written', async () => {
    const context = serviceContext();
    await handleRequest(request('POST', '/orders', ORDER), context);
    const again = await handleRequest(request('POST', '/orders', ORDER), context);
    expect(again.statusCode).toBe(409);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  test.each([
    ['not JSON', '{"buyerName": "Jane', /the body must be a JSON object/],
    ['a JSON array', '[]', /the body must be a JSON object/],
    ['an empty body', '', /the body must be a JSON object/],
    [
      'no fields',
      '{}',
      /`orderId` must be .*; `buyerName` must be .*; `phone` must be .*; `buyerEmail` must be .*; `shippingAddress` must be an object; `items` must be/,
    ],
    ['a bad order id', { ...ORDER, orderId: 'Jane Q. Buyer' }, /`orderId` must be an Amazon/],
    ['a bad e-mail', { ...ORDER, buyerEmail: 'Jane Q. Buyer' }, /`buyerEmail` must be an e-mail/],
    [
      'no city',
      { ...ORDER, shippingAddress: { ...ORDER.shippingAddress, city: ' ' } },
      /`shippingAddress.city` must be a non-empty string/,
    ],
    [
      'a country name',
      { ...ORDER, shippingAddress: { ...ORDER.shippingAddress, countryCode: 'USA' } },
      /`shippingAddress.countryCode` must be an ISO 3166/,
    ],
    ['no items', { ...ORDER, items: [] }, /`items` must be a list of 1 to 100 lines/],
    [
      'a zero quantity',
      { ...ORDER, items: [{ sellerSku: 'SKU', quantity: 0 }] },
      /`items\[0\].quantity` must be a positive integer/,
    ],
  ])('%s is a 400 naming the fields, never their values', async (_what, body, message) => {
    const response = await handleRequest(request('POST', '/orders', body), serviceContext());
    expect(response.statusCode).toBe(400);
    expect(response.statusDescription).toBe('400 Bad Request');
    const answer = JSON.parse(response.body ?? '') as { message: string };
    expect(answer.message).toMatch(message);
    for (const value of PII_VALUES) expect(answer.message).not.toContain(value);
    expect(dataCalls()).toBe(0);
  });
});

describe('GET /orders/{orderId}', () => {
  test('answers the stored order, decrypted', async () => {
    const context = serviceContext();
    await handleRequest(request('POST', '/orders', ORDER), context);
    const response = await handleRequest(request('GET', `/orders/${ORDER_ID}`), context);
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body ?? '')).toEqual({
      ...ORDER,
      createdAt: NOW.toISOString(),
      expiresAt: '2026-12-31T10:00:00.000Z',
    });
    const [get] = dynamoDbMock.commandCalls(GetItemCommand);
    expect(get.args[0].input).toEqual({
      TableName: TABLE,
      Key: { orderId: { S: ORDER_ID } },
      ConsistentRead: true,
    });
    const decrypts = kmsMock.commandCalls(DecryptCommand);
    expect(fieldContexts(decrypts.map((c) => c.args[0].input.EncryptionContext))).toEqual(
      PII_FIELDS.map((field) => `orders/${field}`).sort(),
    );
  });

  test('an unknown order is a 404', async () => {
    const response = await handleRequest(request('GET', `/orders/${ORDER_ID}`), serviceContext());
    expect(response.statusCode).toBe(404);
    expect(response.statusDescription).toBe('404 Not Found');
    expect(kmsMock.calls()).toHaveLength(0);
  });

  test('an order past its expiresAt is a 404, before TTL has deleted it', async () => {
    await handleRequest(request('POST', '/orders', ORDER), serviceContext());
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const response = await handleRequest(
      request('GET', `/orders/${ORDER_ID}`),
      serviceContext({ now: () => later }),
    );
    expect(response.statusCode).toBe(404);
    expect(kmsMock.commandCalls(DecryptCommand)).toHaveLength(0);
  });

  test('a path that names no order id is a 400, and reads nothing', async () => {
    const response = await handleRequest(
      request('GET', '/orders/jane@example.com'),
      serviceContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(dataCalls()).toBe(0);
  });

  test('a ciphertext moved to another field does not decrypt', async () => {
    const context = serviceContext();
    await handleRequest(request('POST', '/orders', ORDER), context);
    const item = table.get(ORDER_ID) ?? {};
    table.set(ORDER_ID, { ...item, phone: item.buyerName });
    const response = await handleRequest(request('GET', `/orders/${ORDER_ID}`), context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('Jane');
  });
});

describe('routes and methods', () => {
  test.each([
    ['GET', '/orders', 'POST'],
    ['DELETE', '/orders', 'POST'],
    ['PUT', `/orders/${ORDER_ID}`, 'GET'],
    ['DELETE', `/orders/${ORDER_ID}`, 'GET'],
  ])('%s %s is a 405 that names %s', async (method, path, allow) => {
    const response = await handleRequest(request(method, path), serviceContext());
    expect(response.statusCode).toBe(405);
    expect(response.statusDescription).toBe('405 Method Not Allowed');
    expect(response.headers?.allow).toBe(allow);
    expect(dataCalls()).toBe(0);
  });

  test('a method of its own is a 405, logged as OTHER so the log never quotes it', async () => {
    const response = await handleRequest(request('JANE', '/orders'), serviceContext());
    expect(response.statusCode).toBe(405);
    expect(logged.map((line) => JSON.parse(line) as unknown)).toEqual([
      { method: 'OTHER', route: '/orders', status: 405, outcome: 'method-not-allowed' },
    ]);
  });

  test('a malformed escape in the path is a 400, not a failure', async () => {
    const response = await handleRequest(request('GET', '/orders/%E0%A4%A'), serviceContext());
    expect(response.statusCode).toBe(400);
  });

  test('a path outside the service is a 404', async () => {
    const response = await handleRequest(request('GET', '/orders/a/b'), serviceContext());
    expect(response.statusCode).toBe(404);
    expect(dataCalls()).toBe(0);
  });
});

describe('the kill switch (DPP-LP-1)', () => {
  test.each([
    ['POST', '/orders', ORDER],
    ['GET', `/orders/${ORDER_ID}`, undefined],
    ['DELETE', '/orders', undefined],
    ['GET', '/elsewhere', undefined],
    ['POST', '/orders', '{not json'],
  ])('stopped: %s %s is a 503 and touches no store and no key', async (method, path, body) => {
    killSwitch('stopped');
    const response = await handleRequest(request(method, path, body), serviceContext());
    expect(response.statusCode).toBe(503);
    expect(response.statusDescription).toBe('503 Service Unavailable');
    expect(dataCalls()).toBe(0);
    expect(ssmMock.commandCalls(GetParameterCommand)[0].args[0].input).toEqual({
      Name: PARAMETER,
    });
  });

  test('an unreadable switch stops the service too, and is read again on the next request', async () => {
    ssmMock
      .on(GetParameterCommand)
      .rejectsOnce(new Error('AccessDenied'))
      .resolves({
        Parameter: { Name: PARAMETER, Value: 'running' },
      });
    const context = serviceContext();
    const first = await handleRequest(request('POST', '/orders', ORDER), context);
    expect(first.statusCode).toBe(503);
    expect(dataCalls()).toBe(0);
    const second = await handleRequest(request('POST', '/orders', ORDER), context);
    expect(second.statusCode).toBe(201);
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test(`a reading is kept ${KILL_SWITCH_MAX_AGE_MS} ms, then read again`, async () => {
    let clock = 0;
    const reader = new KillSwitchReader(
      new SSMClient({ region: 'eu-west-1' }),
      PARAMETER,
      KILL_SWITCH_MAX_AGE_MS,
      () => clock,
    );
    const context = serviceContext({ killSwitch: reader });
    await handleRequest(request('GET', `/orders/${ORDER_ID}`), context);
    killSwitch('stopped');
    clock = KILL_SWITCH_MAX_AGE_MS - 1;
    expect((await handleRequest(request('GET', `/orders/${ORDER_ID}`), context)).statusCode).toBe(
      404,
    );
    clock = KILL_SWITCH_MAX_AGE_MS;
    expect((await handleRequest(request('GET', `/orders/${ORDER_ID}`), context)).statusCode).toBe(
      503,
    );
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });
});

describe('logging', () => {
  test('one line per request: the order id and the outcome, nothing of the order', async () => {
    const context = serviceContext();
    await handleRequest(request('POST', '/orders', ORDER), context);
    await handleRequest(request('GET', `/orders/${ORDER_ID}`), context);
    await handleRequest(request('POST', '/orders', { ...ORDER, phone: '' }), context);
    killSwitch('stopped');
    await handleRequest(request('GET', `/orders/${ORDER_ID}`), serviceContext());
    expect(logged.map((line) => JSON.parse(line) as unknown)).toEqual([
      { method: 'POST', route: '/orders', status: 201, outcome: 'stored', orderId: ORDER_ID },
      {
        method: 'GET',
        route: '/orders/{orderId}',
        status: 200,
        outcome: 'read',
        orderId: ORDER_ID,
      },
      { method: 'POST', route: '/orders', status: 400, outcome: 'invalid' },
      { method: 'GET', route: '/orders/{orderId}', status: 503, outcome: 'kill-switch-stopped' },
    ]);
  });

  test('a failure logs the error class only, never its message', async () => {
    dynamoDbMock.on(PutItemCommand).rejects(new Error(`cannot store ${ORDER.buyerName}`));
    const response = await handleRequest(request('POST', '/orders', ORDER), serviceContext());
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('Jane');
    expect(logged).toEqual([
      JSON.stringify({
        method: 'POST',
        route: '/orders',
        status: 500,
        outcome: 'failed',
        error: 'Error',
      }),
    ]);
  });
});

describe('the handler', () => {
  function setEnvironment(retentionDays = '30'): void {
    process.env.AWS_REGION = 'eu-west-1';
    process.env[ENV.killSwitchParameter] = PARAMETER;
    process.env[ENV.ordersTable] = TABLE;
    process.env[ENV.documentsBucket] = BUCKET;
    process.env[ENV.fieldEncryptionKeyArn] = KEY_ARN;
    process.env[ENV.retentionDays] = retentionDays;
  }

  test('builds its clients from the environment and answers the load balancer', async () => {
    setEnvironment();
    const response = await handler(request('POST', '/orders', ORDER));
    expect(response.statusCode).toBe(201);
    expect(dynamoDbMock.commandCalls(PutItemCommand)[0].args[0].input.TableName).toBe(TABLE);
    expect(s3Mock.commandCalls(PutObjectCommand)[0].args[0].input.Bucket).toBe(BUCKET);
    expect(kmsMock.commandCalls(GenerateDataKeyCommand)[0].args[0].input.KeyId).toBe(KEY_ARN);
    expect(ssmMock.commandCalls(GetParameterCommand)[0].args[0].input.Name).toBe(PARAMETER);
  });

  test('fails loudly on a missing variable or a retention over 30 days', () => {
    setEnvironment('31');
    expect(() => contextFromEnvironment()).toThrow(
      'The PII retention must be 1 to 30 days (DPP-DR-1), got: 31',
    );
    setEnvironment();
    Reflect.deleteProperty(process.env, ENV.ordersTable);
    expect(() => contextFromEnvironment()).toThrow(
      `Environment variable ${ENV.ordersTable} is not set`,
    );
  });
});
