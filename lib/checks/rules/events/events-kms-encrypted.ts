import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { checkCustomerKey, Findings } from '../../findings';
import { propertiesOf } from '../../resolve';
import { classSource } from './event-archive-source';

/** The EventBridge types that encrypt events under `KmsKeyIdentifier`. */
const TYPES = ['AWS::Events::EventBus', 'AWS::Events::Archive', 'AWS::Pipes::Pipe'];

/**
 * Compliant when an event bus, archive or pipe that may carry Amazon data encrypts events with a
 * customer-managed key; without `KmsKeyIdentifier` EventBridge uses a key AWS owns. An archive of
 * a bus outside the app is presumed to carry Amazon data.
 */
export function eventsKmsEncrypted(node: CfnResource): NagRuleResult {
  if (!TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
  const source = classSource(node);
  if (source !== undefined && !mayCarryAmazonData(source)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  checkCustomerKey(findings, propertiesOf(node).KmsKeyIdentifier, 'KmsKeyIdentifier');
  return findings.result();
}
