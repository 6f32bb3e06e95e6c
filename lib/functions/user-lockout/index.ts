import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MAX_FAILED_SIGN_INS, lockOutAfterFailures } from './user-lockout';

/** The environment the construct sets on the function. */
export const ENV = { topicArn: 'INCIDENT_TOPIC_ARN' } as const;

/** The part of a Cognito pre-authentication trigger event the lockout reads. */
export interface PreAuthenticationEvent {
  readonly userPoolId: string;
  readonly userName: string;
  readonly request: {
    readonly userAttributes?: Readonly<Record<string, string>>;
    /** Set when no such user exists (the client prevents user-existence errors). */
    readonly userNotFound?: boolean;
  };
}

/** The message the user's sign-in fails with once the account is disabled. */
export const LOCKED_MESSAGE =
  'The account is locked after repeated unsuccessful sign-ins; an administrator must enable it.';

const cognito = new CognitoIdentityProviderClient({});
const sns = new SNSClient({});

/**
 * The pre-authentication trigger of a `SecureUserPool` (DPP-25-LOCK, DPP-NP-6): Cognito calls it
 * before it checks each sign-in attempt. When the user's last ten sign-ins failed, it disables
 * the user, tells the incident topic (naming the user by `sub`, not by name or e-mail) and
 * refuses the attempt. Otherwise it returns the event unchanged and Cognito goes on. For a user
 * that does not exist it returns at once, so that the attempt fails as any wrong password does
 * and reveals nothing.
 */
export async function handler(event: PreAuthenticationEvent): Promise<PreAuthenticationEvent> {
  if (event.request.userNotFound === true) return event;
  const decision = await lockOutAfterFailures(cognito, event.userPoolId, event.userName);
  if (!decision.locked) return event;
  const sub = event.request.userAttributes?.sub ?? 'unknown';
  await sns.send(
    new PublishCommand({
      TopicArn: requiredEnv(ENV.topicArn),
      Subject: 'User account disabled after failed sign-ins (DPP-25-LOCK)',
      Message:
        `The user with sub ${sub} of the user pool ${event.userPoolId} failed to sign in ` +
        `${MAX_FAILED_SIGN_INS} times in a row and was disabled (AdminDisableUser). Review the ` +
        'user event history of the pool; enable the user (AdminEnableUser) only once the ' +
        'attempts are explained.',
    }),
  );
  throw new Error(LOCKED_MESSAGE);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
