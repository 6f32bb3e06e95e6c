import { OWNER_TAG } from '../../constructs/common/owner';
import { AUDIT_LOG_MIN_EXPIRY } from '../../constructs/common/retention-limits';
import { adoptionSetting } from '../../constructs/monitoring/account-service';
import {
  METRIC_NAMESPACE,
  OVERDUE_METRIC,
  REMEDIATION_DAYS,
  SEVERITY_DIMENSION,
} from '../../constructs/monitoring/vulnerability-deadline-metric';
import { DATA_STORE_TYPES } from '../checks/data-stores';
import {
  ClauseMechanisms,
  Mechanism,
  MechanismPredicate,
  MechanismProvider,
  TemplateReferences,
  TemplateResource,
} from './mechanism';
import {
  LONGEST_MONTH_DAYS,
  actionCovers,
  actionsOf,
  conditionKeysOf,
  isTrue,
  listOf,
  objectOf,
  scheduleIntervalDays,
  statementsOf,
  tagOf,
  textOf,
} from './template-values';

/*
 * The mechanisms of the supported clauses: what the app must hold before the clause is
 * "provided". A mechanism is present when one resource of one of its provider types matches the
 * provider's predicate (every one of them, for a mechanism with `everyResource`). Predicates judge
 * the template as written: a value they cannot read (an unresolved token where a literal is
 * needed) does not count.
 */

const SNS_TOPIC = 'AWS::SNS::Topic';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

/** The SNS protocols that reach a person or a paging service. */
const PERSON_PROTOCOLS: readonly string[] = ['email', 'email-json', 'sms', 'https'];

/** The most days a secret may go between rotations (DPP-25-CRED). */
const MAX_ROTATION_DAYS = 90;

/** The CloudFormation events that say a stack's deployment ended (SOC-C6). */
const STACK_STATUS_CHANGE = 'CloudFormation Stack Status Change';
/** The stack status that ends a deployment which applied a change (SOC-C6). */
const UPDATE_COMPLETE = 'UPDATE_COMPLETE';

/** Properties of the resource. */
const props = (resource: TemplateResource) => resource.properties;

/** Whether an EventBridge rule or schedule state leaves it running. */
function isEnabled(state: unknown): boolean {
  return state === undefined || state === 'ENABLED';
}

/** Whether an EventBridge rule is enabled and has at least one target. */
function ruleHasTargets(resource: TemplateResource): boolean {
  return isEnabled(props(resource).State) && listOf(props(resource).Targets).length > 0;
}

/** The `source` values of an EventBridge rule's pattern. */
function eventSources(resource: TemplateResource): unknown[] {
  return listOf(objectOf(props(resource).EventPattern).source);
}

/** An enabled EventBridge rule with a target, on events from one of `sources`. */
function routesEventsFrom(...sources: string[]): MechanismPredicate {
  return (resource) =>
    ruleHasTargets(resource) && eventSources(resource).some((s) => sources.includes(String(s)));
}

/**
 * Whether an event pattern's list of values admits `value`: an absent list matches every value;
 * a present one must name it as a literal (prefix, wildcard and anything-but forms do not count).
 */
function admits(values: unknown, value: string): boolean {
  return values === undefined || listOf(values).includes(value);
}

/**
 * An enabled EventBridge rule on CloudFormation stack status events that admits the end of an
 * update (`UPDATE_COMPLETE`) and has an SNS topic among its targets: every deployment of a
 * stack it matches notifies the topic (SOC-C6).
 */
const stackDeploymentsToTopic: MechanismPredicate = (resource, references) => {
  const pattern = objectOf(props(resource).EventPattern);
  const status = objectOf(objectOf(pattern.detail)['status-details']).status;
  return (
    isEnabled(props(resource).State) &&
    listOf(pattern.source).includes('aws.cloudformation') &&
    admits(pattern['detail-type'], STACK_STATUS_CHANGE) &&
    admits(status, UPDATE_COMPLETE) &&
    listOf(props(resource).Targets).some((t) => isTopic(objectOf(t).Arn, references))
  );
};

/** Whether a value is an SNS topic of the app or the literal ARN of one. */
function isTopic(value: unknown, references: TemplateReferences): boolean {
  return references.typeOf(value) === SNS_TOPIC || /^arn:[^:]+:sns:/.test(textOf(value));
}

/** An alarm whose actions are enabled and notify an SNS topic. */
function notifiesTopic(resource: TemplateResource, references: TemplateReferences): boolean {
  return (
    props(resource).ActionsEnabled !== false &&
    listOf(props(resource).AlarmActions).some((action) => isTopic(action, references))
  );
}

/** A metric filter whose pattern names every one of `words`. */
function filterNames(...words: string[]): MechanismPredicate {
  return (resource) => {
    const pattern = textOf(props(resource).FilterPattern);
    return words.every((word) => pattern.includes(word));
  };
}

/** An AWS managed Config rule with the given source identifier. */
function managedConfigRule(identifier: string): MechanismPredicate {
  const source = (resource: TemplateResource) => objectOf(props(resource).Source);
  return (resource) =>
    source(resource).Owner === 'AWS' && source(resource).SourceIdentifier === identifier;
}

/** An IAM Access Analyzer of one of the given types. */
function analyzerOfType(...types: string[]): MechanismPredicate {
  return (resource) => types.includes(String(props(resource).Type));
}

/** The policy documents of an IAM policy, managed policy or role (its inline policies). */
function policyDocuments(resource: TemplateResource): unknown[] {
  if (resource.type === 'AWS::IAM::Role') {
    return listOf(props(resource).Policies).map((p) => objectOf(p).PolicyDocument);
  }
  return [props(resource).PolicyDocument];
}

/** An identity policy that allows one of `actions` (directly or through a wildcard). */
function allowsAnyOf(...actions: string[]): MechanismPredicate {
  return (resource) =>
    policyDocuments(resource)
      .flatMap(statementsOf)
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf)
      .some((pattern) => actions.some((action) => actionCovers(pattern, action)));
}

/** A schedule that runs at least monthly and whose target is a Lambda function of the stack. */
const monthlyLambdaRule: MechanismPredicate = (resource, references) =>
  ruleHasTargets(resource) &&
  (scheduleIntervalDays(props(resource).ScheduleExpression) ?? Infinity) <= LONGEST_MONTH_DAYS &&
  listOf(props(resource).Targets).some(
    (t) => references.typeOf(objectOf(t).Arn) === LAMBDA_FUNCTION,
  );

/** A schedule that runs at least daily and whose target is a Lambda function of the stack. */
const dailyLambdaRule: MechanismPredicate = (resource, references) =>
  ruleHasTargets(resource) &&
  (scheduleIntervalDays(props(resource).ScheduleExpression) ?? Infinity) <= 1 &&
  listOf(props(resource).Targets).some(
    (t) => references.typeOf(objectOf(t).Arn) === LAMBDA_FUNCTION,
  );

/**
 * An alarm that notifies a topic on one overdue Inspector finding of `severity` in the
 * `VulnerabilityDeadlines` count, over at most a day, and treats a day without a count as a breach.
 */
function alarmsOnOverdue(severity: string): MechanismPredicate {
  return (resource, references) => {
    const p = props(resource);
    const threshold = typeof p.Threshold === 'number' ? p.Threshold : NaN;
    const firesOnOne =
      (p.ComparisonOperator === 'GreaterThanThreshold' && threshold < 1) ||
      (p.ComparisonOperator === 'GreaterThanOrEqualToThreshold' && threshold <= 1);
    return (
      notifiesTopic(resource, references) &&
      p.Namespace === METRIC_NAMESPACE &&
      p.MetricName === OVERDUE_METRIC &&
      listOf(p.Dimensions)
        .map(objectOf)
        .some((d) => d.Name === SEVERITY_DIMENSION && d.Value === severity) &&
      firesOnOne &&
      typeof p.Period === 'number' &&
      p.Period <= 86400 &&
      p.TreatMissingData === 'breaching'
    );
  };
}

/** An EventBridge Scheduler schedule, as `monthlyLambdaRule`. */
const monthlyLambdaSchedule: MechanismPredicate = (resource, references) =>
  isEnabled(props(resource).State) &&
  (scheduleIntervalDays(props(resource).ScheduleExpression) ?? Infinity) <= LONGEST_MONTH_DAYS &&
  references.typeOf(objectOf(props(resource).Target).Arn) === LAMBDA_FUNCTION;

/** A resource policy (bucket policy, table resource policy) that denies calls from outside a VPC. */
function deniesOutsideVpc(document: unknown): boolean {
  return statementsOf(document).some(
    (s) =>
      s.Effect === 'Deny' &&
      conditionKeysOf(s).some((key) => key === 'aws:sourcevpce' || key === 'aws:sourcevpc'),
  );
}

/** The record of processing a cdk-dpp store wrote into its template metadata. */
function declaredData(resource: TemplateResource): Record<string, unknown> {
  return objectOf(objectOf(objectOf(resource.metadata)['cdk-dpp']).data);
}

/** A store whose cdk-dpp metadata declares why it holds its data. */
const declaresPurpose: MechanismPredicate = (resource) =>
  textOf(declaredData(resource).purpose).trim() !== '';

/** A PII store whose cdk-dpp metadata declares how one person's data is erased. */
const declaresPiiErasure: MechanismPredicate = (resource) =>
  declaredData(resource).dataClass === 'pii' &&
  textOf(declaredData(resource).erasure).trim() !== '';

/** An identity policy that lets its holder list IAM Access Analyzer findings. */
const listsAnalyzerFindings = allowsAnyOf(
  'access-analyzer:ListFindings',
  'access-analyzer:ListFindingsV2',
);

/** A GuardDuty detector that is enabled. */
const detectorEnabled: MechanismPredicate = (resource) => isTrue(props(resource).Enable);

/** An enabled GuardDuty detector that scans EBS volumes for malware. */
const detectorScansForMalware: MechanismPredicate = (resource) => {
  const features = listOf(props(resource).Features).map(objectOf);
  const legacy = objectOf(
    objectOf(objectOf(objectOf(props(resource).DataSources).MalwareProtection))
      .ScanEc2InstanceWithFindings,
  );
  return (
    isTrue(props(resource).Enable) &&
    (features.some((f) => f.Name === 'EBS_MALWARE_PROTECTION' && f.Status === 'ENABLED') ||
      isTrue(legacy.EbsVolumes))
  );
};

/**
 * A malware protection plan that really scans a bucket of the app: GuardDuty assumes a role (an
 * IAM role of the app, or the literal ARN of one) to scan a bucket of the app by reference, tags
 * every scanned object with its verdict (what infected-object denies and investigations read), and
 * scans the whole bucket: a plan limited to prefixes leaves uploads under other keys unscanned,
 * and the template cannot show that no upload lands there.
 */
const planScansAppBucket: MechanismPredicate = (resource, references) => {
  const p = props(resource);
  const bucket = objectOf(objectOf(p.ProtectedResource).S3Bucket);
  const tagging = objectOf(objectOf(p.Actions).Tagging);
  return (
    (references.typeOf(p.Role) === 'AWS::IAM::Role' ||
      /^arn:[^:]+:iam::\d{12}:role\//.test(textOf(p.Role))) &&
    references.typeOf(bucket.BucketName) === 'AWS::S3::Bucket' &&
    bucket.ObjectPrefixes === undefined &&
    tagging.Status === 'ENABLED'
  );
};

/** An enabled, multi-region trail that is logging. */
const multiRegionTrail: MechanismPredicate = (resource) =>
  isTrue(props(resource).IsLogging) && isTrue(props(resource).IsMultiRegionTrail);

/** A symmetric encryption key, enabled, with automatic rotation. */
const rotatedSymmetricKey: MechanismPredicate = (resource) => {
  const p = props(resource);
  return (
    p.Enabled !== false &&
    isTrue(p.EnableKeyRotation) &&
    (p.KeySpec === undefined || p.KeySpec === 'SYMMETRIC_DEFAULT') &&
    (p.KeyUsage === undefined || p.KeyUsage === 'ENCRYPT_DECRYPT')
  );
};

/** A Config recorder that records every supported resource type. */
const recordsAllTypes: MechanismPredicate = (resource) => {
  const group = objectOf(props(resource).RecordingGroup);
  return (
    isTrue(group.AllSupported) ||
    objectOf(group.RecordingStrategy).UseOnly === 'ALL_SUPPORTED_RESOURCE_TYPES'
  );
};

/** A Secrets Manager rotation schedule: a rotation function, at most 90 days apart. */
const rotatesWithin90Days: MechanismPredicate = (resource) => {
  const p = props(resource);
  const rules = objectOf(p.RotationRules);
  const days =
    typeof rules.AutomaticallyAfterDays === 'number'
      ? rules.AutomaticallyAfterDays
      : scheduleIntervalDays(rules.ScheduleExpression);
  const rotator = p.RotationLambdaARN !== undefined || p.HostedRotationLambda !== undefined;
  return rotator && days !== undefined && days <= MAX_ROTATION_DAYS;
};

/** A custom resource of `AwsCustomResource` that enables Amazon Inspector. */
const enablesInspector: MechanismPredicate = (resource) => {
  const call = textOf(props(resource).Create);
  return call.includes('"service":"Inspector2"') && call.includes('"action":"enable"');
};

/** A subscription of a person (e-mail, SMS, a paging webhook) to a topic. */
const personSubscribed: MechanismPredicate = (resource, references) =>
  PERSON_PROTOCOLS.includes(String(props(resource).Protocol)) &&
  props(resource).Endpoint !== undefined &&
  isTopic(props(resource).TopicArn, references);

/** A topic with a person among its own subscriptions. */
const topicWithPerson: MechanismPredicate = (resource) =>
  listOf(props(resource).Subscription)
    .map(objectOf)
    .some((s) => PERSON_PROTOCOLS.includes(String(s.Protocol)) && s.Endpoint !== undefined);

/** An S3 bucket with Object Lock COMPLIANCE, moved to a Glacier class, never expired early. */
const coldLockedArchive: MechanismPredicate = (resource) => {
  const p = props(resource);
  const mode = objectOf(objectOf(objectOf(p.ObjectLockConfiguration).Rule).DefaultRetention).Mode;
  const rules = listOf(objectOf(p.LifecycleConfiguration).Rules)
    .map(objectOf)
    .filter((r) => r.Status !== 'Disabled');
  const transitions = rules.flatMap((r) => [
    ...listOf(r.Transitions).map(objectOf),
    ...(r.Transition === undefined ? [] : [objectOf(r.Transition)]),
  ]);
  const expirations = rules.map((r) => r.ExpirationInDays).filter((d) => d !== undefined);
  return (
    isTrue(p.ObjectLockEnabled) &&
    mode === 'COMPLIANCE' &&
    transitions.some((t) => /GLACIER|DEEP_ARCHIVE/.test(String(t.StorageClass))) &&
    expirations.every((d) => typeof d === 'number' && d >= AUDIT_LOG_MIN_EXPIRY.toDays())
  );
};

/** A dashboard whose body names an alarm of the app, or the literal ARN of one. */
const showsAlarms: MechanismPredicate = (resource, references) => {
  const body = props(resource).DashboardBody;
  const parts = listOf(listOf(objectOf(body)['Fn::Join'])[1]);
  return (
    parts.some((part) => references.typeOf(part) === 'AWS::CloudWatch::Alarm') ||
    /arn:[^:"]+:cloudwatch:[^"]*:alarm:/.test(textOf(body))
  );
};

/** Shorthand for a provider. */
const provider = (type: string, matches?: MechanismPredicate): MechanismProvider => ({
  type,
  matches,
});

const ALARMS_NOTIFY: Mechanism = {
  name: 'Alarms that notify a topic',
  providers: [
    provider('AWS::CloudWatch::Alarm', notifiesTopic),
    provider('AWS::CloudWatch::CompositeAlarm', notifiesTopic),
  ],
  construct: 'SecurityAlarms',
  toAdd: 'Add CloudWatch alarms whose alarm action notifies the incident topic (`SecurityAlarms`).',
};

const INCIDENT_TOPIC: Mechanism = {
  name: 'KMS-encrypted incident topic',
  providers: [provider(SNS_TOPIC, (r) => props(r).KmsMasterKeyId !== undefined)],
  construct: 'IncidentTopic',
  toAdd:
    'Add an SNS topic encrypted with a customer-managed key for security incidents (`IncidentTopic`).',
};

const PERSON_ON_TOPIC: Mechanism = {
  name: 'Incident contact subscribed to a topic',
  providers: [
    provider('AWS::SNS::Subscription', personSubscribed),
    provider(SNS_TOPIC, topicWithPerson),
  ],
  construct: 'IncidentTopic',
  toAdd:
    'Subscribe the incident contact (e-mail, SMS or a paging webhook over HTTPS) to the incident topic (`IncidentTopic` with `incidentEmail`).',
};

const GUARDDUTY: Mechanism = {
  name: 'GuardDuty detector',
  providers: [provider('AWS::GuardDuty::Detector', detectorEnabled)],
  construct: 'AccountBaseline',
  toAdd: 'Enable a GuardDuty detector in the account (`AccountBaseline`).',
  adoptedWith: [adoptionSetting('guardDuty')],
};

const GUARDDUTY_MALWARE: Mechanism = {
  name: 'GuardDuty malware protection',
  providers: [
    provider('AWS::GuardDuty::Detector', detectorScansForMalware),
    provider('AWS::GuardDuty::MalwareProtectionPlan', planScansAppBucket),
  ],
  construct: 'BucketMalwareProtection',
  toAdd:
    'Scan the buckets that receive uploads with a GuardDuty malware protection plan (`BucketMalwareProtection`, which `DppBaseline.addPiiBucket` adds), or enable GuardDuty with EBS malware protection (`AccountBaseline`).',
  adoptedWith: [adoptionSetting('guardDuty')],
};

const GUARDDUTY_FINDINGS_ROUTED: Mechanism = {
  name: 'GuardDuty findings routed to a target',
  providers: [provider('AWS::Events::Rule', routesEventsFrom('aws.guardduty'))],
  construct: 'AccountBaseline',
  toAdd:
    'Route GuardDuty findings to the incident topic with an EventBridge rule (`AccountBaseline`).',
};

const FAILED_LOGIN_FILTER: Mechanism = {
  name: 'Metric filter on failed console log-ins',
  providers: [
    provider('AWS::Logs::MetricFilter', filterNames('ConsoleLogin', 'Failed authentication')),
  ],
  construct: 'SecurityAlarms',
  toAdd:
    'Count failed console log-ins with a metric filter on the trail log group, and alarm on it (`SecurityAlarms`).',
};

const COGNITO_USER_POOL = 'AWS::Cognito::UserPool';

/** A user pool that requires MFA and enforces threat protection for standard authentication. */
const poolProtected: MechanismPredicate = (resource) =>
  props(resource).MfaConfiguration === 'ON' &&
  objectOf(props(resource).UserPoolAddOns).AdvancedSecurityMode === 'ENFORCED';

const PROTECTED_USER_POOLS: Mechanism = {
  name: 'Cognito user pools with MFA required and threat protection enforced',
  providers: [provider(COGNITO_USER_POOL, poolProtected)],
  construct: 'SecureUserPool',
  requiredWhere: COGNITO_USER_POOL,
  toAdd:
    'Require MFA and enforce threat protection on every user pool of the app (`SecureUserPool`).',
};

const USER_POOL_LOCKOUT: Mechanism = {
  name: 'Cognito user pools that check every sign-in with a function before it',
  providers: [
    provider(
      COGNITO_USER_POOL,
      (resource, references) =>
        poolProtected(resource, references) &&
        references.typeOf(objectOf(props(resource).LambdaConfig).PreAuthentication) ===
          LAMBDA_FUNCTION,
    ),
  ],
  construct: 'SecureUserPool',
  requiredWhere: COGNITO_USER_POOL,
  toAdd:
    'Disable a user after 10 unsuccessful sign-ins with a pre-authentication function on every user pool (`SecureUserPool`).',
};

const GUARDDUTY_TAMPER_FILTER: Mechanism = {
  name: 'Metric filter on GuardDuty being disabled',
  providers: [
    provider(
      'AWS::Logs::MetricFilter',
      filterNames('guardduty.amazonaws.com', 'DeleteDetector', 'UpdateDetector'),
    ),
  ],
  construct: 'SecurityAlarms',
  toAdd:
    'Count GuardDuty DeleteDetector and UpdateDetector calls with a metric filter on the trail log group, and alarm on it (`SecurityAlarms`).',
};

const CONFIG_RECORDER: Mechanism = {
  name: 'AWS Config recorder of every resource type',
  providers: [provider('AWS::Config::ConfigurationRecorder', recordsAllTypes)],
  construct: 'AccountBaseline',
  toAdd: 'Record every supported resource type with an AWS Config recorder (`AccountBaseline`).',
  adoptedWith: [adoptionSetting('config')],
};

const CONFIG_DELIVERY: Mechanism = {
  name: 'AWS Config delivery channel',
  providers: [provider('AWS::Config::DeliveryChannel', (r) => props(r).S3BucketName !== undefined)],
  construct: 'AccountBaseline',
  toAdd:
    'Deliver the configuration history to the audit bucket with an AWS Config delivery channel (`AccountBaseline`).',
  adoptedWith: [adoptionSetting('config')],
};

/**
 * Whether a data store names its owner with a non-blank, literal `dpp:owner` tag; a database
 * instance of a cluster and a cache node of a replication group are judged through their
 * cluster or group (DPP-DG-2).
 */
function namesOwner(resource: TemplateResource): boolean {
  if (
    resource.type === 'AWS::RDS::DBInstance' &&
    props(resource).DBClusterIdentifier !== undefined
  ) {
    return true;
  }
  if (
    resource.type === 'AWS::ElastiCache::CacheCluster' &&
    props(resource).ReplicationGroupId !== undefined
  ) {
    return true;
  }
  return (tagOf(props(resource), OWNER_TAG) ?? '').trim() !== '';
}

const OWNED_DATA_STORES: Mechanism = {
  name: 'Data stores tagged with an owner',
  providers: DATA_STORE_TYPES.map((type) => provider(type, namesOwner)),
  everyResource: true,
  construct: 'DppBaseline',
  toAdd:
    "Name the owner of every data store with the `dpp:owner` tag: the `owner` of `DppEnvironment` or `DppBaseline`, a store's `data.owner`, or `Tags.of(stack).add(OWNER_TAG, ...)`.",
};

const TRAIL: Mechanism = {
  name: 'Multi-region CloudTrail trail',
  providers: [provider('AWS::CloudTrail::Trail', multiRegionTrail)],
  construct: 'AuditTrail',
  toAdd: 'Add a multi-region CloudTrail trail that is logging (`AuditTrail`).',
};

const VALIDATED_TRAIL: Mechanism = {
  name: 'CloudTrail trail with log file validation',
  providers: [
    provider(
      'AWS::CloudTrail::Trail',
      (r) => isTrue(props(r).IsLogging) && isTrue(props(r).EnableLogFileValidation),
    ),
  ],
  construct: 'AuditTrail',
  toAdd:
    'Add a CloudTrail trail with log file validation, so the records a certification rests on can be proven unaltered (`AuditTrail`).',
};

const DATA_PERIMETER: Mechanism = {
  name: 'Store policies that deny access from outside the VPC',
  providers: [
    provider('AWS::S3::BucketPolicy', (r) => deniesOutsideVpc(props(r).PolicyDocument)),
    provider('AWS::DynamoDB::Table', (r) =>
      deniesOutsideVpc(objectOf(props(r).ResourcePolicy).PolicyDocument),
    ),
  ],
  construct: 'PiiBucket',
  toAdd:
    'Deny data calls from outside the VPC endpoint in the bucket and table policies (`vpcEndpoint` of `PiiBucket`, `PiiTable`).',
};

const DATA_ENDPOINT: Mechanism = {
  name: 'VPC endpoint for S3 or DynamoDB',
  providers: [
    provider('AWS::EC2::VPCEndpoint', (r) => /\.(s3|dynamodb)$/.test(textOf(props(r).ServiceName))),
  ],
  construct: 'DataVpc',
  toAdd: 'Reach S3 and DynamoDB through VPC endpoints of the data VPC (`DataVpc`).',
};

const INSPECTOR_ENABLED: Mechanism = {
  name: 'Amazon Inspector enabled',
  providers: [provider('Custom::AWS', enablesInspector)],
  construct: 'AccountBaseline',
  toAdd:
    'Enable Amazon Inspector for EC2, ECR and Lambda in the account (`AccountBaseline`), or adopt the delegated administrator’s with `accountServices.inspector`.',
  adoptedWith: [adoptionSetting('inspector')],
};

const INSPECTOR_FINDINGS_ROUTED: Mechanism = {
  name: 'Inspector findings routed to a target',
  providers: [provider('AWS::Events::Rule', routesEventsFrom('aws.inspector2'))],
  construct: 'AccountBaseline',
  toAdd:
    'Route critical and high Amazon Inspector findings to the incident topic with an EventBridge rule (`AccountBaseline`).',
};

const OVERDUE_FINDINGS_COUNTED: Mechanism = {
  name: 'Daily count of overdue Inspector findings',
  providers: [provider('AWS::Events::Rule', dailyLambdaRule)],
  construct: 'VulnerabilityDeadlines',
  toAdd:
    'Count the active Amazon Inspector findings past their remediation deadline at least daily with a scheduled function (`VulnerabilityDeadlines`, part of `AccountBaseline`).',
};

/** The alarm on overdue findings of one severity. */
function overdueAlarm(severity: string): Mechanism {
  const name = severity.toLowerCase();
  return {
    name: `Alarm on ${name} findings open more than ${REMEDIATION_DAYS[severity]} days`,
    providers: [provider('AWS::CloudWatch::Alarm', alarmsOnOverdue(severity))],
    construct: 'VulnerabilityDeadlines',
    toAdd: `Alarm to the incident topic on ${name} Amazon Inspector findings active past ${REMEDIATION_DAYS[severity]} days, and on a day without a count (\`VulnerabilityDeadlines\`, part of \`AccountBaseline\`).`,
  };
}

const OVERDUE_CRITICAL_ALARM = overdueAlarm('CRITICAL');
const OVERDUE_HIGH_ALARM = overdueAlarm('HIGH');

/** What alarms the incident contact on findings past their deadline (DPP-25-VULN, SOC-R4). */
const VULNERABILITY_DEADLINES: readonly Mechanism[] = [
  OVERDUE_FINDINGS_COUNTED,
  OVERDUE_CRITICAL_ALARM,
  OVERDUE_HIGH_ALARM,
];

const ROTATED_KEY: Mechanism = {
  name: 'Customer-managed symmetric KMS key with rotation',
  providers: [provider('AWS::KMS::Key', rotatedSymmetricKey)],
  construct: 'PiiKey',
  toAdd: 'Add a customer-managed symmetric KMS key with automatic rotation (`PiiKey`).',
};

/** The mechanisms of every supported clause, in catalog order. */
export const SUPPORTED_CLAUSE_MECHANISMS: readonly ClauseMechanisms[] = [
  {
    clause: 'DPP-NP-4',
    mechanisms: [
      {
        name: 'IAM Access Analyzer for external access',
        providers: [
          provider('AWS::AccessAnalyzer::Analyzer', analyzerOfType('ACCOUNT', 'ORGANIZATION')),
        ],
        construct: 'AccountBaseline',
        toAdd: 'Add an IAM Access Analyzer of type ACCOUNT or ORGANIZATION (`AccountBaseline`).',
        adoptedWith: [adoptionSetting('externalAccessAnalyzer')],
      },
      {
        name: 'IAM Access Analyzer for unused access',
        providers: [
          provider(
            'AWS::AccessAnalyzer::Analyzer',
            analyzerOfType('ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'),
          ),
        ],
        construct: 'AccountBaseline',
        toAdd:
          'Add an IAM Access Analyzer of type ACCOUNT_UNUSED_ACCESS or ORGANIZATION_UNUSED_ACCESS (`AccountBaseline`).',
        adoptedWith: [adoptionSetting('unusedAccessAnalyzer')],
      },
      {
        name: 'AWS Config rule on unused credentials',
        providers: [
          provider(
            'AWS::Config::ConfigRule',
            managedConfigRule('IAM_USER_UNUSED_CREDENTIALS_CHECK'),
          ),
        ],
        construct: 'AccountBaseline',
        toAdd:
          'Add the AWS Config managed rule IAM_USER_UNUSED_CREDENTIALS_CHECK (`AccountBaseline`).',
      },
      {
        name: 'Access review with the analyzers’ findings',
        providers: [
          provider('AWS::IAM::ManagedPolicy', listsAnalyzerFindings),
          provider('AWS::IAM::Policy', listsAnalyzerFindings),
          provider('AWS::IAM::Role', listsAnalyzerFindings),
        ],
        construct: 'AccountBaseline',
        toAdd:
          'Add the access-review function, allowed to list the IAM Access Analyzer findings it sends the reviewer (`AccountBaseline`).',
        adoptedWith: [
          adoptionSetting('externalAccessAnalyzer'),
          adoptionSetting('unusedAccessAnalyzer'),
        ],
      },
      {
        name: 'Monthly schedule of the access review',
        providers: [
          provider('AWS::Events::Rule', monthlyLambdaRule),
          provider('AWS::Scheduler::Schedule', monthlyLambdaSchedule),
        ],
        construct: 'AccountBaseline',
        toAdd:
          'Run the access-review function at least monthly with an EventBridge schedule (`AccountBaseline`).',
      },
    ],
  },
  { clause: 'DPP-NP-5', mechanisms: [DATA_PERIMETER, DATA_ENDPOINT] },
  {
    clause: 'DPP-NP-6',
    mechanisms: [
      GUARDDUTY,
      GUARDDUTY_FINDINGS_ROUTED,
      FAILED_LOGIN_FILTER,
      ALARMS_NOTIFY,
      PROTECTED_USER_POOLS,
    ],
  },
  {
    clause: 'DPP-NP-10',
    mechanisms: [
      {
        ...ROTATED_KEY,
        name: 'KMS key for envelope encryption of fields',
        toAdd:
          'Add a customer-managed symmetric KMS key for the field encryption of PII that passes untrusted proxies (`PiiKey` with `FieldEncryptor`).',
      },
    ],
  },
  { clause: 'DPP-DG-2', mechanisms: [CONFIG_RECORDER, CONFIG_DELIVERY, OWNED_DATA_STORES] },
  {
    clause: 'DPP-DG-3',
    mechanisms: [
      {
        name: 'Data store that declares its data',
        providers: DATA_STORE_TYPES.map((type) => provider(type, declaresPurpose)),
        construct: 'PiiBucket',
        toAdd:
          'Declare the data every store holds (purpose, fields, collection, sharing) with a cdk-dpp store construct (`PiiBucket`, `PiiTable`, `PiiDatabase`, `AmazonDataBucket`).',
      },
    ],
  },
  {
    clause: 'DPP-DG-4',
    mechanisms: [
      {
        name: 'PII store with a declared erasure method',
        providers: DATA_STORE_TYPES.map((type) => provider(type, declaresPiiErasure)),
        construct: 'PiiTable',
        toAdd:
          'Keep PII in cdk-dpp PII stores, which declare how one person’s data is erased (`erasure` of `PiiBucket`, `PiiTable`, `PiiDatabase`).',
      },
    ],
  },
  { clause: 'DPP-LM-7', mechanisms: [INCIDENT_TOPIC, PERSON_ON_TOPIC, ALARMS_NOTIFY] },
  {
    clause: 'DPP-AU-1',
    mechanisms: [
      {
        name: 'Object-locked audit archive in cold storage',
        providers: [provider('AWS::S3::Bucket', coldLockedArchive)],
        construct: 'AuditLogBucket',
        toAdd:
          'Keep the audit records in a bucket with Object Lock COMPLIANCE, moved to S3 Glacier and not expired before 13 months (`AuditLogBucket`).',
      },
      TRAIL,
    ],
  },
  { clause: 'DPP-AU-2', mechanisms: [VALIDATED_TRAIL] },
  {
    clause: 'DPP-25-MAL',
    mechanisms: [GUARDDUTY_MALWARE, GUARDDUTY_TAMPER_FILTER, ALARMS_NOTIFY],
  },
  {
    clause: 'DPP-25-LOCK',
    mechanisms: [FAILED_LOGIN_FILTER, ALARMS_NOTIFY, PROTECTED_USER_POOLS, USER_POOL_LOCKOUT],
  },
  {
    clause: 'DPP-25-CRED',
    mechanisms: [
      {
        name: 'Secrets Manager rotation schedule',
        providers: [provider('AWS::SecretsManager::RotationSchedule', rotatesWithin90Days)],
        construct: 'SpApiCredentials',
        toAdd:
          'Keep the SP-API client secret and refresh tokens in Secrets Manager with a rotation schedule of at most 90 days (`SpApiCredentials`).',
      },
      {
        name: 'AWS Config rule on access key age',
        providers: [provider('AWS::Config::ConfigRule', managedConfigRule('ACCESS_KEYS_ROTATED'))],
        construct: 'AccountBaseline',
        toAdd: 'Add the AWS Config managed rule ACCESS_KEYS_ROTATED (`AccountBaseline`).',
      },
    ],
  },
  { clause: 'DPP-25-IMPOC', mechanisms: [INCIDENT_TOPIC, PERSON_ON_TOPIC, ALARMS_NOTIFY] },
  {
    clause: 'DPP-25-VULN',
    mechanisms: [INSPECTOR_ENABLED, INSPECTOR_FINDINGS_ROUTED, ...VULNERABILITY_DEADLINES],
  },
  {
    clause: 'SOC-C1',
    mechanisms: [
      ROTATED_KEY,
      {
        name: 'VPC flow logs',
        providers: [provider('AWS::EC2::FlowLog')],
        construct: 'DataVpc',
        toAdd: 'Log the traffic of the data VPC with flow logs (`DataVpc`).',
      },
    ],
  },
  {
    clause: 'SOC-C2',
    mechanisms: [
      {
        name: 'Industry-standard checks of the deployed account',
        providers: [
          provider('AWS::Config::ConfigRule', (r) => objectOf(props(r).Source).Owner === 'AWS'),
          provider('AWS::Config::ConformancePack'),
          provider('AWS::SecurityHub::Standard'),
        ],
        construct: 'AccountBaseline',
        toAdd:
          'Check the deployed account against industry standards with AWS Config managed rules, a conformance pack or a Security Hub standard (`AccountBaseline`).',
      },
    ],
  },
  { clause: 'SOC-C4', mechanisms: [DATA_PERIMETER, DATA_ENDPOINT] },
  {
    clause: 'SOC-C6',
    mechanisms: [
      {
        name: 'Deployments routed to a customer-notice topic',
        providers: [provider('AWS::Events::Rule', stackDeploymentsToTopic)],
        construct: 'ChangeNotices',
        toAdd:
          'Notify a customer-notice topic of every completed deployment with an EventBridge rule on the stacks’ `CloudFormation Stack Status Change` events (`ChangeNotices`).',
      },
    ],
  },
  { clause: 'SOC-C7', mechanisms: [INCIDENT_TOPIC, PERSON_ON_TOPIC, ALARMS_NOTIFY] },
  { clause: 'SOC-R3', mechanisms: [GUARDDUTY_MALWARE, GUARDDUTY_FINDINGS_ROUTED] },
  {
    clause: 'SOC-R4',
    mechanisms: [INSPECTOR_ENABLED, INSPECTOR_FINDINGS_ROUTED, ...VULNERABILITY_DEADLINES],
  },
  {
    clause: 'SOC-R7',
    mechanisms: [
      {
        name: 'CloudWatch dashboard of alarms',
        providers: [provider('AWS::CloudWatch::Dashboard', showsAlarms)],
        construct: 'SecurityAlarms',
        toAdd: 'Add a CloudWatch dashboard of the security alarms (`SecurityAlarms`).',
      },
    ],
  },
  { clause: 'SOC-R8', mechanisms: [CONFIG_RECORDER, TRAIL] },
];

/** The mechanisms a clause needs: none for a clause that is not supported. */
export function mechanismsOf(clause: string): readonly Mechanism[] {
  return SUPPORTED_CLAUSE_MECHANISMS.find((c) => c.clause === clause)?.mechanisms ?? [];
}
