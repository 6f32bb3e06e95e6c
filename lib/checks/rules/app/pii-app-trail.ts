import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { logsEverySecurityEvent } from '../cloudtrail/trail-logging';
import { appFact, isFirstPiiStoreOfStack } from './app-index';

function hasTrailLoggingEverything(trails: CfnResource[]): boolean {
  return trails.some(logsEverySecurityEvent);
}

/**
 * Compliant when the app holding a `pii` store also has a CloudTrail trail that is logging
 * every management event of every region and the global services, and validates its log files:
 * the judgement of TrailMultiRegionValidated, without the key. Reported once per stack, on its
 * first PII store.
 */
export function piiAppTrail(node: CfnResource): NagRuleResult {
  if (!isFirstPiiStoreOfStack(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const trailed = appFact(node, 'AWS::CloudTrail::Trail', hasTrailLoggingEverything);
  return trailed ? NagRuleCompliance.COMPLIANT : ['NoMultiRegionValidatedTrail'];
}
