import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isPiiStore } from '../../data-stores';
import { propertiesOf, referencedResources } from '../../resolve';
import { appFact } from './app-index';

function watched(resources: CfnResource[]): Set<CfnResource> {
  return new Set(resources.flatMap((r) => referencedResources(r, propertiesOf(r))));
}

/**
 * Compliant when a CloudWatch alarm (on the store's request or retrieval metrics) or an
 * EventBridge rule (on access to its canary record) of the app watches the `pii` store.
 */
export function piiStoreAlarmed(node: CfnResource): NagRuleResult {
  if (!isPiiStore(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const byAlarm = appFact(node, 'AWS::CloudWatch::Alarm', watched);
  const byEventRule = appFact(node, 'AWS::Events::Rule', watched);
  return byAlarm.has(node) || byEventRule.has(node) ? NagRuleCompliance.COMPLIANT : ['NotWatched'];
}
