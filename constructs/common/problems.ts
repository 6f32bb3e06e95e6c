import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { OptOut } from './opt-out';

/**
 * The error a construct throws when its props would break a clause of the catalog.
 */
export class DppValidationError extends Error {
  public constructor(path: string, problems: readonly string[]) {
    super(`${path}: ${problems.join('; ')}`);
    this.name = 'DppValidationError';
  }
}

/** The shortest reason an opt-out accepts: long enough to say what and why. */
export const MIN_REASON_LENGTH = 20;

/**
 * Collects every problem with a construct's props, then throws once, naming the prop, the rule,
 * the clause and the value received: "`expiration` must be at most 30 days (DPP-DR-1), got: 60 days".
 * Values that are unresolved tokens are never judged.
 */
export class Problems {
  private readonly messages: string[] = [];
  private readonly path: string;

  /**
   * @param scope the construct whose props are checked, or its parent when the check runs before
   * the construct exists (before `super()`)
   * @param childId the id of the construct under `scope` in that case, so the error names it
   */
  public constructor(scope: IConstruct, childId?: string) {
    this.path = [scope.node.path, childId].filter((part) => part).join('/');
  }

  /** Records a problem in the house format. */
  public add(prop: string, requirement: string, clauses: readonly string[], got: string): void {
    this.messages.push(`\`${prop}\` ${requirement} (${clauses.join(', ')}), got: ${got}`);
  }

  /**
   * Records that a required prop is missing, naming what it is for; true when it is given. Callers
   * check `props` themselves first: a construct called from JavaScript may get none at all.
   */
  public required(prop: string, value: unknown, what: string, clauses: readonly string[]): boolean {
    this.check(value !== undefined, prop, `is required: ${what}`, clauses, 'undefined');
    return value !== undefined;
  }

  /** Records a problem unless `ok`. */
  public check(
    ok: boolean,
    prop: string,
    requirement: string,
    clauses: readonly string[],
    got: string,
  ): void {
    if (!ok) this.add(prop, requirement, clauses, got);
  }

  /** `value` must be at most `max` (whole days). Unset or unresolved values pass. */
  public daysAtMost(
    prop: string,
    value: Duration | undefined,
    max: Duration,
    clauses: readonly string[],
  ): void {
    const days = resolvedDays(value);
    if (days !== undefined && days > max.toDays()) {
      this.add(prop, `must be at most ${max.toDays()} days`, clauses, `${days} days`);
    }
  }

  /** `value` must be at least `min` (whole days). Unset or unresolved values pass. */
  public daysAtLeast(
    prop: string,
    value: Duration | undefined,
    min: Duration,
    clauses: readonly string[],
  ): void {
    const days = resolvedDays(value);
    if (days !== undefined && days < min.toDays()) {
      this.add(prop, `must be at least ${min.toDays()} days`, clauses, `${days} days`);
    }
  }

  /** A number must lie in [min, max]. Unset or unresolved values pass. */
  public numberInRange(
    prop: string,
    value: number | undefined,
    min: number,
    max: number,
    clauses: readonly string[],
  ): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (value < min || value > max) {
      this.add(prop, `must be between ${min} and ${max}`, clauses, String(value));
    }
  }

  /** An opt-out, when given, must carry a real reason. */
  public optOutReason(prop: string, optOut: OptOut | undefined, clauses: readonly string[]): void {
    if (optOut === undefined || Token.isUnresolved(optOut.reason)) return;
    const reason = optOut.reason.trim();
    this.check(
      reason.length >= MIN_REASON_LENGTH,
      `${prop}.reason`,
      `must explain the opt-out in at least ${MIN_REASON_LENGTH} characters; it is recorded for the auditor`,
      clauses,
      JSON.stringify(optOut.reason),
    );
  }

  /** Throws one error listing every recorded problem, if any. */
  public throwIfAny(): void {
    if (this.messages.length > 0) {
      throw new DppValidationError(this.path, this.messages);
    }
  }
}

/** Whole days of a duration, or undefined when unset or a token. */
export function resolvedDays(value: Duration | undefined): number | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  return value.toDays({ integral: false });
}
