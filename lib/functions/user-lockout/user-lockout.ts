import {
  AdminDisableUserCommand,
  AuthEventType,
  CognitoIdentityProviderClient,
  paginateAdminListUserAuthEvents,
} from '@aws-sdk/client-cognito-identity-provider';

/** The unsuccessful sign-ins in a row after which an account is disabled (DPP-25-LOCK). */
export const MAX_FAILED_SIGN_INS = 10;

/**
 * How many sign-ins of the user failed in a row since the last successful one, counted from
 * the threat-protection event history (`AdminListUserAuthEvents`, newest first), up to `max`.
 * Events of other types (sign-up, password change) and sign-ins still in progress (the password
 * passed, the MFA challenge is pending) neither count nor reset the count.
 */
export async function consecutiveFailedSignIns(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
  max: number = MAX_FAILED_SIGN_INS,
): Promise<number> {
  let failures = 0;
  const pages = paginateAdminListUserAuthEvents(
    { client: cognito },
    { UserPoolId: userPoolId, Username: username, MaxResults: 60 },
  );
  for await (const page of pages) {
    for (const event of newestFirst(page.AuthEvents ?? [])) {
      if (event.EventType !== 'SignIn') continue;
      if (event.EventResponse === 'Pass') return failures;
      if (event.EventResponse === 'Fail' && ++failures >= max) return failures;
    }
  }
  return failures;
}

/** The events of one page, newest first, whatever order the page gives them in. */
function newestFirst(events: readonly AuthEventType[]): AuthEventType[] {
  return [...events].sort(
    (a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0),
  );
}

/** What the lockout decided for one sign-in attempt. */
export interface LockoutDecision {
  /** The unsuccessful sign-ins in a row before this attempt, counted up to the maximum. */
  readonly failures: number;
  /** Whether the account was disabled and the attempt refused. */
  readonly locked: boolean;
}

/**
 * Decides one sign-in attempt: when the user's last `max` sign-ins all failed, disables the user
 * (`AdminDisableUser`), so that no further attempt can succeed until an administrator enables
 * the account again.
 */
export async function lockOutAfterFailures(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
  max: number = MAX_FAILED_SIGN_INS,
): Promise<LockoutDecision> {
  const failures = await consecutiveFailedSignIns(cognito, userPoolId, username, max);
  if (failures < max) return { failures, locked: false };
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
  return { failures, locked: true };
}
