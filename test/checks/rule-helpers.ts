import { CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DATA_CLASS_TAG, DataClass } from '../../constructs/common/data-class';
import { ruleNames } from '../helpers';

/** The findings of one DPP rule (`DPP-<id>` and `DPP-<id>[finding]`) on a scope. */
export function findingsOf(scope: IConstruct, id: string): string[] {
  return ruleNames(scope).filter((r) => r === `DPP-${id}` || r.startsWith(`DPP-${id}[`));
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
