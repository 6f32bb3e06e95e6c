import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { controlById, isControlId } from '../controls/catalog';
import { ControlKind } from '../controls/control';
import { EnvironmentProfile } from '../environment/environment-profile';

/**
 * The type of the construct metadata that declares a supported clause not applicable to the
 * stack it is written in (`declareNotApplicable`). The evidence report reads it from the cloud
 * assembly's manifests.
 */
export const NOT_APPLICABLE_METADATA = 'cdk-dpp:not-applicable';

/** The fewest characters a declared reason has: it must say why, not just that. */
const MIN_REASON_LENGTH = 20;

/** Where a clause may be declared not applicable, and by whom. */
interface Waiver {
  /** The only construct that may declare it. */
  readonly construct: string;
  /** The part of an app the clause leaves out, as the refusal names it. */
  readonly outside: string;
  /** Whether the declaring scope is in that part: the stage of a `DppEnvironment` has a profile. */
  readonly leavesOut: (scope: IConstruct) => boolean;
}

/**
 * The supported clauses whose own scope lets a part of an app fall outside them, with the only
 * construct that may say so and the part it may say it of. A clause not listed here applies to
 * every stack: nothing may declare it not applicable.
 */
const WAIVABLE: ReadonlyMap<string, Waiver> = new Map([
  [
    'SOC-C6',
    {
      // It covers patches applied to production.
      construct: 'DppEnvironment',
      outside: 'a non-production stage (`profile: EnvironmentProfile.NON_PRODUCTION`)',
      leavesOut: (scope: IConstruct) =>
        (Stage.of(scope) as { profile?: unknown } | undefined)?.profile ===
        EnvironmentProfile.NON_PRODUCTION,
    },
  ],
]);

/** What a construct declares: a clause that does not apply where it stands, and why. */
export interface NotApplicableDeclaration {
  /** The clause, e.g. `SOC-C6`. */
  readonly clause: string;
  /** The cdk-dpp construct that declares it, e.g. `DppEnvironment`. */
  readonly construct: string;
  /** Why the clause does not apply, in words an auditor accepts (at least 20 characters). */
  readonly reason: string;
}

/**
 * Declares that a supported clause does not apply to the stack that holds `scope`, and so to the
 * stage (or app) whose report section holds that stack: the evidence report shows the clause
 * `not applicable` there, with the reason and the path of `scope`, unless the section holds an
 * open finding against it (a declaration never hides a violation). Only a clause whose scope
 * allows it, only by the construct allowed to say so and only where the clause leaves the scope
 * out: SOC-C6 by a `DppEnvironment` of the non-production profile.
 *
 * @throws Error when the clause is unknown, not a supported clause, not one the construct may
 * declare, applies where `scope` stands, or the reason is shorter than 20 characters
 */
export function declareNotApplicable(
  scope: IConstruct,
  declaration: NotApplicableDeclaration,
): void {
  const reason = declaration.reason.trim();
  const waiver = WAIVABLE.get(declaration.clause);
  const refused =
    whyNotDeclarable(declaration.clause, declaration.construct) ??
    (waiver?.leavesOut(scope) === false
      ? `it applies where the scope stands; only ${waiver.outside} falls outside it.`
      : undefined) ??
    (reason.length < MIN_REASON_LENGTH
      ? `give a reason of at least ${MIN_REASON_LENGTH} characters, got: "${reason}".`
      : undefined);
  if (refused !== undefined) {
    throw new Error(
      `${declaration.construct} cannot declare ${declaration.clause} not applicable: ${refused}`,
    );
  }
  const { clause, construct } = declaration;
  scope.node.addMetadata(NOT_APPLICABLE_METADATA, { clause, construct, reason });
}

/**
 * Why `construct` may not declare `clause` not applicable, or undefined when it may. The evidence
 * report honours only the declarations this allows, whatever the metadata says.
 */
export function whyNotDeclarable(clause: string, construct: string): string | undefined {
  if (!isControlId(clause)) return 'it is not a clause of the control catalog (lib/controls).';
  const kind = controlById(clause).kind;
  if (kind !== ControlKind.SUPPORTED) {
    return `it is ${kind}, not supported: only a supported clause may be declared not applicable.`;
  }
  const waivable = WAIVABLE.get(clause);
  if (waivable === undefined) {
    return 'its scope covers every stack; build its mechanism instead (lib/controls/mechanisms.ts).';
  }
  if (waivable.construct !== construct) {
    return `only ${waivable.construct} may, in ${waivable.outside}; build its mechanism instead.`;
  }
  return undefined;
}
