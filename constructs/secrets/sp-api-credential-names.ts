/*
 * The names the upkeep function (lib/functions/sp-api-credentials) and the `SpApiCredentials` construct share. This file imports
 * nothing, so the construct reads it without loading the function's AWS SDK clients.
 */

/** The kill-switch state under which the application may read the secrets. */
export const RUNNING = 'running';
/** The state every other value of the switch is taken as: the application may not read. */
export const STOPPED = 'stopped';

/** The namespace of the age metric, written as CloudWatch embedded metric format. */
export const AGE_NAMESPACE = 'cdk-dpp/SpApiCredentials';
/** The name of the age metric: whole days since the secret was last renewed. */
export const AGE_METRIC = 'DaysSinceRotation';
/** The dimension of the age metric that names the secret. */
export const AGE_DIMENSION = 'Secret';

/** The environment the construct sets on the function. */
export const ENV = {
  clientCredentials: 'CLIENT_CREDENTIALS_SECRET_ARN',
  refreshTokens: 'REFRESH_TOKENS_SECRET_ARN',
  queueUrl: 'NEW_SECRET_QUEUE_URL',
  endpoint: 'SELLING_PARTNER_API_ENDPOINT',
  killSwitchParameter: 'KILL_SWITCH_PARAMETER',
  killSwitchTag: 'KILL_SWITCH_TAG',
} as const;

/** The values of the age metric's dimension. */
export const SECRET_NAMES = {
  clientCredentials: 'ClientCredentials',
  refreshTokens: 'RefreshTokens',
} as const;
