import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** The notification type that carries a new client secret. */
export const NEW_SECRET_NOTIFICATION = 'APPLICATION_OAUTH_CLIENT_NEW_SECRET';

/** What an APPLICATION_OAUTH_CLIENT_NEW_SECRET notification says about the new secret. */
export interface NewClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  /** When the old secret stops working (ISO 8601), when the notification says. */
  readonly oldSecretExpiry?: string;
}

/**
 * The new client secret an SQS message body carries, or undefined when the body is another
 * notification or not one at all.
 */
export function parseNewSecret(body: string | undefined): NewClientSecret | undefined {
  let notification: {
    notificationType?: unknown;
    payload?: { applicationOAuthClientNewSecret?: Record<string, unknown> };
  };
  try {
    notification = JSON.parse(body ?? '') as typeof notification;
  } catch {
    return undefined;
  }
  if (notification?.notificationType !== NEW_SECRET_NOTIFICATION) return undefined;
  const payload = notification.payload?.applicationOAuthClientNewSecret ?? {};
  const { clientId, newClientSecret, oldClientSecretExpiryTime } = payload;
  if (typeof clientId !== 'string' || typeof newClientSecret !== 'string') return undefined;
  return {
    clientId,
    clientSecret: newClientSecret,
    oldSecretExpiry:
      typeof oldClientSecretExpiryTime === 'string' ? oldClientSecretExpiryTime : undefined,
  };
}

/** The queue and how long to wait on it. */
export interface NotificationQueue {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** When to stop waiting, in milliseconds since the epoch. */
  readonly deadline: number;
  /** The clock (`Date.now`; a stub in tests). */
  readonly now: () => number;
}

/** The longest SQS long poll, in seconds. */
const LONG_POLL_SECONDS = 20;

/**
 * Receives from the queue until a new secret for `clientId` arrives or the deadline passes,
 * and returns the newest one received, with the receipt handles of every message that carried
 * a secret for that client (deleted only once the secret is stored). Messages for other
 * clients or of other types are left to the queue, which moves them to its dead-letter queue.
 */
export async function receiveNewSecret(
  queue: NotificationQueue,
  clientId: string,
  waitForIt: boolean,
): Promise<{ secret: NewClientSecret; receipts: string[] } | undefined> {
  let secret: NewClientSecret | undefined;
  const receipts: string[] = [];
  do {
    const remaining = Math.floor((queue.deadline - queue.now()) / 1000);
    const { Messages: messages = [] } = await queue.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitForIt ? Math.max(0, Math.min(LONG_POLL_SECONDS, remaining)) : 0,
      }),
    );
    for (const message of messages) {
      const received = parseNewSecret(message.Body);
      if (received?.clientId !== clientId || !message.ReceiptHandle) continue;
      secret = received;
      receipts.push(message.ReceiptHandle);
    }
    if (secret) return { secret, receipts };
  } while (waitForIt && queue.now() < queue.deadline);
  return undefined;
}

/** Deletes the messages that carried a stored secret. */
export async function deleteMessages(queue: NotificationQueue, receipts: string[]): Promise<void> {
  for (const receipt of receipts) {
    await queue.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.queueUrl, ReceiptHandle: receipt }),
    );
  }
}
