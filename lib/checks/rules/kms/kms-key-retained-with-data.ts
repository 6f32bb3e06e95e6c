import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { keeps } from '../../keeping-policies';
import { templateOf } from '../../resolve';
import { keepsData, resourcesEncryptedBy } from './key-usage';

/**
 * Compliant when a KMS key that encrypts data the app keeps (a retained store, log group or
 * backup vault, or a trail's log files) is itself retained when the stack is deleted or the key
 * replaced: a key scheduled for deletion with the stack leaves that data unreadable, which is
 * data lost.
 */
export function kmsKeyRetainedWithData(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::KMS::Key') return NagRuleCompliance.NOT_APPLICABLE;
  if (!resourcesEncryptedBy(node).some(keepsData)) return NagRuleCompliance.NOT_APPLICABLE;
  const template = templateOf(node);
  return new Findings(node)
    .unless(keeps(template.DeletionPolicy), 'DeletionPolicy')
    .unless(keeps(template.UpdateReplacePolicy), 'UpdateReplacePolicy')
    .result();
}
