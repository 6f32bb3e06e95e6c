import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { mayCarryAmazonData } from '../../data-paths';
import { Findings } from '../../findings';
import { propertiesOf } from '../../resolve';

/**
 * Compliant when the users of a notebook instance that may hold Amazon data have no root access
 * (`RootAccess` defaults to `Enabled`), so they cannot change the instance's own controls.
 */
export function sageMakerNotebookNoRootAccess(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::SageMaker::NotebookInstance' || !mayCarryAmazonData(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return new Findings(node)
    .check(
      propertiesOf(node).RootAccess ?? 'Enabled',
      'RootAccess',
      (access) => access === 'Disabled',
      'RootAccess',
    )
    .result();
}
