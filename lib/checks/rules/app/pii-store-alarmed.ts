import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isPiiStore } from '../../data-stores';
import { isFalse, objectOf, recordsOf } from '../../findings';
import { asList } from '../../policy-document';
import {
  appResourcesOfType,
  isIntrinsic,
  literalText,
  propertiesOf,
  referencedResources,
} from '../../resolve';
import { appFact } from './app-index';

/**
 * The bounds of an alarm that can fire in time. A static threshold above them never fires on a
 * store's traffic: ten million requests, items or connections in one period, or 10 TB
 * (10^13 bytes) of a byte or throughput metric. An alarm that needs more than a day of
 * breaching data points (`EvaluationPeriods` × period) reacts too late to stop an exfiltration.
 */
export const ALARM_BOUNDS = {
  maxCountThreshold: 10_000_000,
  maxByteThreshold: 10_000_000_000_000,
  maxEvaluationSeconds: 86_400,
} as const;

/** Comparisons that fire when a metric rises: what detects an unusual rate or volume. */
const RISING = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'GreaterThanUpperThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold',
];

/** Whether a metric counts bytes (its threshold is judged against the byte bound). */
function isByteMetric(properties: Record<string, unknown>): boolean {
  const names = [
    properties.MetricName,
    ...recordsOf(properties.Metrics).map((m) => objectOf(objectOf(m.MetricStat).Metric).MetricName),
  ];
  return names.some((n) => /bytes|throughput/i.test(String(n ?? '')));
}

/** The period of an alarm in seconds: its own, or the longest of its metric queries. */
function periodOf(properties: Record<string, unknown>): number | undefined {
  const periods = [
    properties.Period,
    ...recordsOf(properties.Metrics).flatMap((m) => [m.Period, objectOf(m.MetricStat).Period]),
  ].filter((p) => p !== undefined);
  if (periods.some(isIntrinsic)) return undefined;
  return periods.length === 0 ? undefined : Math.max(...periods.map(Number));
}

/**
 * Whether a metric alarm can fire on a rise in time: a rising comparison, a threshold under the
 * bound (or an anomaly band), and at most a day of evaluation. Values the synth cannot resolve
 * do not count.
 */
function canFire(properties: Record<string, unknown>): boolean {
  if (!RISING.includes(String(properties.ComparisonOperator))) return false;
  if (properties.ThresholdMetricId === undefined) {
    const threshold = properties.Threshold;
    if (threshold === undefined || isIntrinsic(threshold)) return false;
    const bound = isByteMetric(properties)
      ? ALARM_BOUNDS.maxByteThreshold
      : ALARM_BOUNDS.maxCountThreshold;
    if (!(Number(threshold) < bound)) return false;
  }
  const periods = properties.EvaluationPeriods;
  const datapoints = properties.DatapointsToAlarm ?? periods;
  const period = periodOf(properties);
  if ([periods, datapoints].some(isIntrinsic) || period === undefined) return false;
  return (
    Number(datapoints) >= 1 &&
    Number(datapoints) <= Number(periods) &&
    Number(periods) * period <= ALARM_BOUNDS.maxEvaluationSeconds
  );
}

/** Whether an alarm notifies: its actions are enabled and it has at least one alarm action. */
function notifies(properties: Record<string, unknown>): boolean {
  return !isFalse(properties.ActionsEnabled) && asList(properties.AlarmActions).length > 0;
}

/** What an alarm or rule watches: the resources of its metrics or event pattern. */
function watchedBy(node: CfnResource, value: unknown): CfnResource[] {
  return referencedResources(node, value);
}

/** The part of a metric alarm that names what it measures. */
function metricPart(properties: Record<string, unknown>): unknown {
  return [properties.Dimensions, properties.Metrics];
}

/** The metric alarms a composite alarm's rule names, by reference or by `ALARM("name")`. */
function childAlarms(composite: CfnResource, alarms: CfnResource[]): CfnResource[] {
  const rule = propertiesOf(composite).AlarmRule;
  const byReference = referencedResources(composite, rule);
  const text = literalText(rule) ?? '';
  const names = [...text.matchAll(/\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
  const byName = alarms.filter((a) => names.includes(String(propertiesOf(a).AlarmName)));
  return [...byReference, ...byName];
}

/**
 * The stores watched by an alarm that can raise one: a metric alarm that can fire and notifies,
 * or that can fire and is part of a composite alarm that notifies.
 */
function alarmedStores(alarms: CfnResource[]): Set<CfnResource> {
  if (alarms.length === 0) return new Set();
  const firing = alarms.filter((a) => canFire(propertiesOf(a)));
  const counted = new Set(firing.filter((a) => notifies(propertiesOf(a))));
  const composites = appResourcesOfType(alarms[0], 'AWS::CloudWatch::CompositeAlarm');
  for (const composite of composites) {
    if (!notifies(propertiesOf(composite))) continue;
    childAlarms(composite, alarms)
      .filter((a) => firing.includes(a))
      .forEach((a) => counted.add(a));
  }
  return new Set([...counted].flatMap((a) => watchedBy(a, metricPart(propertiesOf(a)))));
}

/** Every store some alarm names, whether or not it can fire. */
function namedByAlarms(alarms: CfnResource[]): Set<CfnResource> {
  return new Set(alarms.flatMap((a) => watchedBy(a, metricPart(propertiesOf(a)))));
}

/** Whether an EventBridge rule is on and delivers somewhere. */
function ruleDelivers(properties: Record<string, unknown>): boolean {
  const state = properties.State ?? 'ENABLED';
  return String(state).startsWith('ENABLED') && recordsOf(properties.Targets).length > 0;
}

/** The stores named by the event pattern of a rule that is on and has a target. */
function ruledStores(rules: CfnResource[]): Set<CfnResource> {
  return new Set(
    rules
      .filter((r) => ruleDelivers(propertiesOf(r)))
      .flatMap((r) => watchedBy(r, propertiesOf(r).EventPattern)),
  );
}

/** Every store some event rule's pattern names, whether or not it delivers. */
function namedByRules(rules: CfnResource[]): Set<CfnResource> {
  return new Set(rules.flatMap((r) => watchedBy(r, propertiesOf(r).EventPattern)));
}

/**
 * Compliant when the `pii` store is watched by a CloudWatch alarm that can raise an alarm (its
 * actions enabled with an alarm action, or part of a composite alarm that has them; a rising
 * comparison; a threshold within `ALARM_BOUNDS` or an anomaly band; at most a day of
 * evaluation), or by an enabled EventBridge rule with a target whose pattern names it (access to
 * its canary record). An alarm or rule that names the store but cannot raise anything is
 * reported as ineffective.
 */
export function piiStoreAlarmed(node: CfnResource): NagRuleResult {
  if (!isPiiStore(node)) return NagRuleCompliance.NOT_APPLICABLE;
  if (appFact(node, 'AWS::CloudWatch::Alarm', alarmedStores).has(node)) {
    return NagRuleCompliance.COMPLIANT;
  }
  if (appFact(node, 'AWS::Events::Rule', ruledStores).has(node)) return NagRuleCompliance.COMPLIANT;
  const named =
    appFact(node, 'AWS::CloudWatch::Alarm', namedByAlarms).has(node) ||
    appFact(node, 'AWS::Events::Rule', namedByRules).has(node);
  return [named ? 'NoEffectiveAlarm' : 'NotWatched'];
}
