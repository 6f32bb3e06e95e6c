import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isIntrinsic, literalText, referencedResource } from './resolve';

/**
 * The findings of one rule on one resource. A value the rule cannot follow (a parameter, an
 * import from outside the app) becomes `Unresolved::<property>`: never a pass.
 */
export class Findings {
  private readonly found: string[] = [];

  public constructor(private readonly node: CfnResource) {}

  /** Records a finding once. */
  public add(finding: string): this {
    if (!this.found.includes(finding)) this.found.push(finding);
    return this;
  }

  /** Whether `finding` was recorded. */
  public has(finding: string): boolean {
    return this.found.includes(finding);
  }

  /** Records `finding` unless `ok`. */
  public unless(ok: boolean, finding: string): this {
    return ok ? this : this.add(finding);
  }

  /**
   * Judges a resolved value: `Unresolved::<property>` when it is an intrinsic the rule cannot
   * follow, `finding` when `ok` rejects it.
   */
  public check(
    value: unknown,
    property: string,
    ok: (value: unknown) => boolean,
    finding: string,
  ): this {
    if (this.cannotJudge(value)) return this.add(`Unresolved::${property}`);
    return this.unless(ok(value), finding);
  }

  /** Whether a value is an intrinsic that does not point to a resource of the app. */
  public cannotJudge(value: unknown): boolean {
    return isIntrinsic(value) && referencedResource(this.node, value) === undefined;
  }

  /** The rule's answer: the findings, or COMPLIANT when there are none. */
  public result(): NagRuleResult {
    return this.found.length > 0 ? [...this.found] : NagRuleCompliance.COMPLIANT;
  }
}

/** Whether a template value means true (`true` or `'true'`). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Whether a template value means false (`false` or `'false'`). */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A resolved object property as a record, empty when absent. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A resolved list property as a list of records. */
export function recordsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(objectOf) : [];
}

/**
 * Checks that `value` names a customer-managed KMS key: present, and not an AWS managed key
 * (`alias/aws/...`). A key of the app is judged by the KMS rules on the key itself.
 */
export function checkCustomerKey(findings: Findings, value: unknown, property: string): void {
  if (value === undefined || value === '') {
    findings.add('NoCustomerManagedKey');
    return;
  }
  const text = literalText(value);
  if (text === undefined) {
    findings.check(value, property, () => true, 'AwsManagedKey');
    return;
  }
  findings.unless(!/(^|[:/])alias\/aws\//.test(text), 'AwsManagedKey');
}
