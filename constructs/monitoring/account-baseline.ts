import {
  Duration,
  Lazy,
  Stack,
  aws_accessanalyzer as accessanalyzer,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_config as config,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_events_targets as targets,
  aws_guardduty as guardduty,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_s3 as s3,
  aws_sns as sns,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  NIST_AND_HIPAA,
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { functionAssetDir } from '../common/function-asset';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { OptOut } from '../common/opt-out';
import { Problems, resolvedDays } from '../common/problems';
import { AuditLogBucket } from '../logging/audit-log-bucket';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import { awsApiCall } from './aws-api-call';

const CLAUSES = [
  'DPP-LM-1',
  'DPP-NP-4',
  'DPP-NP-6',
  'DPP-DG-2',
  'DPP-25-MAL',
  'DPP-25-VULN',
  'SOC-R2',
  'SOC-R3',
  'SOC-R4',
  'SOC-R8',
];

/** The Amazon Inspector finding severities routed to the incident topic (DPP-25-VULN). */
export const INSPECTOR_ALERT_SEVERITIES: readonly string[] = ['CRITICAL', 'HIGH'];

/** The lowest GuardDuty severity routed to the incident topic: high (7.0) and above. */
export const GUARDDUTY_ALERT_SEVERITY = 7;

/** The resource types Amazon Inspector scans. */
export const INSPECTOR_RESOURCE_TYPES: readonly string[] = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'];

/** The GuardDuty protection plans the detector enables (DPP-25-MAL, SOC-R2, SOC-R3). */
export const GUARDDUTY_FEATURES: readonly string[] = [
  'S3_DATA_EVENTS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
];

/** When the access review runs: 08:00 UTC on the first day of every month (DPP-NP-4). */
export const ACCESS_REVIEW_SCHEDULE = events.Schedule.cron({ minute: '0', hour: '8', day: '1' });

/**
 * Props of an `AccountBaseline`.
 */
export interface AccountBaselineProps {
  /** Where AWS Config delivers configuration history and snapshots. */
  readonly auditBucket: AuditLogBucket;
  /** The topic that receives Inspector and GuardDuty findings (`SecurityAlarms.incidentTopic`). */
  readonly incidentTopic: sns.ITopic;
  /**
   * The topic the monthly access review is sent to.
   * @default - the incident topic
   */
  readonly reviewTopic?: sns.ITopic;
  /**
   * After how long without use a role, user, key or permission is reported by the unused-access
   * analyzer: 1 to 365 days (DPP-NP-4).
   * @default Duration.days(90)
   */
  readonly unusedAccessAge?: Duration;
  /**
   * The oldest an access key may be before the AWS Config rule reports it: 1 to 90 days
   * (DPP-25-CRED).
   * @default Duration.days(90)
   */
  readonly maxAccessKeyAge?: Duration;
  /**
   * After how long without use a password or access key is reported by AWS Config: 1 to 90 days
   * (DPP-NP-4).
   * @default Duration.days(45)
   */
  readonly maxCredentialUnusedAge?: Duration;
  /**
   * Leaves Amazon Inspector (DPP-25-VULN, SOC-R4) to a delegated administrator that enables it
   * for the whole organization; the reason is recorded for the auditor.
   * @default - Amazon Inspector is enabled for EC2, ECR and Lambda in this account
   */
  readonly inspectorEnabledElsewhere?: OptOut;
}

/** The longest a credential age setting may be, in days (DPP-25-CRED, DPP-NP-4). */
const MAX_CREDENTIAL_AGE_DAYS = 90;

/**
 * The security services of the account (DPP-LM-1, DPP-NP-4, DPP-NP-6, DPP-DG-2, DPP-25-MAL,
 * DPP-25-VULN, SOC-R2, SOC-R3, SOC-R4, SOC-R8): GuardDuty with S3 and malware protection; an
 * AWS Config recorder and delivery channel to the audit bucket with managed rules for unused
 * credentials, root MFA and access key rotation; IAM Access Analyzer for external and unused
 * access; Amazon Inspector with critical and high findings (and high GuardDuty findings) sent to
 * the incident topic; and a monthly access review that sends the reviewer every principal that
 * may read a PII store added with `addPiiBucket`/`addPiiTable`, with the analyzers' findings.
 *
 * Deploy one per account and region: GuardDuty, the Config recorder and Inspector exist once.
 */
export class AccountBaseline extends Construct {
  /** The GuardDuty detector. */
  public readonly detector: guardduty.CfnDetector;
  /** The AWS Config recorder. */
  public readonly recorder: config.CfnConfigurationRecorder;
  /** The analyzer of access from outside the account. */
  public readonly externalAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** The analyzer of unused roles, users, keys and permissions. */
  public readonly unusedAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** The monthly access-review function. */
  public readonly accessReviewFunction: lambda.Function;

  private readonly piiResources: { arn: string; kind: 's3' | 'dynamodb' }[] = [];
  private readonly reviewRole: ManagedPolicyRole;

  public constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const unusedAccessAge = props.unusedAccessAge ?? Duration.days(90);
    const problems = new Problems(this);
    problems.numberInRange(
      'unusedAccessAge',
      unusedAccessAge.isUnresolved() ? undefined : unusedAccessAge.toDays(),
      1,
      365,
      ['DPP-NP-4'],
    );
    problems.numberInRange(
      'maxAccessKeyAge',
      resolvedDays(props.maxAccessKeyAge),
      1,
      MAX_CREDENTIAL_AGE_DAYS,
      ['DPP-25-CRED'],
    );
    problems.numberInRange(
      'maxCredentialUnusedAge',
      resolvedDays(props.maxCredentialUnusedAge),
      1,
      MAX_CREDENTIAL_AGE_DAYS,
      ['DPP-NP-4'],
    );
    problems.optOutReason('inspectorEnabledElsewhere', props.inspectorEnabledElsewhere, [
      'DPP-25-VULN',
      'SOC-R4',
    ]);
    problems.throwIfAny();

    this.detector = this.guardDuty();
    this.recorder = this.configRecorder(props.auditBucket, props);
    this.externalAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'ExternalAccessAnalyzer', {
      type: 'ACCOUNT',
    });
    this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccessAnalyzer', {
      type: 'ACCOUNT_UNUSED_ACCESS',
      analyzerConfiguration: {
        unusedAccessConfiguration: { unusedAccessAge: unusedAccessAge.toDays() },
      },
    });
    if (props.inspectorEnabledElsewhere) {
      DppMetadata.of(this.detector).addOptOut({
        setting: 'inspectorEnabledElsewhere',
        clauses: ['DPP-25-VULN', 'SOC-R4'],
        reason: props.inspectorEnabledElsewhere.reason,
      });
    } else {
      this.enableInspector();
    }
    this.routeFindings(props.incidentTopic);

    this.reviewRole = new ManagedPolicyRole(this, 'AccessReviewRole', {
      description: 'Runs the monthly access review (cdk-dpp, DPP-NP-4)',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.accessReviewFunction = this.accessReview(
      props.auditBucket,
      props.reviewTopic ?? props.incidentTopic,
      props.incidentTopic,
    );

    for (const resource of [
      this.detector,
      this.recorder,
      this.externalAccessAnalyzer,
      this.unusedAccessAnalyzer,
    ]) {
      DppMetadata.of(resource).implementsControls('AccountBaseline', CLAUSES);
    }
  }

  /** Adds a PII bucket to the monthly access review; adding it twice adds nothing. */
  public addPiiBucket(bucket: s3.IBucket): void {
    this.addReviewed(bucket.bucketArn, 's3');
  }

  /** Adds a PII table to the monthly access review; adding it twice adds nothing. */
  public addPiiTable(table: dynamodb.ITable): void {
    this.addReviewed(table.tableArn, 'dynamodb');
  }

  private addReviewed(arn: string, kind: 's3' | 'dynamodb'): void {
    if (!this.piiResources.some((r) => r.arn === arn)) this.piiResources.push({ arn, kind });
  }

  private guardDuty(): guardduty.CfnDetector {
    return new guardduty.CfnDetector(this, 'GuardDuty', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: GUARDDUTY_FEATURES.map((name) => ({ name, status: 'ENABLED' })),
    });
  }

  private configRecorder(
    bucket: AuditLogBucket,
    props: AccountBaselineProps,
  ): config.CfnConfigurationRecorder {
    const { account } = Stack.of(this);
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    const role = new ManagedPolicyRole(this, 'ConfigRole', {
      description: 'Lets AWS Config record the configuration of the account (cdk-dpp, DPP-DG-2)',
      assumedBy: configService,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    acknowledgeBuiltIn(role, 'AccountBaseline', {
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/AWSLogs/<AWS::AccountId>/Config/*]`,
      reason:
        'AWS Config names its objects by date and resource at delivery; the grant covers only its own ' +
        'prefix of the audit bucket, and only s3:PutObject with bucket-owner-full-control.',
    });
    acknowledgeBuiltIn(role, 'AccountBaseline', {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason:
        'AWS_ConfigRole is the AWS-maintained policy with the read permissions AWS Config needs for ' +
        'every resource type it records; AWS extends it as types are added, a copy would fall behind.',
    });
    const configPrefix = `AWSLogs/${account}/Config/*`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(configPrefix)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }),
    );
    bucket.key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': account } };
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigAclCheck',
        principals: [configService],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: fromThisAccount,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigWrite',
        principals: [configService],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(configPrefix)],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': account,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      }),
    );
    bucket.key.grantToService(
      'ConfigDelivery',
      configService,
      ['kms:GenerateDataKey', 'kms:Decrypt'],
      fromThisAccount,
    );

    const recorder = new config.CfnConfigurationRecorder(this, 'ConfigRecorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: bucket.key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    if (bucket.policy) channel.node.addDependency(bucket.policy);

    const rules: [string, string, Record<string, unknown>?][] = [
      [
        'UnusedCredentials',
        config.ManagedRuleIdentifiers.IAM_USER_UNUSED_CREDENTIALS_CHECK,
        { maxCredentialUsageAge: (props.maxCredentialUnusedAge ?? Duration.days(45)).toDays() },
      ],
      [
        'AccessKeysRotated',
        config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED,
        { maxAccessKeyAge: (props.maxAccessKeyAge ?? Duration.days(90)).toDays() },
      ],
      ['RootMfa', config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED],
      ['NoRootAccessKey', config.ManagedRuleIdentifiers.IAM_ROOT_ACCESS_KEY_CHECK],
    ];
    for (const [ruleId, identifier, inputParameters] of rules) {
      const rule = new config.ManagedRule(this, ruleId, {
        identifier,
        inputParameters,
        maximumExecutionFrequency: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
      });
      rule.node.addDependency(recorder, channel);
    }
    return recorder;
  }

  private enableInspector(): void {
    const { account, partition } = Stack.of(this);
    const enable: cr.AwsSdkCall = {
      service: 'Inspector2',
      action: 'enable',
      parameters: { resourceTypes: [...INSPECTOR_RESOURCE_TYPES] },
      physicalResourceId: cr.PhysicalResourceId.of(
        `inspector2-${INSPECTOR_RESOURCE_TYPES.join('-')}`,
      ),
    };
    awsApiCall(this, 'EnableInspector', {
      onCreate: enable,
      onUpdate: enable,
      statements: [
        new iam.PolicyStatement({ actions: ['inspector2:Enable'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [
            `arn:${partition}:iam::${account}:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2`,
          ],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'inspector2.amazonaws.com' } },
        }),
      ],
      allResourcesReason:
        'inspector2:Enable acts on the account and supports no resource-level permission.',
    });
  }

  private routeFindings(topic: sns.ITopic): void {
    const routes: [string, string, events.EventPattern][] = [
      [
        'InspectorFindings',
        'Amazon Inspector critical or high finding: fix critical within 7 days, high within 30 (DPP-25-VULN).',
        {
          source: ['aws.inspector2'],
          detailType: ['Inspector2 Finding'],
          detail: { severity: [...INSPECTOR_ALERT_SEVERITIES], status: ['ACTIVE'] },
        },
      ],
      [
        'GuardDutyFindings',
        'GuardDuty finding of high severity: investigate (DPP-NP-6, DPP-25-MAL, SOC-R2).',
        {
          source: ['aws.guardduty'],
          detailType: ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', GUARDDUTY_ALERT_SEVERITY] }] },
        },
      ],
    ];
    for (const [ruleId, description, eventPattern] of routes) {
      const rule = new events.Rule(this, ruleId, { description, eventPattern });
      rule.addTarget(new targets.SnsTopic(topic));
      DppMetadata.of(rule.node.defaultChild as events.CfnRule).implementsControls(
        'AccountBaseline',
        CLAUSES,
      );
    }
  }

  private accessReview(
    auditBucket: AuditLogBucket,
    reviewTopic: sns.ITopic,
    incidentTopic: sns.ITopic,
  ): lambda.Function {
    const { account, partition } = Stack.of(this);
    const role = this.reviewRole;
    const logGroup = new PiiFreeLogGroup(this, 'AccessReviewLogs', {
      encryptionKey: auditBucket.key,
    });
    const fn = new lambda.Function(this, 'AccessReview', {
      description:
        'Monthly access review: who may read PII, and IAM Access Analyzer findings (DPP-NP-4)',
      code: lambda.Code.fromAsset(functionAssetDir('access-review')),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(10),
      reservedConcurrentExecutions: 1,
      role,
      logGroup,
      environment: {
        REVIEW_TOPIC_ARN: reviewTopic.topicArn,
        PII_RESOURCES: Lazy.string({
          produce: () => Stack.of(this).toJsonString(this.piiResources),
        }),
        ANALYZER_ARNS: Stack.of(this).toJsonString([
          this.externalAccessAnalyzer.attrArn,
          this.unusedAccessAnalyzer.attrArn,
        ]),
      },
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['iam:ListRoles', 'iam:ListUsers'], resources: ['*'] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:SimulatePrincipalPolicy'],
        resources: [
          `arn:${partition}:iam::${account}:role/*`,
          `arn:${partition}:iam::${account}:user/*`,
        ],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['access-analyzer:ListFindings'],
        resources: [this.externalAccessAnalyzer.attrArn, this.unusedAccessAnalyzer.attrArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [reviewTopic.topicArn] }),
    );
    reviewTopic.masterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');

    const schedule = new events.Rule(this, 'MonthlyAccessReview', {
      description: 'Runs the monthly access review (DPP-NP-4)',
      schedule: ACCESS_REVIEW_SCHEDULE,
    });
    schedule.addTarget(new targets.LambdaFunction(fn, { retryAttempts: 3 }));
    const errors = new cloudwatch.Alarm(this, 'AccessReviewErrors', {
      alarmDescription: 'The monthly access review failed (DPP-NP-4).',
      metric: fn.metricErrors({ period: Duration.hours(1), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    errors.addAlarmAction(new actions.SnsAction(incidentTopic));
    DppMetadata.of(fn.node.defaultChild as lambda.CfnFunction).implementsControls(
      'AccountBaseline',
      ['DPP-NP-4'],
    );
    this.acknowledgeAccessReview(role, fn);
    return fn;
  }

  private acknowledgeAccessReview(role: iam.Role, fn: lambda.Function): void {
    acknowledgeBuiltIn(role, 'AccountBaseline', {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'iam:ListRoles and iam:ListUsers support no resource-level permission; the review must list ' +
        'every principal of the account. They are read-only and the only actions on all resources.',
    });
    for (const kind of ['role', 'user']) {
      acknowledgeBuiltIn(role, 'AccountBaseline', {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:${kind}/*]`,
        reason:
          'The review simulates the policies of every role and user of the account to find who may ' +
          'read PII (DPP-NP-4); iam:SimulatePrincipalPolicy is read-only.',
      });
    }
    acknowledgeInCompliancePacks(
      fn,
      'AccountBaseline',
      'LambdaInsideVPC',
      'The review calls only the IAM, IAM Access Analyzer and SNS APIs, reads no customer data and ' +
        'serves no inbound traffic; IAM has no VPC endpoint, so a VPC would add a NAT route to the internet.',
    );
    acknowledgeInCompliancePacks(
      fn,
      'AccountBaseline',
      'LambdaDLQ',
      'Invoked once a month by an EventBridge rule that retries it; an alarm on its Errors metric ' +
        'notifies the incident topic, and the next run repeats the whole review.',
      NIST_AND_HIPAA,
    );
  }
}
