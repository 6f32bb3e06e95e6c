import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { IAMClient } from '@aws-sdk/client-iam';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AccessReview, PiiResource, formatReview, reviewAccess } from './access-review';

/** The environment the construct sets on the function. */
export const ENV = {
  topicArn: 'REVIEW_TOPIC_ARN',
  piiResources: 'PII_RESOURCES',
  analyzerArns: 'ANALYZER_ARNS',
} as const;

const iam = new IAMClient({});
const accessAnalyzer = new AccessAnalyzerClient({});
const sns = new SNSClient({});

/**
 * The monthly access review (DPP-NP-4): lists the principals whose policies let them read each
 * PII store and the active IAM Access Analyzer findings, and sends the list to the reviewer.
 */
export async function handler(): Promise<AccessReview> {
  const review = await reviewAccess({
    iam,
    accessAnalyzer,
    piiResources: parseList<PiiResource>(ENV.piiResources),
    analyzerArns: parseList<string>(ENV.analyzerArns),
  });
  await sns.send(
    new PublishCommand({
      TopicArn: requiredEnv(ENV.topicArn),
      Subject: 'Monthly access review (DPP-NP-4)',
      Message: formatReview(review, new Date()),
    }),
  );
  return review;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

function parseList<T>(name: string): T[] {
  const parsed: unknown = JSON.parse(requiredEnv(name));
  if (!Array.isArray(parsed)) throw new Error(`Environment variable ${name} must be a JSON array`);
  return parsed as T[];
}
