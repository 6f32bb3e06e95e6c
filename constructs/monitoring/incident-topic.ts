import {
  Stack,
  Token,
  aws_iam as iam,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';

const CLAUSES = ['DPP-LM-7', 'DPP-25-IMPOC', 'SOC-C7', 'DPP-ES-1', 'DPP-25-TLS'];

/** What an incident contact's e-mail address must look like. */
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The services that publish security notifications: CloudWatch alarms and EventBridge rules. */
const PUBLISHING_SERVICES: Readonly<Record<string, string>> = {
  CloudWatchAlarms: 'cloudwatch.amazonaws.com',
  EventBridge: 'events.amazonaws.com',
};

/**
 * Props of an `IncidentTopic`.
 */
export interface IncidentTopicProps {
  /**
   * The e-mail address of the Incident Management Point of Contact (DPP-25-IMPOC). A token (for
   * example a stack parameter) is accepted unchecked.
   */
  readonly incidentEmail: string;
  /**
   * The key that encrypts the notifications.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * The name of the topic.
   * @default - a name CloudFormation generates
   */
  readonly topicName?: string;
}

/**
 * The SNS topic every security alarm and finding notifies, subscribed by the incident contact
 * (DPP-LM-7, DPP-25-IMPOC): KMS-encrypted with a key that only CloudWatch alarms and EventBridge
 * of this account (and principals granted `grantPublish`) may use, publish over TLS only.
 */
export class IncidentTopic extends sns.Topic {
  /** The key that encrypts the notifications. */
  public readonly key: PiiKey;

  public constructor(scope: Construct, id: string, props: IncidentTopicProps) {
    validateIncidentEmail(scope, props.incidentEmail, id);
    const key =
      props.encryptionKey ??
      new PiiKey(scope, `${id}Key`, { description: 'Encrypts security notifications (cdk-dpp)' });
    super(scope, id, {
      topicName: props.topicName,
      displayName: 'Security incidents',
      masterKey: key,
      enforceSSL: true,
    });
    this.key = key;

    const { account } = Stack.of(this);
    for (const [name, service] of Object.entries(PUBLISHING_SERVICES)) {
      const principal = new iam.ServicePrincipal(service);
      key.grantToService(
        `IncidentNotificationsFrom${name}`,
        principal,
        ['kms:GenerateDataKey*', 'kms:Decrypt'],
        { StringEquals: { 'aws:SourceAccount': account } },
      );
      this.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `PublishFrom${name}`,
          principals: [principal],
          actions: ['sns:Publish'],
          resources: [this.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
    }
    this.addSubscription(new subscriptions.EmailSubscription(props.incidentEmail));
    DppMetadata.of(this.node.defaultChild as sns.CfnTopic).implementsControls(
      'IncidentTopic',
      CLAUSES,
    );
  }
}

/**
 * Throws unless `email` is an e-mail address (tokens pass). `childId` names the construct under
 * `scope` when the check runs before that construct exists.
 */
export function validateIncidentEmail(scope: Construct, email: string, childId?: string): void {
  const problems = new Problems(scope, childId);
  problems.check(
    Token.isUnresolved(email) || EMAIL_ADDRESS.test(email),
    'incidentEmail',
    'must be the e-mail address of the incident contact (or pass `incidentTopic`)',
    ['DPP-25-IMPOC'],
    JSON.stringify(email),
  );
  problems.throwIfAny();
}
