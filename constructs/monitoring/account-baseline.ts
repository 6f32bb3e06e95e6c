import {
  CfnResource,
  Duration,
  Lazy,
  Stack,
  Token,
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
import { Construct, IConstruct } from 'constructs';
import {
  NIST_AND_HIPAA,
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
  wildcardResourceFinding,
} from '../common/built-in-acknowledgement';
import { DppMetadata } from '../common/dpp-metadata';
import { functionAssetDir } from '../common/function-asset';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { Problems, resolvedDays } from '../common/problems';
import { AuditLogBucket } from '../logging/audit-log-bucket';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';
import {
  ACCOUNT_SERVICE_CLAUSES,
  AccountService,
  AccountServices,
  adoptionSetting,
} from './account-service';
import { awsApiCall } from './aws-api-call';
import { FeatureOptOut } from './feature-opt-out';
import { routeFindings } from './finding-routes';
import { VulnerabilityDeadlines } from './vulnerability-deadlines';

export { GUARDDUTY_ALERT_SEVERITY, INSPECTOR_ALERT_SEVERITIES } from './finding-routes';

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

/** The resource types Amazon Inspector scans. */
export const INSPECTOR_RESOURCE_TYPES: readonly string[] = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'];

/** The GuardDuty protection plans the detector enables (DPP-25-MAL, SOC-R2, SOC-R3). */
export const GUARDDUTY_FEATURES: readonly string[] = [
  'S3_DATA_EVENTS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
];

/** The clauses each GuardDuty protection plan serves: what leaving it out weakens. */
const GUARDDUTY_FEATURE_CLAUSES: Readonly<Record<string, readonly string[]>> = {
  S3_DATA_EVENTS: ['DPP-NP-6', 'SOC-R2'],
  EBS_MALWARE_PROTECTION: ['DPP-25-MAL', 'SOC-R3'],
  RDS_LOGIN_EVENTS: ['DPP-NP-6', 'SOC-R2'],
  LAMBDA_NETWORK_LOGS: ['DPP-NP-6', 'SOC-R2'],
};

/** The clauses a GuardDuty protection plan serves; those of GuardDuty for a name it lacks. */
const guardDutyFeatureClauses = (feature: string): readonly string[] =>
  GUARDDUTY_FEATURE_CLAUSES[feature] ?? ACCOUNT_SERVICE_CLAUSES.guardDuty;

/** The clauses every Amazon Inspector scan type serves. */
const inspectorTypeClauses = (): readonly string[] => ACCOUNT_SERVICE_CLAUSES.inspector;

/** The shape of an IAM Access Analyzer analyzer ARN. */
const ANALYZER_ARN = /^arn:aws[a-z-]*:access-analyzer:[a-z0-9-]+:\d{12}:analyzer\/[\w.-]+$/;

/** The account services, in the order the baseline builds them. */
const SERVICE_NAMES = Object.keys(ACCOUNT_SERVICE_CLAUSES) as (keyof AccountServices)[];

/**
 * The services of which an account and Region holds one: a second fails the deploy. GuardDuty
 * allows one detector per account and Region (GuardDuty quotas), AWS Config one customer managed
 * recorder and one delivery channel (PutConfigurationRecorder, PutDeliveryChannel), IAM Access
 * Analyzer one account analyzer of each type (IAM Access Analyzer quotas). Enabling Amazon
 * Inspector again is not an error, so it is not among them.
 */
export const SINGLETON_ACCOUNT_SERVICES: readonly string[] = [
  'guardDuty',
  'config',
  'externalAccessAnalyzer',
  'unusedAccessAnalyzer',
];

/** For each app, the construct path of the baseline that creates each singleton, by account and Region. */
const CREATED_SINGLETONS = new WeakMap<IConstruct, Map<string, string>>();

/** The analyzers among the account services. */
const ANALYZER_SERVICES: readonly (keyof AccountServices)[] = [
  'externalAccessAnalyzer',
  'unusedAccessAnalyzer',
];

/** When the access review runs: 08:00 UTC on the first day of every month (DPP-NP-4). */
export const ACCESS_REVIEW_SCHEDULE = events.Schedule.cron({ minute: '0', hour: '8', day: '1' });

/**
 * The settings of an `AccountBaseline`, every one defaulted: its props without the audit bucket
 * and the incident topic. A `DppBaseline` passes them through (`accountBaseline`).
 */
export interface AccountBaselineOptions {
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
   * Which account-level services the baseline creates and which it adopts: GuardDuty, AWS
   * Config, the two IAM Access Analyzer analyzers and Amazon Inspector. Each exists once per
   * account and Region, so in a Control Tower landing zone, or for a second environment in the
   * same account and Region, adopt the ones that exist; every adoption is recorded, with its
   * reason, for the evidence report.
   * @default - every service is created here
   */
  readonly accountServices?: AccountServices;
  /**
   * GuardDuty protection plans to leave out of the detector, each with the reason: a plan the
   * Region of the stack does not offer (see the GuardDuty "Regions and endpoints" page). Only
   * for a detector the baseline creates.
   * @default - every plan of `GUARDDUTY_FEATURES` is enabled
   */
  readonly guardDutyFeatureOptOuts?: FeatureOptOut[];
  /**
   * Amazon Inspector scan types to leave out, each with the reason: a type the Region of the
   * stack does not offer, such as `LAMBDA_CODE` (Inspector's `Enable` call is refused for a
   * feature the Region lacks). Only when the baseline enables Inspector.
   * @default - every type of `INSPECTOR_RESOURCE_TYPES` is scanned
   */
  readonly inspectorResourceTypeOptOuts?: FeatureOptOut[];
  /**
   * Whether the Config recorder records the global IAM resource types (users, groups, roles,
   * policies). Every Region that records them records them again; AWS Config recommends one
   * Region. Set `false` in the baselines of every other Region of the account.
   * @default true
   */
  readonly recordGlobalResourceTypes?: boolean;
}

/**
 * Props of an `AccountBaseline`.
 */
export interface AccountBaselineProps extends AccountBaselineOptions {
  /** Where AWS Config delivers configuration history and snapshots. */
  readonly auditBucket: AuditLogBucket;
  /** The topic that receives Inspector and GuardDuty findings (`SecurityAlarms.incidentTopic`). */
  readonly incidentTopic: sns.ITopic;
}

/** The longest a credential age setting may be, in days (DPP-25-CRED, DPP-NP-4). */
const MAX_CREDENTIAL_AGE_DAYS = 90;

/**
 * The security services of the account (DPP-LM-1, DPP-NP-4, DPP-NP-6, DPP-DG-2, DPP-25-MAL,
 * DPP-25-VULN, SOC-R2, SOC-R3, SOC-R4, SOC-R8): GuardDuty with S3 and malware protection; an
 * AWS Config recorder and delivery channel to the audit bucket with managed rules for unused
 * credentials, root MFA and access key rotation; IAM Access Analyzer for external and unused
 * access; Amazon Inspector with critical and high findings (and high GuardDuty findings) sent to
 * the incident topic, and alarms on Inspector findings past their remediation deadline
 * (`VulnerabilityDeadlines`); and a monthly access review that sends the reviewer every principal
 * that may read a PII store added with `addPiiBucket`/`addPiiTable`, with the analyzers' findings.
 *
 * GuardDuty, the Config recorder and delivery channel and each analyzer exist once per account
 * and Region: where they exist already (an organization's delegated administrator, Control
 * Tower, another environment), adopt them with `accountServices`; the finding routes, the Config
 * rules and the access review are still created, and each adoption is recorded with its reason.
 */
export class AccountBaseline extends Construct {
  /**
   * The GuardDuty detector.
   * @default - none when GuardDuty is adopted
   */
  public readonly detector?: guardduty.CfnDetector;
  /**
   * The AWS Config recorder.
   * @default - none when AWS Config is adopted
   */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /**
   * The analyzer of access from outside the account.
   * @default - none when it is adopted
   */
  public readonly externalAccessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /**
   * The analyzer of unused roles, users, keys and permissions.
   * @default - none when it is adopted
   */
  public readonly unusedAccessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** The monthly access-review function. */
  public readonly accessReviewFunction: lambda.Function;
  /**
   * The alarms on Amazon Inspector findings past their remediation deadline, created whether
   * Inspector is enabled here or adopted (a member account lists its own findings).
   */
  public readonly vulnerabilityDeadlines: VulnerabilityDeadlines;

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
    const services = withDefaults(props.accountServices);
    checkServices(problems, services);
    const guardDutyFeatures = keptFeatures(
      problems,
      'guardDutyFeatureOptOuts',
      props.guardDutyFeatureOptOuts,
      GUARDDUTY_FEATURES,
      services.guardDuty,
      guardDutyFeatureClauses,
    );
    const inspectorTypes = keptFeatures(
      problems,
      'inspectorResourceTypeOptOuts',
      props.inspectorResourceTypeOptOuts,
      INSPECTOR_RESOURCE_TYPES,
      services.inspector,
      inspectorTypeClauses,
    );
    const claims = this.singletonClaims(problems, services);
    problems.throwIfAny();
    claims.forEach((key) => CREATED_SINGLETONS.get(this.node.root)?.set(key, this.node.path));

    const created = (service: keyof AccountServices) => !services[service].adoption;
    if (created('guardDuty')) {
      this.detector = this.guardDuty(guardDutyFeatures);
      this.recordFeatureOptOuts(
        this.detector,
        'guardDutyFeatureOptOuts',
        props.guardDutyFeatureOptOuts,
        guardDutyFeatureClauses,
      );
    }
    const configDelivery = created('config')
      ? this.configRecorder(props.auditBucket, props.recordGlobalResourceTypes ?? true)
      : undefined;
    this.recorder = configDelivery?.recorder;
    const configRules = this.configRules(
      props,
      configDelivery ? [configDelivery.recorder, configDelivery.channel] : [],
    );
    if (created('externalAccessAnalyzer')) {
      this.externalAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'ExternalAccessAnalyzer', {
        type: 'ACCOUNT',
      });
    }
    if (created('unusedAccessAnalyzer')) {
      this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccessAnalyzer', {
        type: 'ACCOUNT_UNUSED_ACCESS',
        analyzerConfiguration: {
          unusedAccessConfiguration: { unusedAccessAge: unusedAccessAge.toDays() },
        },
      });
    }
    if (created('inspector')) {
      const enable = this.enableInspector(inspectorTypes);
      this.recordFeatureOptOuts(
        enable,
        'inspectorResourceTypeOptOuts',
        props.inspectorResourceTypeOptOuts,
        inspectorTypeClauses,
      );
    }
    // The routes exist whether the app creates the service or adopts it: a member account keeps
    // its own detector under a delegated administrator; the operator checks its findings arrive.
    const routes = routeFindings(this, props.incidentTopic, 'AccountBaseline', CLAUSES);
    this.vulnerabilityDeadlines = new VulnerabilityDeadlines(this, 'VulnerabilityDeadlines', {
      incidentTopic: props.incidentTopic,
      logKey: props.auditBucket.key,
    });

    this.reviewRole = new ManagedPolicyRole(this, 'AccessReviewRole', {
      description: 'Runs the monthly access review (cdk-dpp, DPP-NP-4)',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const analyzerArns = [
      this.externalAccessAnalyzer?.attrArn ?? services.externalAccessAnalyzer.analyzerArn,
      this.unusedAccessAnalyzer?.attrArn ?? services.unusedAccessAnalyzer.analyzerArn,
    ].filter((arn): arn is string => arn !== undefined);
    this.accessReviewFunction = this.accessReview(
      props.auditBucket,
      props.reviewTopic ?? props.incidentTopic,
      props.incidentTopic,
      analyzerArns,
    );

    for (const resource of [
      this.detector,
      this.recorder,
      this.externalAccessAnalyzer,
      this.unusedAccessAnalyzer,
    ]) {
      if (resource) DppMetadata.of(resource).implementsControls('AccountBaseline', CLAUSES);
    }
    this.recordAdoptions(services, {
      guardDuty: routes.guardDuty,
      config: configRules[0],
      externalAccessAnalyzer: this.accessReviewFunction.node.defaultChild as lambda.CfnFunction,
      unusedAccessAnalyzer: this.accessReviewFunction.node.defaultChild as lambda.CfnFunction,
      inspector: routes.inspector,
    });
  }

  /**
   * Records each adopted service, with its reason and clauses, on the resource of the baseline
   * that depends on it: the finding route of GuardDuty and Inspector, the first Config rule, the
   * access-review function for the analyzers.
   */
  private recordAdoptions(
    services: Required<AccountServices>,
    recordedOn: Record<keyof AccountServices, CfnResource>,
  ): void {
    for (const service of SERVICE_NAMES) {
      const adoption = services[service].adoption;
      if (!adoption) continue;
      DppMetadata.of(recordedOn[service])
        .implementsControls('AccountBaseline', [])
        .addOptOut({
          setting: adoptionSetting(service),
          clauses: [...ACCOUNT_SERVICE_CLAUSES[service]],
          reason: adoption.reason,
        });
    }
  }

  /**
   * The singletons this baseline creates in a resolved account and Region, keyed by both; a
   * problem for each one another baseline of the app creates there already. Environment-agnostic
   * stacks cannot be compared and claim nothing.
   */
  private singletonClaims(problems: Problems, services: Required<AccountServices>): string[] {
    const { account, region } = Stack.of(this);
    if (Token.isUnresolved(account) || Token.isUnresolved(region)) return [];
    const root = this.node.root;
    const created = CREATED_SINGLETONS.get(root) ?? new Map<string, string>();
    CREATED_SINGLETONS.set(root, created);
    const claims: string[] = [];
    for (const service of SERVICE_NAMES) {
      if (!SINGLETON_ACCOUNT_SERVICES.includes(service) || services[service].adoption) continue;
      const key = `${account}/${region}/${service}`;
      const other = created.get(key);
      problems.check(
        other === undefined,
        adoptionSetting(service),
        `must adopt what \`${other}\` creates in ${account} ${region} already, where only one can ` +
          'exist: `AccountService.adopt({ reason })`',
        ACCOUNT_SERVICE_CLAUSES[service],
        'AccountService.create()',
      );
      claims.push(key);
    }
    return claims;
  }

  /** Records each feature left out on the resource that would have enabled it. */
  private recordFeatureOptOuts(
    resource: CfnResource,
    setting: string,
    optOuts: FeatureOptOut[] | undefined,
    clausesOf: (feature: string) => readonly string[],
  ): void {
    for (const optOut of optOuts ?? []) {
      DppMetadata.of(resource).addOptOut({
        setting: `${setting}[${optOut.feature}]`,
        clauses: [...clausesOf(optOut.feature)],
        reason: optOut.reason,
      });
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

  private guardDuty(features: readonly string[]): guardduty.CfnDetector {
    return new guardduty.CfnDetector(this, 'GuardDuty', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: features.map((name) => ({ name, status: 'ENABLED' })),
    });
  }

  /**
   * The recorder and its delivery channel. The recorder assumes a role of its own with
   * `AWS_ConfigRole`, not the service-linked role `AWSServiceRoleForConfig`: that role exists
   * once per account, so creating it in the template fails wherever AWS Config was ever turned on,
   * the very singleton problem adoption solves; the role here is scoped to the audit bucket's
   * Config prefix and goes with the stack.
   */
  private configRecorder(
    bucket: AuditLogBucket,
    recordGlobalResourceTypes: boolean,
  ): { recorder: config.CfnConfigurationRecorder; channel: config.CfnDeliveryChannel } {
    const { account } = Stack.of(this);
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    const role = new ManagedPolicyRole(this, 'ConfigRole', {
      description: 'Lets AWS Config record the configuration of the account (cdk-dpp, DPP-DG-2)',
      assumedBy: configService,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    const configObjects = bucket.arnForObjects(`AWSLogs/${account}/Config/*`);
    acknowledgeBuiltIn(role, 'AccountBaseline', {
      id: wildcardResourceFinding(role, configObjects),
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
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [configObjects],
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
        resources: [configObjects],
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
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: recordGlobalResourceTypes },
    });
    const channel = new config.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: bucket.key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    if (bucket.policy) channel.node.addDependency(bucket.policy);
    return { recorder, channel };
  }

  /**
   * The managed Config rules, after the recorder and channel when the baseline creates them. AWS
   * Config refuses a rule while the account has no recorder (`PutConfigRule`:
   * NoAvailableConfigurationRecorderException), so with Config adopted they rely on the
   * adopted recorder.
   */
  private configRules(
    props: AccountBaselineProps,
    recorderAndChannel: CfnResource[],
  ): config.CfnConfigRule[] {
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
    return rules.map(([ruleId, identifier, inputParameters]) => {
      const rule = new config.ManagedRule(this, ruleId, {
        identifier,
        inputParameters,
        maximumExecutionFrequency: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
      });
      if (recorderAndChannel.length > 0) rule.node.addDependency(...recorderAndChannel);
      return rule.node.defaultChild as config.CfnConfigRule;
    });
  }

  private enableInspector(resourceTypes: readonly string[]): CfnResource {
    const { account, partition } = Stack.of(this);
    const enable: cr.AwsSdkCall = {
      service: 'Inspector2',
      action: 'enable',
      parameters: { resourceTypes: [...resourceTypes] },
      physicalResourceId: cr.PhysicalResourceId.of(`inspector2-${resourceTypes.join('-')}`),
    };
    const call = awsApiCall(this, 'EnableInspector', {
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
    return call.node.findChild('Resource').node.defaultChild as CfnResource;
  }

  private accessReview(
    auditBucket: AuditLogBucket,
    reviewTopic: sns.ITopic,
    incidentTopic: sns.ITopic,
    analyzerArns: string[],
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
        ANALYZER_ARNS: Stack.of(this).toJsonString(analyzerArns),
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
    const everyPrincipal = ['role', 'user'].map(
      (kind) => `arn:${partition}:iam::${account}:${kind}/*`,
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:SimulatePrincipalPolicy'],
        resources: everyPrincipal,
      }),
    );
    if (analyzerArns.length > 0) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['access-analyzer:ListFindings'],
          resources: analyzerArns,
        }),
      );
    }
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
    this.acknowledgeAccessReview(role, fn, everyPrincipal);
    return fn;
  }

  private acknowledgeAccessReview(
    role: iam.Role,
    fn: lambda.Function,
    everyPrincipal: readonly string[],
  ): void {
    acknowledgeBuiltIn(role, 'AccountBaseline', {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'iam:ListRoles and iam:ListUsers support no resource-level permission; the review must list ' +
        'every principal of the account. They are read-only and the only actions on all resources.',
    });
    for (const principals of everyPrincipal) {
      acknowledgeBuiltIn(role, 'AccountBaseline', {
        id: wildcardResourceFinding(role, principals),
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

/** Every account service, each one the operator left out created here. */
function withDefaults(services: AccountServices = {}): Required<AccountServices> {
  const created = AccountService.create();
  return {
    guardDuty: services.guardDuty ?? created,
    config: services.config ?? created,
    externalAccessAnalyzer: services.externalAccessAnalyzer ?? created,
    unusedAccessAnalyzer: services.unusedAccessAnalyzer ?? created,
    inspector: services.inspector ?? created,
  };
}

/** An adoption carries a real reason; only an adopted analyzer names an ARN, and a real one. */
function checkServices(problems: Problems, services: Required<AccountServices>): void {
  for (const service of SERVICE_NAMES) {
    const { adoption, analyzerArn } = services[service];
    const setting = adoptionSetting(service);
    const clauses = ACCOUNT_SERVICE_CLAUSES[service];
    problems.optOutReason(setting, adoption, clauses);
    if (analyzerArn === undefined || Token.isUnresolved(analyzerArn)) continue;
    problems.check(
      ANALYZER_SERVICES.includes(service),
      `${setting}`,
      'names an analyzer ARN, which only the analyzers take; adopt it with `AccountService.adopt`',
      clauses,
      JSON.stringify(analyzerArn),
    );
    problems.check(
      ANALYZER_ARN.test(analyzerArn),
      `${setting}.analyzerArn`,
      'must be the ARN of an IAM Access Analyzer analyzer',
      clauses,
      JSON.stringify(analyzerArn),
    );
  }
}

/**
 * The features of `all` that `optOuts` keep, checking that each opt-out names a known feature
 * with a real reason, that at least one feature is kept, and that the service is created here.
 */
function keptFeatures(
  problems: Problems,
  prop: string,
  optOuts: FeatureOptOut[] | undefined,
  all: readonly string[],
  service: AccountService,
  clausesOf: (feature: string) => readonly string[],
): string[] {
  if (!optOuts || optOuts.length === 0) return [...all];
  const left = new Set(optOuts.map((o) => o.feature));
  const kept = all.filter((feature) => !left.has(feature));
  const clauses = [...new Set(optOuts.flatMap((o) => clausesOf(o.feature)))];
  problems.check(
    !service.adoption,
    prop,
    'applies only to a service the baseline creates; the adopted one is configured where it is managed',
    clauses,
    [...left].join(', '),
  );
  for (const optOut of optOuts) {
    problems.check(
      all.includes(optOut.feature),
      `${prop}`,
      `must name features of ${all.join(', ')}`,
      clauses,
      JSON.stringify(optOut.feature),
    );
    problems.optOutReason(`${prop}[${optOut.feature}]`, optOut, clauses);
  }
  problems.check(
    kept.length > 0,
    prop,
    'must keep at least one feature; adopt the service with `accountServices` where it runs elsewhere',
    clauses,
    [...left].join(', '),
  );
  return kept;
}
