import {
  AdminDisableUserCommand,
  AdminListUserAuthEventsCommand,
  AuthEventType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { ENV, LOCKED_MESSAGE, handler } from '../../lib/functions/user-lockout/index';
import {
  MAX_FAILED_SIGN_INS,
  consecutiveFailedSignIns,
} from '../../lib/functions/user-lockout/user-lockout';

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const snsMock = mockClient(SNSClient);

const POOL = 'eu-west-1_Example1';
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:incidents';
const EVENT = {
  userPoolId: POOL,
  userName: 'buyer-support@example.com',
  request: { userAttributes: { sub: 'a1b2c3d4-sub' } },
};

/** Sign-in events, newest first, one minute apart. */
function signIns(...responses: ('Pass' | 'Fail' | 'InProgress')[]): AuthEventType[] {
  const now = Date.UTC(2026, 11, 1, 12);
  return responses.map((EventResponse, i) => ({
    EventType: 'SignIn',
    EventResponse,
    CreationDate: new Date(now - i * 60_000),
  }));
}

const fails = (n: number) => Array<'Fail'>(n).fill('Fail');

beforeEach(() => {
  cognitoMock.reset();
  snsMock.reset();
  process.env[ENV.topicArn] = TOPIC;
});

describe('consecutiveFailedSignIns', () => {
  const client = new CognitoIdentityProviderClient({});

  it('counts the failures since the last successful sign-in, not those before it', async () => {
    cognitoMock
      .on(AdminListUserAuthEventsCommand)
      .resolves({ AuthEvents: signIns('Fail', 'Fail', 'Fail', 'Pass', 'Fail', 'Fail') });
    expect(await consecutiveFailedSignIns(client, POOL, 'u')).toBe(3);
    expect(cognitoMock.commandCalls(AdminListUserAuthEventsCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'u',
      MaxResults: 60,
    });
  });

  it('reads the next page until a successful sign-in ends the run', async () => {
    cognitoMock
      .on(AdminListUserAuthEventsCommand)
      .resolvesOnce({ AuthEvents: signIns(...fails(6)), NextToken: 'page-2' })
      .resolvesOnce({ AuthEvents: signIns('Fail', 'Pass', ...fails(5)) });
    expect(await consecutiveFailedSignIns(client, POOL, 'u')).toBe(7);
    expect(cognitoMock.commandCalls(AdminListUserAuthEventsCommand)[1].args[0].input).toEqual(
      expect.objectContaining({ NextToken: 'page-2' }),
    );
  });

  it('ignores other event types and pending sign-ins, and orders a page by date', async () => {
    const events = [
      ...signIns('Fail', 'InProgress', 'Fail'),
      { EventType: 'PasswordChange', EventResponse: 'Pass', CreationDate: new Date(0) },
    ].reverse() as AuthEventType[];
    cognitoMock.on(AdminListUserAuthEventsCommand).resolves({ AuthEvents: events });
    expect(await consecutiveFailedSignIns(client, POOL, 'u')).toBe(2);
  });

  it('stops reading at the maximum', async () => {
    cognitoMock
      .on(AdminListUserAuthEventsCommand)
      .resolvesOnce({ AuthEvents: signIns(...fails(12)), NextToken: 'page-2' });
    expect(await consecutiveFailedSignIns(client, POOL, 'u')).toBe(MAX_FAILED_SIGN_INS);
    expect(cognitoMock.commandCalls(AdminListUserAuthEventsCommand)).toHaveLength(1);
  });
});

describe('handler', () => {
  it('lets the attempt go on after nine failures in a row', async () => {
    cognitoMock.on(AdminListUserAuthEventsCommand).resolves({ AuthEvents: signIns(...fails(9)) });
    await expect(handler(EVENT)).resolves.toBe(EVENT);
    expect(cognitoMock.commandCalls(AdminDisableUserCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('disables the user after ten failures in a row, tells the incident topic by sub and refuses the attempt', async () => {
    cognitoMock
      .on(AdminListUserAuthEventsCommand)
      .resolves({ AuthEvents: signIns(...fails(10), 'Pass') });
    await expect(handler(EVENT)).rejects.toThrow(LOCKED_MESSAGE);
    expect(cognitoMock.commandCalls(AdminDisableUserCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL,
      Username: EVENT.userName,
    });
    const published = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(published.TopicArn).toBe(TOPIC);
    expect(published.Message).toContain('a1b2c3d4-sub');
    expect(published.Message).not.toContain(EVENT.userName);
  });

  it('returns at once for a user that does not exist, as Cognito asks it when user-existence errors are prevented', async () => {
    const unknown = { ...EVENT, request: { userNotFound: true } };
    await expect(handler(unknown)).resolves.toBe(unknown);
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('fails loudly when the topic is not configured', async () => {
    process.env[ENV.topicArn] = '';
    cognitoMock.on(AdminListUserAuthEventsCommand).resolves({ AuthEvents: signIns(...fails(10)) });
    await expect(handler(EVENT)).rejects.toThrow(`${ENV.topicArn} is not set`);
  });
});
