import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { ENV } from '../../constructs/secrets/sp-api-credential-names';
import { handler } from '../../lib/functions/sp-api-credentials/index';
import {
  LWA_TOKEN_URL,
  ROTATION_SCOPE,
  grantlessAccessToken,
} from '../../lib/functions/sp-api-credentials/lwa';
import { parseNewSecret } from '../../lib/functions/sp-api-credentials/notification';
import { RotationContext, rotate } from '../../lib/functions/sp-api-credentials/rotation';
import {
  ageMetricLine,
  applyKillSwitch,
  refreshTokenAge,
} from '../../lib/functions/sp-api-credentials/upkeep';

const secretsMock = mockClient(SecretsManagerClient);
const sqsMock = mockClient(SQSClient);
const ssmMock = mockClient(SSMClient);

const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:lwa-AbCdEf';
const TOKENS = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:tokens-AbCdEf';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/111122223333/new-secret';
const ENDPOINT = 'https://sellingpartnerapi-eu.amazon.com';
const CLIENT_ID = 'amzn1.application-oa2-client.example';
const OLD = { clientId: CLIENT_ID, clientSecret: 'amzn1.oa2-cs.v1.old' };
const NEW = { clientId: CLIENT_ID, clientSecret: 'amzn1.oa2-cs.v1.new' };
const CURRENT_VERSION = 'version-current';
const TOKEN = 'version-pending';

/** An APPLICATION_OAUTH_CLIENT_NEW_SECRET notification as the SQS message body Amazon sends. */
function notification(clientId = CLIENT_ID, secret = NEW.clientSecret): string {
  return JSON.stringify({
    notificationVersion: '1.0',
    notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
    payloadVersion: '2023-11-30',
    eventTime: '2026-12-01T10:00:00Z',
    payload: {
      applicationOAuthClientNewSecret: {
        clientId,
        newClientSecret: secret,
        newClientSecretExpiryTime: '2027-05-30T10:00:00Z',
        oldClientSecretExpiryTime: '2026-12-08T10:00:00Z',
      },
    },
    notificationMetadata: { applicationId: 'amzn1.sp.solution.example', notificationId: 'n-1' },
  });
}

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/** A `fetch` that answers the LWA token endpoint and the rotation call, and records both. */
function fakeFetch(options: { tokenStatus?: number; rotateStatus?: number } = {}) {
  const calls: Call[] = [];
  const fn = jest.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    if (String(url) === LWA_TOKEN_URL) {
      const status = options.tokenStatus ?? 200;
      return new Response(
        JSON.stringify(
          status === 200
            ? { access_token: 'Atc|token', expires_in: 3600 }
            : { error: 'invalid_client' },
        ),
        { status },
      );
    }
    return new Response(null, { status: options.rotateStatus ?? 204 });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

function context(fetchFn: typeof fetch, now = 0, deadline = 60_000): RotationContext {
  let clock = now;
  return {
    secrets: new SecretsManagerClient({}),
    fetch: fetchFn,
    endpoint: ENDPOINT,
    // Each receive advances the clock by 20 s, like a long poll that found nothing.
    queue: {
      sqs: new SQSClient({}),
      queueUrl: QUEUE,
      deadline,
      now: () => (clock += 20_000),
    },
  };
}

const event = (Step: string) => ({ SecretId: SECRET, ClientRequestToken: TOKEN, Step });

function mockVersions(
  stages: Record<string, string[]> = {
    [CURRENT_VERSION]: ['AWSCURRENT'],
    [TOKEN]: ['AWSPENDING'],
  },
) {
  secretsMock
    .on(DescribeSecretCommand)
    .resolves({ RotationEnabled: true, VersionIdsToStages: stages });
  secretsMock
    .on(GetSecretValueCommand, { SecretId: SECRET, VersionStage: 'AWSCURRENT' })
    .resolves({ SecretString: JSON.stringify(OLD) });
}

/** The pending version has no value yet, as when Secrets Manager starts a rotation. */
function mockNoPendingValue() {
  const notFound = Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
  secretsMock
    .on(GetSecretValueCommand, { SecretId: SECRET, VersionStage: 'AWSPENDING', VersionId: TOKEN })
    .rejects(notFound);
}

beforeEach(() => {
  secretsMock.reset();
  sqsMock.reset();
  ssmMock.reset();
});

describe('createSecret', () => {
  test('requests a new secret with a grantless token, and stores the notified secret as AWSPENDING', async () => {
    mockVersions();
    mockNoPendingValue();
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [] })
      .resolves({ Messages: [{ Body: notification(), ReceiptHandle: 'r-1' }] });
    const { fetch, calls } = fakeFetch();
    await rotate(context(fetch), event('createSecret'));

    expect(calls.map((c) => [c.url, c.init.method])).toEqual([
      [LWA_TOKEN_URL, 'POST'],
      [`${ENDPOINT}/applications/2023-11-30/clientSecret`, 'POST'],
    ]);
    expect(Object.fromEntries(new URLSearchParams(String(calls[0].init.body)))).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: OLD.clientSecret,
      scope: 'sellingpartnerapi::client_credential:rotation',
    });
    expect(calls[1].init.headers).toEqual(
      expect.objectContaining({ 'x-amz-access-token': 'Atc|token' }),
    );
    expect(secretsMock.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      {
        SecretId: SECRET,
        ClientRequestToken: TOKEN,
        SecretString: JSON.stringify(NEW),
        VersionStages: ['AWSPENDING'],
      },
    ]);
    expect(sqsMock.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'r-1' },
    ]);
    // The first receive looks for a secret already waiting, without waiting.
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0].args[0].input.WaitTimeSeconds).toBe(0);
  });

  test('takes a new secret already waiting on the queue and does not rotate again', async () => {
    mockVersions();
    mockNoPendingValue();
    sqsMock.on(ReceiveMessageCommand).resolves({
      Messages: [
        { Body: notification('amzn1.application-oa2-client.other'), ReceiptHandle: 'r-other' },
        { Body: '{"notificationType":"ANY_OFFER_CHANGED"}', ReceiptHandle: 'r-offer' },
        { Body: notification(), ReceiptHandle: 'r-1' },
      ],
    });
    const { fetch, calls } = fakeFetch();
    await rotate(context(fetch), event('createSecret'));
    expect(calls).toEqual([]);
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    // Messages for other clients or of other types stay for the dead-letter queue.
    expect(
      sqsMock.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle),
    ).toEqual(['r-1']);
  });

  test('fails, storing nothing, when no notification arrives before the deadline', async () => {
    mockVersions();
    mockNoPendingValue();
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const { fetch } = fakeFetch();
    await expect(rotate(context(fetch), event('createSecret'))).rejects.toThrow(
      'No APPLICATION_OAUTH_CLIENT_NEW_SECRET notification arrived',
    );
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toEqual([]);
  });

  test('fails with the status, and no secret in the message, when Amazon refuses the rotation', async () => {
    mockVersions();
    mockNoPendingValue();
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const { fetch } = fakeFetch({ rotateStatus: 400 });
    const error = await rotate(context(fetch), event('createSecret')).catch((e: Error) => e);
    expect(String(error)).toBe('Error: rotateApplicationClientSecret failed: HTTP 400');
    expect(String(error)).not.toContain(OLD.clientSecret);
  });

  test('does nothing when the pending version already holds a value', async () => {
    mockVersions();
    secretsMock
      .on(GetSecretValueCommand, { SecretId: SECRET, VersionStage: 'AWSPENDING', VersionId: TOKEN })
      .resolves({ SecretString: JSON.stringify(NEW) });
    const { fetch, calls } = fakeFetch();
    await rotate(context(fetch), event('createSecret'));
    expect([
      calls.length,
      sqsMock.calls().length,
      secretsMock.commandCalls(PutSecretValueCommand).length,
    ]).toEqual([0, 0, 0]);
  });

  test('refuses a token that is no version of the secret, and a secret without rotation', async () => {
    mockVersions({ [CURRENT_VERSION]: ['AWSCURRENT'] });
    const { fetch } = fakeFetch();
    await expect(rotate(context(fetch), event('createSecret'))).rejects.toThrow(
      'The rotation token is no version of the secret',
    );
    secretsMock.on(DescribeSecretCommand).resolves({ RotationEnabled: false });
    await expect(rotate(context(fetch), event('testSecret'))).rejects.toThrow(
      'Rotation is not enabled on the secret',
    );
  });
});

describe('testSecret and finishSecret', () => {
  beforeEach(() => {
    mockVersions();
    secretsMock
      .on(GetSecretValueCommand, { SecretId: SECRET, VersionStage: 'AWSPENDING', VersionId: TOKEN })
      .resolves({ SecretString: JSON.stringify(NEW) });
  });

  test('testSecret proves the pending secret with an LWA token call', async () => {
    const { fetch, calls } = fakeFetch();
    await rotate(context(fetch), event('testSecret'));
    expect(calls.map((c) => c.url)).toEqual([LWA_TOKEN_URL]);
    expect(new URLSearchParams(String(calls[0].init.body)).get('client_secret')).toBe(
      NEW.clientSecret,
    );
  });

  test('testSecret fails when LWA refuses the pending secret', async () => {
    const { fetch } = fakeFetch({ tokenStatus: 401 });
    await expect(rotate(context(fetch), event('testSecret'))).rejects.toThrow(
      'The LWA token request failed: HTTP 401 (invalid_client)',
    );
  });

  test('testSecret of the configuration test, with no new secret to prove, calls no one', async () => {
    const { fetch, calls } = fakeFetch({ tokenStatus: 401 });
    // Secrets Manager copies nothing into the pending version
    mockNoPendingValue();
    await rotate(context(fetch), event('testSecret'));
    // or the pending version holds what the current one holds, the placeholder at first
    secretsMock
      .on(GetSecretValueCommand, { SecretId: SECRET, VersionStage: 'AWSPENDING', VersionId: TOKEN })
      .resolves({ SecretString: JSON.stringify(OLD) });
    await rotate(context(fetch), event('testSecret'));
    expect(calls).toEqual([]);
  });

  test('setSecret calls no one: Amazon activated the secret when it issued it', async () => {
    const { fetch, calls } = fakeFetch();
    await rotate(context(fetch), event('setSecret'));
    expect([calls.length, sqsMock.calls().length]).toEqual([0, 0]);
  });

  test('finishSecret moves AWSCURRENT to the tested version, once', async () => {
    const { fetch } = fakeFetch();
    await rotate(context(fetch), event('finishSecret'));
    expect(
      secretsMock.commandCalls(UpdateSecretVersionStageCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        SecretId: SECRET,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: TOKEN,
        RemoveFromVersionId: CURRENT_VERSION,
      },
    ]);
    mockVersions({ [CURRENT_VERSION]: [], [TOKEN]: ['AWSCURRENT'] });
    await rotate(context(fetch), event('finishSecret'));
    expect(secretsMock.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(1);
  });

  test('an unknown step fails', async () => {
    await expect(rotate(context(fakeFetch().fetch), event('cleanUp'))).rejects.toThrow(
      'Unknown rotation step: cleanUp',
    );
  });
});

describe('the notification', () => {
  test('is read from the documented payload, and anything else is no new secret', () => {
    expect(parseNewSecret(notification())).toEqual({
      clientId: CLIENT_ID,
      clientSecret: NEW.clientSecret,
      oldSecretExpiry: '2026-12-08T10:00:00Z',
    });
    expect(parseNewSecret('not json')).toBeUndefined();
    expect(
      parseNewSecret(
        JSON.stringify({ notificationType: 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY' }),
      ),
    ).toBeUndefined();
    expect(parseNewSecret(undefined)).toBeUndefined();
  });

  test('an LWA answer without a token is a failure', async () => {
    const fetchFn = jest.fn(async () => new Response('{}', { status: 200 }));
    await expect(
      grantlessAccessToken(OLD, ROTATION_SCOPE, fetchFn as unknown as typeof fetch),
    ).rejects.toThrow('The LWA token response holds no access_token');
  });
});

describe('the kill switch', () => {
  test.each([
    ['running', 'running'],
    ['stopped', 'stopped'],
    ['anything else', 'stopped'],
  ])('a switch at %s tags both secrets %s', async (value, tag) => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: value } });
    await applyKillSwitch(
      new SSMClient({}),
      new SecretsManagerClient({}),
      '/switch',
      [SECRET, TOKENS],
      'cdk-dpp:kill-switch',
    );
    expect(secretsMock.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual(
      [SECRET, TOKENS].map((SecretId) => ({
        SecretId,
        Tags: [{ Key: 'cdk-dpp:kill-switch', Value: tag }],
      })),
    );
  });
});

describe('the ages', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  test('the refresh tokens are as old as the oldest seller authorization', async () => {
    secretsMock.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        A1: { refreshToken: 'Atzr|1', authorizedAt: '2026-11-01T00:00:00Z' },
        A2: { refreshToken: 'Atzr|2', authorizedAt: '2026-01-05T00:00:00Z' },
      }),
    });
    expect(await refreshTokenAge(new SecretsManagerClient({}), TOKENS, now)).toBe(330);
  });

  test('refresh tokens without dates count from the last change of the secret', async () => {
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: 'placeholder' });
    secretsMock
      .on(DescribeSecretCommand)
      .resolves({ LastChangedDate: new Date('2026-11-21T00:00:00Z') });
    expect(await refreshTokenAge(new SecretsManagerClient({}), TOKENS, now)).toBe(10);
  });

  test('an age is one embedded-metric-format line; no date at all is reported as very old', () => {
    expect(JSON.parse(ageMetricLine('ClientCredentials', 12, now))).toEqual({
      _aws: {
        Timestamp: now.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'cdk-dpp/SpApiCredentials',
            Dimensions: [['Secret']],
            Metrics: [{ Name: 'DaysSinceRotation', Unit: 'None' }],
          },
        ],
      },
      Secret: 'ClientCredentials',
      DaysSinceRotation: 12,
    });
    expect(
      JSON.parse(ageMetricLine('RefreshTokens', Number.POSITIVE_INFINITY, now)).DaysSinceRotation,
    ).toBe(100_000);
  });
});

describe('the handler', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env[ENV.clientCredentials] = SECRET;
    process.env[ENV.refreshTokens] = TOKENS;
    process.env[ENV.queueUrl] = QUEUE;
    process.env[ENV.endpoint] = ENDPOINT;
    process.env[ENV.killSwitchParameter] = '/switch';
    process.env[ENV.killSwitchTag] = 'cdk-dpp:kill-switch';
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'running' } });
  });
  afterAll(() => {
    process.env = saved;
  });
  const lambdaContext = { getRemainingTimeInMillis: () => 900_000 };

  test('rotates only the client credentials secret', async () => {
    await expect(
      handler({ SecretId: TOKENS, ClientRequestToken: TOKEN, Step: 'createSecret' }, lambdaContext),
    ).rejects.toThrow('Only the client credentials secret is rotated by this function');
  });

  test('on a kill-switch change, applies the switch and reports no age', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await handler({ source: 'aws.ssm' }, lambdaContext);
    expect(secretsMock.commandCalls(TagResourceCommand)).toHaveLength(2);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  test('on the schedule, applies the switch and reports both ages', async () => {
    secretsMock.on(DescribeSecretCommand).resolves({ CreatedDate: new Date() });
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: '{}' });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await handler({ source: 'aws.events' }, lambdaContext);
    expect(secretsMock.commandCalls(TagResourceCommand)).toHaveLength(2);
    expect(log.mock.calls.map(([line]) => JSON.parse(String(line)).Secret)).toEqual([
      'ClientCredentials',
      'RefreshTokens',
    ]);
    log.mockRestore();
  });
});
