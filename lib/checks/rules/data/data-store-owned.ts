import { CfnResource, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { OWNER_TAG } from '../../../../constructs/common/owner';
import { isDataStore } from '../../data-stores';
import { Findings } from '../../findings';
import { propertiesOf, renderedTag, tagValue } from '../../resolve';

/** Judges one owner tag value: absent, unresolved, blank, or an owner. */
function judgeOwner(findings: Findings, value: string | undefined, where: string): void {
  if (value === undefined) findings.add(where === '' ? 'MissingTag' : `MissingTag::${where}`);
  else if (Token.isUnresolved(value)) findings.add(`Unresolved::${where === '' ? 'Tags' : where}`);
  else if (value.trim() === '') findings.add(where === '' ? 'EmptyOwner' : `EmptyOwner::${where}`);
}

/**
 * Compliant when a data store carries the `dpp:owner` tag in its own template properties, with a
 * literal, non-blank value (DPP-DG-2). A global table, which CloudFormation tags on its replicas
 * only, carries it on every replica. Tag keys are case-sensitive, so `Owner` or `DPP:Owner` is no owner; a tag given only
 * to the CloudFormation stack is not in the template, and reaches a resource or not by its type.
 * Every type of `DATA_STORE_TYPES` has a tag property in CloudFormation (the L1 classes of
 * aws-cdk-lib 2.276 all have a tag manager, but for the global table's replicas), so no store is
 * failed for a tag it could not carry.
 */
export function dataStoreOwned(node: CfnResource): NagRuleResult {
  if (!isDataStore(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Findings(node);
  if (node.cfnResourceType === 'AWS::DynamoDB::GlobalTable') {
    // CloudFormation tags a global table on its replicas only (`Replicas[].Tags`).
    const replicas = propertiesOf(node).Replicas;
    if (!Array.isArray(replicas)) return ['Unresolved::Replicas'];
    replicas.forEach((replica: unknown, i: number) =>
      judgeOwner(
        findings,
        renderedTag((replica as { Tags?: unknown } | null)?.Tags, OWNER_TAG),
        `Replicas[${i}].Tags`,
      ),
    );
    return findings.result();
  }
  judgeOwner(findings, tagValue(node, OWNER_TAG), '');
  return findings.result();
}
