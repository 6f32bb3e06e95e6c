import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  AGE_DIMENSION,
  AGE_METRIC,
  AGE_NAMESPACE,
  RUNNING,
  STOPPED,
} from '../../../constructs/secrets/sp-api-credential-names';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Copies the kill switch onto the secrets: tags each with `tagKey` set to `running` or, for any
 * other value of the parameter, `stopped`. The secrets' resource policy denies the application
 * `GetSecretValue` unless the tag says `running`, so AWS enforces the switch.
 */
export async function applyKillSwitch(
  ssm: SSMClient,
  secrets: SecretsManagerClient,
  parameterName: string,
  secretIds: readonly string[],
  tagKey: string,
): Promise<string> {
  const { Parameter: parameter } = await ssm.send(new GetParameterCommand({ Name: parameterName }));
  const state = parameter?.Value === RUNNING ? RUNNING : STOPPED;
  for (const secretId of secretIds) {
    await secrets.send(
      new TagResourceCommand({ SecretId: secretId, Tags: [{ Key: tagKey, Value: state }] }),
    );
  }
  return state;
}

/** Whole days from `since` to `now`. */
function daysSince(since: Date | undefined, now: Date): number {
  return since ? Math.floor((now.getTime() - since.getTime()) / DAY_MS) : Number.POSITIVE_INFINITY;
}

/** Days since the client secret was last rotated (or, never rotated, since it was created). */
export async function clientSecretAge(
  secrets: SecretsManagerClient,
  secretId: string,
  now: Date,
): Promise<number> {
  const metadata = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
  return daysSince(metadata.LastRotatedDate ?? metadata.CreatedDate, now);
}

/**
 * Days since the oldest seller authorization the refresh-token secret holds. The secret maps
 * each selling partner ID to `{ refreshToken, authorizedAt }`; a value without a readable
 * `authorizedAt` counts from the secret's last change.
 */
export async function refreshTokenAge(
  secrets: SecretsManagerClient,
  secretId: string,
  now: Date,
): Promise<number> {
  const value = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  let tokens: Record<string, { authorizedAt?: unknown }> = {};
  try {
    tokens = JSON.parse(value.SecretString ?? '') as typeof tokens;
  } catch {
    // counted from the last change below
  }
  const dates = Object.values(tokens ?? {}).map((t) =>
    typeof t?.authorizedAt === 'string' ? new Date(t.authorizedAt) : undefined,
  );
  if (dates.length > 0 && dates.every((d) => d !== undefined && !isNaN(d.getTime()))) {
    return Math.max(...dates.map((d) => daysSince(d, now)));
  }
  const metadata = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
  return daysSince(metadata.LastChangedDate ?? metadata.CreatedDate, now);
}

/** One age as a CloudWatch embedded-metric-format log line: the metric costs no API call. */
export function ageMetricLine(secret: string, days: number, now: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: AGE_NAMESPACE,
          Dimensions: [[AGE_DIMENSION]],
          Metrics: [{ Name: AGE_METRIC, Unit: 'None' }],
        },
      ],
    },
    [AGE_DIMENSION]: secret,
    // A secret with no date at all is reported as older than any threshold.
    [AGE_METRIC]: Number.isFinite(days) ? days : 100_000,
  });
}
