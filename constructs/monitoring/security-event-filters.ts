import { Duration, aws_cloudwatch as cloudwatch, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The namespace of the metrics the security metric filters publish. */
export const SECURITY_METRIC_NAMESPACE = 'CdkDpp/Security';

/** The period every security alarm evaluates. */
export const SECURITY_ALARM_PERIOD = Duration.minutes(5);

/**
 * A security event to watch for in the CloudTrail log group: a metric filter and the alarm
 * threshold on its count per period.
 */
export interface SecurityEventFilter {
  /** The metric name and the id of the filter and alarm. */
  readonly id: string;
  /** What the alarm means, in one sentence. */
  readonly title: string;
  /** The CloudWatch Logs filter pattern on CloudTrail events. */
  readonly pattern: string;
  /** How many events in one period raise the alarm. */
  readonly threshold: number;
  /** The clauses the alarm serves. */
  readonly clauses: string[];
}

/** `{ (a) || (b) }` over `$.eventName` values, optionally limited to one event source. */
export function eventNamePattern(eventNames: readonly string[], eventSource?: string): string {
  const names = eventNames.map((name) => `($.eventName = "${name}")`).join(' || ');
  return eventSource ? `{ ($.eventSource = "${eventSource}") && (${names}) }` : `{ ${names} }`;
}

/**
 * The security events every `SecurityAlarms` watches (DPP-LM-1, DPP-LM-6, DPP-NP-6,
 * DPP-25-MAL): repeated unauthorized calls, failed console log-ins, use of the root account, and
 * changes to IAM, network controls, keys, the trail, AWS Config and GuardDuty.
 */
export const SECURITY_EVENT_FILTERS: readonly SecurityEventFilter[] = [
  {
    id: 'UnauthorizedApiCalls',
    title: 'Repeated AccessDenied or UnauthorizedOperation errors',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    threshold: 5,
    clauses: ['DPP-LM-6', 'DPP-NP-6'],
  },
  {
    id: 'ConsoleSignInFailures',
    title: 'Repeated failed console log-ins',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
    threshold: 3,
    clauses: ['DPP-NP-6', 'DPP-25-LOCK'],
  },
  {
    id: 'RootAccountUse',
    title: 'The root user of the account made a call',
    pattern:
      '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
    threshold: 1,
    clauses: ['DPP-NP-2', 'DPP-LM-1'],
  },
  {
    id: 'IamChanges',
    title: 'An IAM user, access key, policy or trust policy changed',
    pattern: eventNamePattern([
      'CreateUser',
      'CreateAccessKey',
      'CreateLoginProfile',
      'UpdateAssumeRolePolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'SetDefaultPolicyVersion',
      'PutRolePolicy',
      'DeleteRolePolicy',
      'PutUserPolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'DeleteGroupPolicy',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-LP-1', 'SOC-R8'],
  },
  {
    id: 'SecurityGroupChanges',
    title: 'A security group or its rules changed',
    pattern: eventNamePattern([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ]),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-NP-1', 'SOC-R8'],
  },
  {
    id: 'NetworkAclChanges',
    title: 'A network ACL or its entries changed',
    pattern: eventNamePattern([
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-NP-1', 'SOC-R8'],
  },
  {
    id: 'RouteChanges',
    title: 'A route, route table or internet-facing gateway changed',
    pattern: eventNamePattern([
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRoute',
      'DeleteRouteTable',
      'DisassociateRouteTable',
      'AttachInternetGateway',
      'CreateNatGateway',
    ]),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-NP-1', 'SOC-R8'],
  },
  {
    id: 'KmsKeyDeletion',
    title: 'A KMS key was disabled or scheduled for deletion',
    pattern: eventNamePattern(['DisableKey', 'ScheduleKeyDeletion'], 'kms.amazonaws.com'),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-ES-1', 'DPP-DR-4'],
  },
  {
    id: 'CloudTrailChanges',
    title: 'A CloudTrail trail was changed, stopped or deleted',
    pattern: eventNamePattern(
      ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StopLogging', 'PutEventSelectors'],
      'cloudtrail.amazonaws.com',
    ),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-LM-3'],
  },
  {
    id: 'ConfigChanges',
    title: 'The AWS Config recorder or delivery channel was changed or stopped',
    pattern: eventNamePattern(
      [
        'StopConfigurationRecorder',
        'DeleteConfigurationRecorder',
        'PutConfigurationRecorder',
        'DeleteDeliveryChannel',
        'PutDeliveryChannel',
      ],
      'config.amazonaws.com',
    ),
    threshold: 1,
    clauses: ['DPP-LM-1', 'DPP-DG-2', 'SOC-R8'],
  },
  {
    id: 'GuardDutyDisabled',
    title: 'GuardDuty was disabled, changed or detached from its members',
    pattern: eventNamePattern(
      [
        'DeleteDetector',
        'UpdateDetector',
        'DisassociateMembers',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
        'StopMonitoringMembers',
        'DeleteMembers',
        'DeleteMalwareProtectionPlan',
      ],
      'guardduty.amazonaws.com',
    ),
    threshold: 1,
    clauses: ['DPP-25-MAL', 'SOC-R3'],
  },
];

/** The count metric a security metric filter publishes. */
export function securityEventMetric(
  filter: SecurityEventFilter,
  namespace: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName: filter.id,
    statistic: cloudwatch.Stats.SUM,
    period: SECURITY_ALARM_PERIOD,
  });
}

/**
 * Adds the metric filter of `filter` to the log group and returns the alarm on its count: at
 * least `threshold` events in one period; missing data is not an event.
 */
export function securityEventAlarm(
  scope: Construct,
  logGroup: logs.ILogGroup,
  filter: SecurityEventFilter,
  namespace: string,
): cloudwatch.Alarm {
  const metricFilter = new logs.MetricFilter(scope, `${filter.id}Filter`, {
    logGroup,
    filterPattern: logs.FilterPattern.literal(filter.pattern),
    metricNamespace: namespace,
    metricName: filter.id,
    metricValue: '1',
  });
  const alarm = new cloudwatch.Alarm(scope, `${filter.id}Alarm`, {
    alarmDescription: `${filter.title} (${filter.clauses.join(', ')}).`,
    metric: securityEventMetric(filter, namespace),
    threshold: filter.threshold,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.node.addDependency(metricFilter);
  return alarm;
}
