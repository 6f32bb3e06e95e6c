import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataClass } from '../../../../constructs/common/data-class';
import { DPP_METADATA_KEY } from '../../../../constructs/common/dpp-metadata';
import { piiFieldNamesIn } from '../../../controls/pii-field-names';
import { isDataStore, storeClass } from '../../data-stores';
import { Findings, objectOf, recordsOf } from '../../findings';
import { literalText, logicalIdOf, propertiesOf, templateOf } from '../../resolve';

/** The classes that declare a store holds no PII. */
const NON_PII_CLASSES: readonly (DataClass | undefined)[] = [
  DataClass.NO_AMAZON_DATA,
  DataClass.AMAZON_DATA,
];

/** The names a store carries: logical id, literal name properties and key or attribute names. */
function namesOf(node: CfnResource): string[] {
  const properties = propertiesOf(node);
  // A name joined from a token and text (`${account}-buyer-exports`) still says what it holds.
  const literal = Object.entries(properties)
    .filter(([key]) => /Name$/.test(key))
    .map(([, value]) => literalText(value))
    .filter((name): name is string => name !== undefined);
  const attributes = [
    ...recordsOf(properties.AttributeDefinitions),
    ...recordsOf(properties.KeySchema),
  ]
    .map((a) => a.AttributeName)
    .filter((a): a is string => typeof a === 'string');
  return [logicalIdOf(node), ...literal, ...attributes];
}

/**
 * Compliant unless a store declared to hold no PII (`no-amazon-data` or `amazon-data`) says
 * otherwise itself: its cdk-dpp data declaration lists PII fields, or its logical id, name or
 * key attributes name SP-API personal data (`buyerEmail`, `ShippingAddress`...). Declaring a
 * store free of PII switches the PII rules off, so the declaration must not contradict the store.
 */
export function dataStoreDeclarationConsistent(node: CfnResource): NagRuleResult {
  if (!isDataStore(node) || !NON_PII_CLASSES.includes(storeClass(node))) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = new Findings(node);
  const declared = objectOf(objectOf(templateOf(node).Metadata?.[DPP_METADATA_KEY]).data);
  if (Array.isArray(declared.piiFields) && declared.piiFields.length > 0) {
    findings.add('DeclaresPiiFields');
  }
  const named = [...new Set(namesOf(node).flatMap(piiFieldNamesIn))];
  if (named.length > 0) findings.add(`NamesPii::${named.join(',')}`);
  return findings.result();
}
