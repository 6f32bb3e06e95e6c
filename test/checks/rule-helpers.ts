import { CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DATA_CLASS_TAG, DataClass } from '../../constructs/common/data-class';
import { DPP_RULES } from '../../lib/checks/rule-table';
import { ruleNames } from '../helpers';

/**
 * The findings of one DPP rule (`DPP-<id>` and `DPP-<id>[finding]`) on a scope. Throws when a
 * finding's code has no cause in the rule table, so every unit test of a rule also proves that
 * the codes it sees are explained to the user.
 */
export function findingsOf(scope: IConstruct, id: string): string[] {
  const found = ruleNames(scope).filter((r) => r === `DPP-${id}` || r.startsWith(`DPP-${id}[`));
  const rule = DPP_RULES.find((r) => r.id === id);
  const unexplained = found
    .map((f) => /^DPP-\w+\[([^:\]]+)/.exec(f)?.[1])
    .filter((code) => code !== undefined && code !== 'Unresolved' && !rule?.causes?.[code]);
  if (unexplained.length > 0) {
    throw new Error(`DPP-${id} returns codes without a cause: ${unexplained.join(', ')}`);
  }
  return found;
}

/** Tags a construct with its data class, the way users do with `Tags.of`. */
export function classify<T extends IConstruct>(construct: T, dataClass: DataClass): T {
  Tags.of(construct).add(DATA_CLASS_TAG, dataClass);
  return construct;
}

/** A string the rules cannot resolve: a template parameter. */
export function unresolvedString(stack: Stack, id = 'Unresolved'): string {
  return new CfnParameter(stack, id).valueAsString;
}

/** A number the rules cannot resolve: a template parameter. */
export function unresolvedNumber(stack: Stack, id = 'UnresolvedNumber'): number {
  return new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
}
