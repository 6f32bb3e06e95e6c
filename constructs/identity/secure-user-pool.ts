import {
  Duration,
  RemovalPolicy,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_cognito as cognito,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  USER_POOL_MIN_PASSWORD_HISTORY,
  USER_POOL_MIN_PASSWORD_LENGTH,
} from '../../lib/checks/rules/cognito/user-pool-password-policy';
import {
  NIST_AND_HIPAA,
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { functionAssetDir } from '../common/function-asset';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { OptOut } from '../common/opt-out';
import { Problems } from '../common/problems';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';

const CLAUSES = ['DPP-NP-6', 'DPP-25-LOCK', 'DPP-NP-2', 'SOC-R1'];

/** The longest an access or ID token of a client may live. */
const MAX_SESSION_TOKEN_VALIDITY = Duration.hours(1);
/** The longest a refresh token of a client may live. */
const MAX_REFRESH_TOKEN_VALIDITY = Duration.days(7);
/** Failed sign-ins of one app client within five minutes that raise the alarm. */
const FAILED_SIGN_IN_ALARM_THRESHOLD = 20;

/**
 * Props of a `SecureUserPool`.
 */
export interface SecureUserPoolProps {
  /**
   * The topic that the failed sign-in alarms and the account lockouts notify (an
   * `IncidentTopic`, DPP-25-IMPOC).
   */
  readonly incidentTopic: sns.ITopic;
  /**
   * The key that encrypts the log group of the lockout function.
   * @default - a new `PiiKey`
   */
  readonly encryptionKey?: PiiKey;
  /**
   * The name of the user pool.
   * @default - a name CloudFormation generates
   */
  readonly userPoolName?: string;
  /**
   * The shortest password accepted: at least 12 characters, with lower case, upper case, digits
   * and symbols each required.
   * @default 14
   */
  readonly passwordMinLength?: number;
  /**
   * Lets people create their own account (`SignUp`). By default only administrators create
   * users, so every account is one somebody decided to give (DPP-NP-2).
   * @default - self sign-up is off
   */
  readonly selfSignUp?: OptOut;
  /**
   * The domain passkeys (WebAuthn) are bound to, e.g. `auth.example.com`: users may then sign in
   * with a passkey that verifies the user (passkey MFA), besides the password with TOTP MFA.
   * @default - passkeys are not offered
   */
  readonly passkeyRelyingPartyId?: string;
  /**
   * How the pool sends e-mail (verification, account recovery, invitations).
   * @default - Cognito's own e-mail, which sends a small daily quota
   */
  readonly email?: cognito.UserPoolEmail;
}

/**
 * A Cognito user pool for the people who sign in to the application (DPP-NP-6, DPP-25-LOCK,
 * DPP-NP-2, SOC-R1): the Plus feature plan with threat protection ENFORCED for standard and custom
 * authentication, blocking sign-ins of medium and high risk and compromised credentials; MFA
 * required, by TOTP (or a passkey with user verification), never SMS; passwords of at least 12
 * characters of four classes, none of the last 10 reused; no self sign-up; recovery by verified
 * e-mail only; case-insensitive user names; deletion protection on and retained.
 *
 * A pre-authentication function disables a user whose last 10 sign-ins failed and tells the
 * incident topic (DPP-25-LOCK); `addClient` creates app clients with short tokens, token
 * revocation on, no user-existence errors and an alarm on repeated failed sign-ins.
 */
export class SecureUserPool extends cognito.UserPool {
  /** The pre-authentication function that disables a user after 10 failed sign-ins. */
  public readonly lockoutFunction: lambda.Function;

  private readonly incidentTopic: sns.ITopic;

  public constructor(scope: Construct, id: string, props: SecureUserPoolProps) {
    const problems = new Problems(scope, id);
    const topic = props?.incidentTopic;
    const need = 'the topic that lockouts and failed sign-in alarms notify (`IncidentTopic`)';
    if (!problems.required('incidentTopic', topic, need, ['DPP-25-LOCK', 'DPP-25-IMPOC'])) {
      problems.throwIfAny();
    }
    const minLength = props.passwordMinLength ?? 14;
    problems.numberInRange('passwordMinLength', minLength, USER_POOL_MIN_PASSWORD_LENGTH, 99, [
      'SOC-R1',
      'DPP-NP-6',
    ]);
    problems.optOutReason('selfSignUp', props.selfSignUp, ['DPP-NP-2']);
    problems.throwIfAny();

    const passkeys = props.passkeyRelyingPartyId !== undefined;
    super(scope, id, {
      userPoolName: props.userPoolName,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customThreatProtectionMode: cognito.CustomThreatProtectionMode.FULL_FUNCTION,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: passkeys } },
      passkeyRelyingPartyId: props.passkeyRelyingPartyId,
      passkeyUserVerification: passkeys ? cognito.PasskeyUserVerification.REQUIRED : undefined,
      passwordPolicy: {
        minLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: USER_POOL_MIN_PASSWORD_HISTORY,
        tempPasswordValidity: Duration.days(1),
      },
      selfSignUpEnabled: props.selfSignUp !== undefined,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      email: props.email,
    });
    this.incidentTopic = props.incidentTopic;
    if (passkeys) {
      // with MFA required, a passkey sign-in counts only as a factor pair when the passkey
      // verifies the user; the L2 has no prop for it
      (this.node.defaultChild as cognito.CfnUserPool).webAuthnFactorConfiguration =
        'MULTI_FACTOR_WITH_USER_VERIFICATION';
    }

    this.blockRiskySignIns();
    this.lockoutFunction = this.lockout(props.encryptionKey ?? new PiiKey(this, 'LogKey'));
    this.addTrigger(cognito.UserPoolOperation.PRE_AUTHENTICATION, this.lockoutFunction);

    const metadata = DppMetadata.of(this.node.defaultChild as cognito.CfnUserPool);
    metadata.implementsControls('SecureUserPool', CLAUSES);
    if (props.selfSignUp) {
      metadata.addOptOut({
        setting: 'selfSignUp',
        clauses: ['DPP-NP-2'],
        reason: props.selfSignUp.reason,
      });
    }
  }

  /**
   * Adds an app client with the pool's safe defaults: access and ID tokens valid 15 minutes (at
   * most an hour), refresh tokens a day (at most 7 days), token revocation on, no errors that
   * reveal whether a user exists, SRP sign-in only unless `authFlows` says otherwise; and an
   * alarm to the incident topic when more than 20 of its sign-ins fail within five minutes.
   */
  public override addClient(
    id: string,
    options: cognito.UserPoolClientOptions = {},
  ): cognito.UserPoolClient {
    const problems = new Problems(this, id);
    for (const [prop, value, max] of [
      ['accessTokenValidity', options.accessTokenValidity, MAX_SESSION_TOKEN_VALIDITY],
      ['idTokenValidity', options.idTokenValidity, MAX_SESSION_TOKEN_VALIDITY],
      ['refreshTokenValidity', options.refreshTokenValidity, MAX_REFRESH_TOKEN_VALIDITY],
    ] as const) {
      const minutes = value === undefined || value.isUnresolved() ? undefined : value.toMinutes();
      problems.check(
        minutes === undefined || minutes <= max.toMinutes(),
        prop,
        `must be at most ${max.toHumanString()}`,
        ['DPP-NP-6', 'SOC-R1'],
        value?.toHumanString() ?? '',
      );
    }
    problems.check(
      options.enableTokenRevocation !== false,
      'enableTokenRevocation',
      'must stay on, so that a signed-out or disabled user loses their refresh tokens',
      ['DPP-NP-6', 'SOC-R1'],
      'false',
    );
    problems.throwIfAny();

    const client = super.addClient(id, {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      ...options,
      accessTokenValidity: options.accessTokenValidity ?? Duration.minutes(15),
      idTokenValidity: options.idTokenValidity ?? Duration.minutes(15),
      refreshTokenValidity: options.refreshTokenValidity ?? Duration.days(1),
      enableTokenRevocation: true,
    });
    this.failedSignInAlarm(client);
    return client;
  }

  /**
   * Adaptive authentication and compromised-credentials detection for every app client. MFA is
   * always required, so an MFA action on risk would add nothing: sign-ins of medium or high risk
   * are blocked, low risk goes on with the required MFA; no notification e-mail is sent, which
   * would need an SES identity.
   */
  private blockRiskySignIns(): void {
    const action = (eventAction: string) => ({ eventAction, notify: false });
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: action('BLOCK'),
          mediumAction: action('BLOCK'),
          lowAction: action('NO_ACTION'),
        },
      },
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
    });
  }

  /** The pre-authentication function of DPP-25-LOCK, its role, log group and error alarm. */
  private lockout(key: PiiKey): lambda.Function {
    const logGroup = new PiiFreeLogGroup(this, 'LockoutLogs', { encryptionKey: key });
    const role = new ManagedPolicyRole(this, 'LockoutRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Disables a user of the pool after 10 failed sign-ins (cdk-dpp, DPP-25-LOCK)',
    });
    const fn = new lambda.Function(this, 'Lockout', {
      description: 'Disables a user after 10 unsuccessful sign-ins in a row (DPP-25-LOCK)',
      code: lambda.Code.fromAsset(functionAssetDir('user-lockout')),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(5),
      role,
      logGroup,
      environment: { INCIDENT_TOPIC_ARN: this.incidentTopic.topicArn },
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        resources: [this.incidentTopic.topicArn],
      }),
    );
    // The pool names the function, and the function waits for its role's policies: the grant on
    // the pool is a policy of its own, attached to the role, so that it can name this pool.
    new iam.ManagedPolicy(this, 'LockoutPoolAccess', {
      description: 'Lists the sign-in events of a user of this pool and disables the user',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['cognito-idp:AdminListUserAuthEvents', 'cognito-idp:AdminDisableUser'],
          resources: [this.userPoolArn],
        }),
      ],
    });
    this.incidentTopic.masterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');

    const errors = new cloudwatch.Alarm(this, 'LockoutErrors', {
      alarmDescription:
        'The lockout function of the user pool failed: sign-ins fail with it (DPP-25-LOCK).',
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    errors.addAlarmAction(new actions.SnsAction(this.incidentTopic));
    DppMetadata.of(fn.node.defaultChild as lambda.CfnFunction).implementsControls(
      'SecureUserPool',
      ['DPP-25-LOCK'],
    );
    acknowledgeInCompliancePacks(
      fn,
      'SecureUserPool',
      'LambdaInsideVPC',
      'Cognito calls the lockout function for every sign-in; it calls only the Cognito user pools ' +
        'and SNS APIs, reads no Amazon data and serves no other traffic.',
    );
    acknowledgeInCompliancePacks(
      fn,
      'SecureUserPool',
      'LambdaDLQ',
      'Cognito invokes the function synchronously for each sign-in and fails the sign-in when it ' +
        'fails; there is no event to keep. An alarm on its errors notifies the incident topic.',
      NIST_AND_HIPAA,
    );
    acknowledgeInCompliancePacks(
      fn,
      'SecureUserPool',
      'LambdaConcurrency',
      'Every sign-in waits for the function: a concurrency limit would refuse the sign-ins above ' +
        'it, and a refused sign-in is what an attack on the limit would want.',
      NIST_AND_HIPAA,
    );
    acknowledgeBuiltIn(fn, 'SecureUserPool', {
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason:
        'The function calls only the Cognito user pools and SNS APIs for the pool it guards and ' +
        'handles no Amazon data; it runs outside a VPC so that sign-ins do not depend on one.',
    });
    return fn;
  }

  /** An alarm when more than the threshold of a client's sign-ins fail within five minutes. */
  private failedSignInAlarm(client: cognito.UserPoolClient): void {
    const signIns = (statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Cognito',
        metricName: 'SignInSuccesses',
        dimensionsMap: { UserPool: this.userPoolId, UserPoolClient: client.userPoolClientId },
        statistic,
        period: Duration.minutes(5),
      });
    const alarm = new cloudwatch.MathExpression({
      expression: 'attempts - successes',
      usingMetrics: {
        attempts: signIns(cloudwatch.Stats.SAMPLE_COUNT),
        successes: signIns(cloudwatch.Stats.SUM),
      },
      label: 'Failed sign-ins',
      period: Duration.minutes(5),
    }).createAlarm(client, 'FailedSignIns', {
      alarmDescription: `More than ${FAILED_SIGN_IN_ALARM_THRESHOLD} sign-ins to ${client.node.path} failed within five minutes (DPP-NP-6, DPP-25-LOCK).`,
      threshold: FAILED_SIGN_IN_ALARM_THRESHOLD,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.incidentTopic));
  }
}
