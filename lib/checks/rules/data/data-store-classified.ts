import { CfnResource, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isDataClass, isDataStore } from '../../data-stores';
import { dataClassOf } from '../../resolve';

/**
 * Compliant when a data store carries the `dpp:data-class` tag with one of the data classes
 * (`pii`, `amazon-data`, `audit-log`, `tax-archive`, `no-amazon-data`).
 */
export function dataStoreClassified(node: CfnResource): NagRuleResult {
  if (!isDataStore(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const value = dataClassOf(node);
  if (value === undefined) return ['MissingTag'];
  if (Token.isUnresolved(value)) return ['Unresolved::Tags'];
  return isDataClass(value) ? NagRuleCompliance.COMPLIANT : ['UnknownClass'];
}
