import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  ClientCredentials,
  Fetch,
  ROTATION_SCOPE,
  grantlessAccessToken,
  requestNewClientSecret,
} from './lwa';
import { NotificationQueue, deleteMessages, receiveNewSecret } from './notification';

/** What Secrets Manager sends a rotation function, once per step. */
export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: string;
}

/** What a rotation step needs. */
export interface RotationContext {
  readonly secrets: SecretsManagerClient;
  readonly queue: NotificationQueue;
  readonly fetch: Fetch;
  /** The Selling Partner API endpoint of the application's region. */
  readonly endpoint: string;
}

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

/** The client credentials a secret version holds. */
export function credentialsOf(secretString: string | undefined): ClientCredentials {
  let value: Partial<ClientCredentials> = {};
  try {
    value = JSON.parse(secretString ?? '') as Partial<ClientCredentials>;
  } catch {
    // reported below, without the value
  }
  if (typeof value.clientId !== 'string' || typeof value.clientSecret !== 'string') {
    throw new Error('The secret must be JSON with the string fields clientId and clientSecret');
  }
  return { clientId: value.clientId, clientSecret: value.clientSecret };
}

async function versionStages(
  context: RotationContext,
  event: RotationEvent,
): Promise<Record<string, string[]>> {
  const metadata = await context.secrets.send(
    new DescribeSecretCommand({ SecretId: event.SecretId }),
  );
  if (!metadata.RotationEnabled) throw new Error('Rotation is not enabled on the secret');
  const stages = metadata.VersionIdsToStages ?? {};
  if (!stages[event.ClientRequestToken]) {
    throw new Error('The rotation token is no version of the secret');
  }
  return stages;
}

async function credentialsAt(
  context: RotationContext,
  secretId: string,
  stage: string,
  versionId?: string,
): Promise<ClientCredentials> {
  const value = await context.secrets.send(
    new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }),
  );
  return credentialsOf(value.SecretString);
}

/**
 * createSecret: asks Amazon for a new client secret and stores it as the AWSPENDING version.
 * A new secret already waiting on the queue (from a call whose step timed out) is taken first,
 * so a retried step does not rotate twice. Amazon delivers the new secret asynchronously, to
 * the queue; the step waits for it until the queue's deadline and fails if it does not come.
 */
export async function createSecret(context: RotationContext, event: RotationEvent): Promise<void> {
  const stages = await versionStages(context, event);
  if (stages[event.ClientRequestToken].includes(CURRENT)) return;
  try {
    await credentialsAt(context, event.SecretId, PENDING, event.ClientRequestToken);
    return;
  } catch (error) {
    // Secrets Manager labels the new version AWSPENDING before the step, without a value.
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const current = await credentialsAt(context, event.SecretId, CURRENT);
  let received = await receiveNewSecret(context.queue, current.clientId, false);
  if (!received) {
    const token = await grantlessAccessToken(current, ROTATION_SCOPE, context.fetch);
    await requestNewClientSecret(context.endpoint, token, context.fetch);
    received = await receiveNewSecret(context.queue, current.clientId, true);
  }
  if (!received) {
    throw new Error(
      'No APPLICATION_OAUTH_CLIENT_NEW_SECRET notification arrived on the queue; the current ' +
        'client secret stays valid for 7 days after the rotation call',
    );
  }
  await context.secrets.send(
    new PutSecretValueCommand({
      SecretId: event.SecretId,
      ClientRequestToken: event.ClientRequestToken,
      SecretString: JSON.stringify({
        clientId: received.secret.clientId,
        clientSecret: received.secret.clientSecret,
      }),
      VersionStages: [PENDING],
    }),
  );
  await deleteMessages(context.queue, received.receipts);
}

/**
 * setSecret: nothing to do. Amazon activates the new client secret when it issues it; the old
 * one keeps working for 7 days, so the application reads either until finishSecret.
 */
export async function setSecret(context: RotationContext, event: RotationEvent): Promise<void> {
  await versionStages(context, event);
}

/**
 * testSecret: an LWA token call with the AWSPENDING credentials must succeed. A pending version
 * without a value of its own (none, or a copy of the current one) has nothing new to prove:
 * that is Secrets Manager testing the configuration when a schedule is set without an immediate
 * rotation, while the secret may still hold its placeholder.
 */
export async function testSecret(context: RotationContext, event: RotationEvent): Promise<void> {
  await versionStages(context, event);
  let pending: ClientCredentials;
  try {
    pending = await credentialsAt(context, event.SecretId, PENDING, event.ClientRequestToken);
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return;
    throw error;
  }
  const current = await context.secrets.send(
    new GetSecretValueCommand({ SecretId: event.SecretId, VersionStage: CURRENT }),
  );
  if (current.SecretString === JSON.stringify(pending)) return;
  await grantlessAccessToken(pending, ROTATION_SCOPE, context.fetch);
}

/** finishSecret: moves AWSCURRENT to the tested version. */
export async function finishSecret(context: RotationContext, event: RotationEvent): Promise<void> {
  const stages = await versionStages(context, event);
  const current = Object.keys(stages).find((version) => stages[version].includes(CURRENT));
  if (current === event.ClientRequestToken) return;
  await context.secrets.send(
    new UpdateSecretVersionStageCommand({
      SecretId: event.SecretId,
      VersionStage: CURRENT,
      MoveToVersionId: event.ClientRequestToken,
      RemoveFromVersionId: current,
    }),
  );
}

const STEPS: Record<string, (context: RotationContext, event: RotationEvent) => Promise<void>> = {
  createSecret,
  setSecret,
  testSecret,
  finishSecret,
};

/** Runs one step of the Secrets Manager rotation of the client credentials. */
export async function rotate(context: RotationContext, event: RotationEvent): Promise<void> {
  const step = STEPS[event.Step];
  if (!step) throw new Error(`Unknown rotation step: ${event.Step}`);
  await step(context, event);
}
