import {
  Duration,
  RemovalPolicy,
  Stack,
  Tags,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_secretsmanager as secretsmanager,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_ssm as ssm,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  NIST_AND_HIPAA,
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { DATA_CLASS_TAG, DataClass } from '../common/data-class';
import { DppMetadata } from '../common/dpp-metadata';
import { functionAssetDir } from '../common/function-asset';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems, resolvedDays } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import { DataVpc } from '../network/data-vpc';
import {
  AGE_DIMENSION,
  AGE_METRIC,
  AGE_NAMESPACE,
  ENV,
  RUNNING,
  SECRET_NAMES,
} from './sp-api-credential-names';

/** The clauses `SpApiCredentials` implements. */
const CLAUSES = ['DPP-25-CRED', 'DPP-NP-2', 'DPP-NP-3', 'DPP-ES-1'];

/** The longest rotation interval of the client secret (DPP-25-CRED). */
export const MAX_CLIENT_SECRET_ROTATION_DAYS = 90;

/** Selling partners reauthorize a public application every 365 days, with a new refresh token. */
export const SELLER_AUTHORIZATION_DAYS = 365;

/**
 * The AWS account from which the Selling Partner API sends notifications to SQS queues: the
 * account the SP-API notifications guide tells developers to allow `sqs:SendMessage` and
 * `sqs:GetQueueAttributes`.
 */
export const SP_API_NOTIFICATIONS_ACCOUNT = '437568002678';

/** The tag the upkeep function copies the kill switch onto; only it may set the tag. */
export const KILL_SWITCH_TAG = 'cdk-dpp:kill-switch';

/** The actions that read a secret's value. */
export const SECRET_READ_ACTIONS: readonly string[] = ['secretsmanager:GetSecretValue'];

/** The Selling Partner API region of the application: it picks the API endpoint. */
export enum SellingPartnerApiRegion {
  /** North America: `sellingpartnerapi-na.amazon.com`. */
  NORTH_AMERICA = 'na',
  /** Europe: `sellingpartnerapi-eu.amazon.com`. */
  EUROPE = 'eu',
  /** Far East: `sellingpartnerapi-fe.amazon.com`. */
  FAR_EAST = 'fe',
}

/**
 * Props of `SpApiCredentials`.
 */
export interface SpApiCredentialsProps {
  /** The key the secrets, the notification queue and the function's logs are encrypted with. */
  readonly encryptionKey: PiiKey;
  /** The VPC whose Secrets Manager endpoint is the application's only path to the secrets. */
  readonly vpc: DataVpc;
  /** The one role that reads the secrets, through the VPC endpoint only (DPP-NP-3). */
  readonly applicationRole: iam.IRole;
  /**
   * The kill switch: while its value is `running` the application may read the secrets; any
   * other value makes the secrets' resource policy deny the application (DPP-LP-1).
   */
  readonly killSwitch: ssm.IStringParameter;
  /** Where the alarms go: failed rotation, overdue rotation, old seller authorizations. */
  readonly incidentTopic: sns.ITopic;
  /**
   * The Selling Partner API region of the application.
   * @default SellingPartnerApiRegion.NORTH_AMERICA
   */
  readonly region?: SellingPartnerApiRegion;
  /**
   * How often the LWA client secret is rotated, at most 90 days (DPP-25-CRED); Amazon expires
   * it after 180.
   * @default Duration.days(90)
   */
  readonly rotationInterval?: Duration;
  /**
   * The age of the oldest seller authorization (refresh token) at which an alarm asks for the
   * seller's reauthorization, below 365 days, when Amazon ends the authorization.
   * @default Duration.days(335)
   */
  readonly refreshTokenAlarmAge?: Duration;
}

/**
 * The credentials of an SP-API application in AWS Secrets Manager (DPP-25-CRED, DPP-NP-2): the
 * Login with Amazon client ID and secret, rotated on a schedule through the Application
 * Management API, and the sellers' refresh tokens, whose age is watched. Both secrets are
 * encrypted with the PII key and retained; their resource policy lets only the application role
 * (through the VPC endpoint, while the kill switch runs) and the upkeep function read them.
 */
export class SpApiCredentials extends Construct {
  /** The LWA client credentials: JSON `{ "clientId", "clientSecret" }`. */
  public readonly clientCredentials: secretsmanager.Secret;
  /**
   * The sellers' refresh tokens: JSON mapping each selling partner ID to
   * `{ "refreshToken", "authorizedAt" }` (ISO 8601 date of the seller's authorization).
   */
  public readonly refreshTokens: secretsmanager.Secret;
  /** The queue registered for the APPLICATION_OAUTH_CLIENT_NEW_SECRET notification. */
  public readonly newSecretQueue: sqs.Queue;
  /** The function that rotates the client secret, applies the kill switch and reports ages. */
  public readonly upkeepFunction: lambda.Function;
  /** The rotation schedule of the client credentials. */
  public readonly rotationSchedule: secretsmanager.CfnRotationSchedule;

  public constructor(scope: Construct, id: string, props: SpApiCredentialsProps) {
    requireProps(scope, id, props);
    const rotationInterval =
      props.rotationInterval ?? Duration.days(MAX_CLIENT_SECRET_ROTATION_DAYS);
    const refreshTokenAlarmAge = props.refreshTokenAlarmAge ?? Duration.days(335);
    const problems = new Problems(scope, id);
    problems.numberInRange(
      'rotationInterval',
      resolvedDays(rotationInterval),
      1,
      MAX_CLIENT_SECRET_ROTATION_DAYS,
      ['DPP-25-CRED'],
    );
    problems.numberInRange(
      'refreshTokenAlarmAge',
      resolvedDays(refreshTokenAlarmAge),
      1,
      SELLER_AUTHORIZATION_DAYS - 1,
      ['DPP-25-CRED'],
    );
    problems.throwIfAny();
    super(scope, id);
    const key = props.encryptionKey;
    const stack = Stack.of(this);

    this.clientCredentials = this.secret('ClientCredentials', key, {
      description: 'LWA client ID and secret of the SP-API application (cdk-dpp, DPP-25-CRED)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ clientId: 'put the LWA client ID here' }),
        generateStringKey: 'clientSecret',
      },
    });
    this.refreshTokens = this.secret('RefreshTokens', key, {
      description: 'Refresh tokens of the sellers who authorized the SP-API application (cdk-dpp)',
    });

    const deadLetters = new sqs.Queue(this, 'NewSecretDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.newSecretQueue = new sqs.Queue(this, 'NewSecretQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    for (const queue of [this.newSecretQueue, deadLetters]) {
      // They carry the application's client secret for minutes, never Amazon data.
      Tags.of(queue).add(DATA_CLASS_TAG, DataClass.NO_AMAZON_DATA);
      queue.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    acknowledgeBuiltIn(deadLetters, 'SpApiCredentials', {
      id: 'cdk-validator-cfnguard::sqs_dlq_check',
      reason:
        'This is the dead-letter queue of the new-secret queue; a message left here raises the ' +
        'NewSecretUnread alarm, and a further queue behind it would only move the message again.',
    });
    const notifications = new iam.AccountPrincipal(SP_API_NOTIFICATIONS_ACCOUNT);
    this.newSecretQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SellingPartnerApiNotifications',
        principals: [notifications],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
        resources: [this.newSecretQueue.queueArn],
      }),
    );
    key.grantToService(
      'SellingPartnerApiNotificationsUse',
      notifications,
      ['kms:GenerateDataKey', 'kms:Decrypt'],
      { StringEquals: { 'kms:ViaService': `sqs.${stack.region}.amazonaws.com` } },
    );

    const role = new ManagedPolicyRole(this, 'UpkeepRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Rotates the SP-API client secret and applies the kill switch (cdk-dpp)',
    });
    const logGroup = new PiiFreeLogGroup(this, 'UpkeepLogs', { encryptionKey: key });
    this.upkeepFunction = new lambda.Function(this, 'Upkeep', {
      description:
        'Rotates the LWA client secret, copies the kill switch onto the SP-API secrets, reports their age',
      code: lambda.Code.fromAsset(functionAssetDir('sp-api-credentials')),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      role,
      logGroup,
      environment: {
        [ENV.clientCredentials]: this.clientCredentials.secretArn,
        [ENV.refreshTokens]: this.refreshTokens.secretArn,
        [ENV.queueUrl]: this.newSecretQueue.queueUrl,
        [ENV.endpoint]: `https://sellingpartnerapi-${props.region ?? SellingPartnerApiRegion.NORTH_AMERICA}.amazon.com`,
        [ENV.killSwitchParameter]: props.killSwitch.parameterName,
        [ENV.killSwitchTag]: KILL_SWITCH_TAG,
      },
    });
    this.grantUpkeep(role, logGroup, props.killSwitch);

    this.upkeepFunction.addPermission('RotationInvoke', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: this.clientCredentials.secretArn,
      sourceAccount: stack.account,
    });
    this.rotationSchedule = new secretsmanager.CfnRotationSchedule(this, 'RotationSchedule', {
      secretId: this.clientCredentials.secretArn,
      rotationLambdaArn: this.upkeepFunction.functionArn,
      rotationRules: { scheduleExpression: `rate(${rotationInterval.toDays()} days)` },
      // The secret holds a placeholder until the operator puts the real credentials in: a
      // rotation at deployment would fail on it.
      rotateImmediatelyOnUpdate: false,
    });
    this.rotationSchedule.node.addDependency(this.upkeepFunction.node.findChild('RotationInvoke'));
    this.rotationSchedule.node.addDependency(role);

    new events.Rule(this, 'KillSwitchChanged', {
      description: 'Copies the kill switch onto the SP-API secrets when it changes (DPP-LP-1)',
      eventPattern: {
        source: ['aws.ssm'],
        detailType: ['Parameter Store Change'],
        detail: { name: [props.killSwitch.parameterName] },
      },
      targets: [new targets.LambdaFunction(this.upkeepFunction, { retryAttempts: 3 })],
    });
    new events.Rule(this, 'Hourly', {
      description: 'Applies the kill switch again and reports the age of the SP-API secrets',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.upkeepFunction, { retryAttempts: 3 })],
    });

    this.protectSecrets(props.applicationRole, role, props.vpc);
    this.grantApplicationRead(props.applicationRole, key);
    this.addAlarms(props.incidentTopic, deadLetters, rotationInterval, refreshTokenAlarmAge);
    this.acknowledgeDesign();
    for (const secret of [this.clientCredentials, this.refreshTokens]) {
      DppMetadata.of(secret.node.defaultChild as secretsmanager.CfnSecret).implementsControls(
        'SpApiCredentials',
        CLAUSES,
      );
    }
    DppMetadata.of(this.rotationSchedule).implementsControls('SpApiCredentials', ['DPP-25-CRED']);
  }

  private secret(
    id: string,
    key: PiiKey,
    props: Omit<secretsmanager.SecretProps, 'encryptionKey' | 'removalPolicy'>,
  ): secretsmanager.Secret {
    return new secretsmanager.Secret(this, id, {
      ...props,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private get secretArns(): string[] {
    return [this.clientCredentials.secretArn, this.refreshTokens.secretArn];
  }

  /** Exactly what the upkeep function calls, on these secrets, this queue and this switch. */
  private grantUpkeep(
    role: ManagedPolicyRole,
    logGroup: PiiFreeLogGroup,
    killSwitch: ssm.IStringParameter,
  ): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RotateClientCredentials',
        actions: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        resources: [this.clientCredentials.secretArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSecretsAndTheirAge',
        actions: ['secretsmanager:DescribeSecret', ...SECRET_READ_ACTIONS],
        resources: this.secretArns,
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ApplyKillSwitchTag',
        actions: ['secretsmanager:TagResource'],
        resources: this.secretArns,
        conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [KILL_SWITCH_TAG] } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReceiveNewClientSecret',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        resources: [this.newSecretQueue.queueArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadKillSwitch',
        actions: ['ssm:GetParameter'],
        resources: [killSwitch.parameterArn],
      }),
    );
    const key = this.clientCredentials.encryptionKey as PiiKey;
    key.grantThroughService(role, 'secretsmanager', 'kms:Decrypt', 'kms:GenerateDataKey');
    key.grantThroughService(role, 'sqs', 'kms:Decrypt');
  }

  /**
   * The resource policy of both secrets: nobody but the application role and the upkeep
   * function reads them; the application only through the VPC endpoint and only while the
   * kill switch runs; nobody but the upkeep function sets the kill-switch tag.
   */
  private protectSecrets(applicationRole: iam.IRole, upkeepRole: iam.IRole, vpc: DataVpc): void {
    const endpoint = vpc.interfaceEndpoints.secretsmanager;
    const statements = [
      new iam.PolicyStatement({
        sid: 'OnlyApplicationAndUpkeepRead',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...SECRET_READ_ACTIONS],
        resources: ['*'],
        conditions: {
          ArnNotEquals: { 'aws:PrincipalArn': [applicationRole.roleArn, upkeepRole.roleArn] },
        },
      }),
      new iam.PolicyStatement({
        sid: 'ApplicationOnlyThroughVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...SECRET_READ_ACTIONS],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': applicationRole.roleArn },
          StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId },
        },
      }),
      new iam.PolicyStatement({
        sid: 'ApplicationOnlyWhileKillSwitchRuns',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...SECRET_READ_ACTIONS],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': applicationRole.roleArn },
          StringNotEquals: { [`secretsmanager:ResourceTag/${KILL_SWITCH_TAG}`]: RUNNING },
        },
      }),
      new iam.PolicyStatement({
        sid: 'OnlyUpkeepSetsKillSwitch',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['secretsmanager:TagResource', 'secretsmanager:UntagResource'],
        resources: ['*'],
        conditions: {
          'ForAnyValue:StringEquals': { 'aws:TagKeys': [KILL_SWITCH_TAG] },
          ArnNotEquals: { 'aws:PrincipalArn': upkeepRole.roleArn },
        },
      }),
    ];
    for (const secret of [this.clientCredentials, this.refreshTokens]) {
      const policies = statements.map((statement) => secret.addToResourcePolicy(statement));
      // Secrets Manager refuses a policy that would grant access beyond the account.
      const policy = policies[0].policyDependable as secretsmanager.ResourcePolicy;
      (policy.node.defaultChild as secretsmanager.CfnResourcePolicy).blockPublicPolicy = true;
    }
  }

  /** The application's read: the secret values, decrypted through Secrets Manager only. */
  private grantApplicationRead(applicationRole: iam.IRole, key: PiiKey): void {
    applicationRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSpApiCredentials',
        actions: [...SECRET_READ_ACTIONS],
        resources: this.secretArns,
      }),
    );
    key.grantThroughService(applicationRole, 'secretsmanager', 'kms:Decrypt');
  }

  private addAlarms(
    topic: sns.ITopic,
    deadLetters: sqs.Queue,
    rotationInterval: Duration,
    refreshTokenAlarmAge: Duration,
  ): void {
    const alarmAction = new actions.SnsAction(topic);
    const age = (secret: string) =>
      new cloudwatch.Metric({
        namespace: AGE_NAMESPACE,
        metricName: AGE_METRIC,
        dimensionsMap: { [AGE_DIMENSION]: secret },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(6),
      });
    const alarms = [
      new cloudwatch.Alarm(this, 'ClientSecretOverdue', {
        alarmDescription:
          'The LWA client secret was not rotated within its rotation interval (DPP-25-CRED); ' +
          'Amazon expires it 180 days after issue.',
        metric: age(SECRET_NAMES.clientCredentials),
        threshold: rotationInterval.toDays(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No age reported means the upkeep stopped: treated as overdue.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      new cloudwatch.Alarm(this, 'SellerAuthorizationAging', {
        alarmDescription:
          'A seller authorized the SP-API application long ago: ask for reauthorization before ' +
          'Amazon ends it after 365 days and the refresh token stops working (DPP-25-CRED).',
        metric: age(SECRET_NAMES.refreshTokens),
        threshold: refreshTokenAlarmAge.toDays(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      new cloudwatch.Alarm(this, 'UpkeepErrors', {
        alarmDescription:
          'The SP-API credentials upkeep failed: a rotation step, the kill switch or the age report.',
        metric: this.upkeepFunction.metricErrors({
          period: Duration.hours(1),
          statistic: cloudwatch.Stats.SUM,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'NewSecretUnread', {
        alarmDescription:
          'A notification of the new-secret queue was not consumed; a new LWA client secret may be in it.',
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.hours(1),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(alarmAction);
  }

  private acknowledgeDesign(): void {
    const refreshTokens = this.refreshTokens.node.defaultChild as secretsmanager.CfnSecret;
    acknowledgeBuiltIn(
      refreshTokens,
      'SpApiCredentials',
      ...['DPP-SecretRotated[NoRotation]', 'AwsSolutions-SMG4'].map((id) => ({
        id,
        reason: REFRESH_TOKENS_REASON,
      })),
    );
    acknowledgeInCompliancePacks(
      refreshTokens,
      'SpApiCredentials',
      'SecretsManagerRotationEnabled',
      REFRESH_TOKENS_REASON,
      NIST_AND_HIPAA,
    );
    acknowledgeInCompliancePacks(
      this.upkeepFunction,
      'SpApiCredentials',
      'LambdaInsideVPC',
      OUTSIDE_VPC_REASON,
    );
    acknowledgeBuiltIn(this.upkeepFunction, 'SpApiCredentials', {
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason: OUTSIDE_VPC_REASON,
    });
    acknowledgeInCompliancePacks(
      this.upkeepFunction,
      'SpApiCredentials',
      'LambdaDLQ',
      'EventBridge retries the kill-switch and hourly invocations and the next hour repeats them; ' +
        'Secrets Manager retries a failed rotation; an alarm on the Errors metric notifies the ' +
        'incident topic.',
      NIST_AND_HIPAA,
    );
  }
}

/** Why the refresh tokens have no rotation schedule. */
const REFRESH_TOKENS_REASON =
  'A refresh token is issued when a seller authorizes the application and renewed only when ' +
  'the seller reauthorizes it; no API lets the developer rotate it. The SellerAuthorizationAging ' +
  'alarm asks for reauthorization before Amazon ends the authorization after 365 days.';

/** Why the upkeep function runs outside the VPC. */
const OUTSIDE_VPC_REASON =
  'The function calls the Login with Amazon token endpoint (api.amazon.com) and the Selling ' +
  'Partner API on the internet, which the isolated subnets of the data VPC cannot reach; it ' +
  'handles the application credentials, never Amazon customer data, and the secrets admit it ' +
  'by its role ARN alone.';

/** The props without a default must be given: a construct called from JavaScript may get none. */
function requireProps(
  scope: Construct,
  id: string,
  props: SpApiCredentialsProps | undefined,
): void {
  const problems = new Problems(scope, id);
  const given: Partial<SpApiCredentialsProps> = props ?? {};
  const clauses = ['DPP-25-CRED'];
  problems.required('encryptionKey', given.encryptionKey, 'the `PiiKey` of the secrets', clauses);
  problems.required(
    'vpc',
    given.vpc,
    'the `DataVpc` whose Secrets Manager endpoint the application reads through',
    ['DPP-NP-5'],
  );
  problems.required(
    'applicationRole',
    given.applicationRole,
    'the one role that reads the secrets',
    ['DPP-NP-3'],
  );
  problems.required(
    'killSwitch',
    given.killSwitch,
    'the kill switch parameter that can revoke the read',
    ['DPP-LP-1'],
  );
  problems.required(
    'incidentTopic',
    given.incidentTopic,
    'the topic the rotation alarms notify (`IncidentTopic`)',
    clauses,
  );
  problems.throwIfAny();
}
