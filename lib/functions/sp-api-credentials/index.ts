import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ENV, SECRET_NAMES } from '../../../constructs/secrets/sp-api-credential-names';
import { RotationEvent, rotate } from './rotation';
import { ageMetricLine, applyKillSwitch, clientSecretAge, refreshTokenAge } from './upkeep';

/** What is left of the invocation when a step stops waiting for the notification. */
const SAFETY_MARGIN_MS = 30_000;

const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({});
const ssm = new SSMClient({});

/** The part of the Lambda context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** An EventBridge event: the kill switch changed, or the daily schedule. */
interface ScheduledOrChangeEvent {
  readonly source?: string;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

function isRotation(event: unknown): event is RotationEvent {
  const e = event as Partial<RotationEvent>;
  return typeof e?.Step === 'string' && typeof e.SecretId === 'string';
}

/**
 * The upkeep of the SP-API credentials. Secrets Manager invokes it for each rotation step of
 * the LWA client credentials; EventBridge when the kill switch changes (the switch is copied
 * onto the secrets) and once a day (the switch again, and the age of each secret as a metric).
 */
export async function handler(
  event: RotationEvent | ScheduledOrChangeEvent,
  context: InvocationContext,
): Promise<void> {
  const clientCredentials = requiredEnv(ENV.clientCredentials);
  const refreshTokens = requiredEnv(ENV.refreshTokens);
  if (isRotation(event)) {
    if (event.SecretId !== clientCredentials) {
      throw new Error('Only the client credentials secret is rotated by this function');
    }
    await rotate(
      {
        secrets,
        fetch,
        endpoint: requiredEnv(ENV.endpoint),
        queue: {
          sqs,
          queueUrl: requiredEnv(ENV.queueUrl),
          deadline: Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
          now: Date.now,
        },
      },
      event,
    );
    return;
  }
  await applyKillSwitch(
    ssm,
    secrets,
    requiredEnv(ENV.killSwitchParameter),
    [clientCredentials, refreshTokens],
    requiredEnv(ENV.killSwitchTag),
  );
  if (event.source === 'aws.ssm') return;
  const now = new Date();
  console.log(
    ageMetricLine(
      SECRET_NAMES.clientCredentials,
      await clientSecretAge(secrets, clientCredentials, now),
      now,
    ),
  );
  console.log(
    ageMetricLine(
      SECRET_NAMES.refreshTokens,
      await refreshTokenAge(secrets, refreshTokens, now),
      now,
    ),
  );
}
