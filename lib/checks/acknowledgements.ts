import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DppValidationError } from '../../constructs/common/problems';
import { recordAcknowledgement } from './acknowledgement-record';
import { isIsoDate, oneYearAfter, synthDate } from './synth-date';

/** A governed acknowledgement of one finding: what, why, who answers for it, and until when. */
export interface AcknowledgeFindingProps {
  /**
   * The rule id as its pack reports it: `DPP-<rule>`, `DPP-<rule>[<finding>]`,
   * `AwsSolutions-IAM5[...]`, `cdk-validator-cfnguard::<rule>`.
   */
  readonly id: string;
  /** Why the finding is accepted, in words an auditor can check. */
  readonly reason: string;
  /**
   * The team or role answerable for the acknowledgement, e.g. `Platform engineering`; a role
   * outlives the person who holds it, so never a person's name.
   */
  readonly owner: string;
  /**
   * The last day the acknowledgement holds, `YYYY-MM-DD` (UTC), at most a year after today.
   * From the day after, the DPP pack fails the synth with `DPP-AcknowledgementExpired` until
   * the finding is fixed or the acknowledgement is reviewed and given a new date.
   */
  readonly expires: string;
  /**
   * The ticket that tracks the fix or the review, e.g. `SEC-1234`.
   * @default - none
   */
  readonly ticket?: string;
}

/**
 * Acknowledgements an auditor can trust: each names its owner and an expiry date.
 *
 * ```ts
 * Acknowledgements.of(bucket).acknowledge({
 *   id: 'AwsSolutions-S1',
 *   reason: 'The bucket receives access logs; logging it into itself would loop.',
 *   owner: 'Platform engineering',
 *   expires: '2027-06-30',
 * });
 * ```
 */
export class Acknowledgements {
  /** The acknowledgements of `scope`: what is acknowledged on it covers everything below it. */
  public static of(scope: IConstruct): Acknowledgements {
    return new Acknowledgements(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Acknowledges a finding on the scope and everything below it, with
   * `Validations.of(scope).acknowledge({ id, reason })`, and records the owner, the expiry and
   * the ticket as `cdk-dpp:acknowledgement` metadata for the DPP pack and the evidence report.
   *
   * An expiry more than a year ahead is refused: an exception is reviewed at least yearly.
   * "Today" is the synth date in UTC, or the `cdk-dpp:today` context value. A rule that cannot
   * be waived is not refused here: the DPP pack reports it (`DPP-AcknowledgementForbidden`)
   * with every other finding of the synth.
   *
   * @throws DppValidationError naming every problem of `props` at once
   */
  public acknowledge(props: AcknowledgeFindingProps): void {
    const { scope } = this;
    const problems: string[] = [];
    const required = (prop: string, value: string | undefined, example: string) => {
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`\`${prop}\` must not be empty, got: ${JSON.stringify(value)}; ${example}`);
      }
    };
    required('id', props.id, "give the rule id as reported, e.g. 'AwsSolutions-S1'");
    required('reason', props.reason, 'say why the finding is accepted');
    required('owner', props.owner, "name the team or role answerable, e.g. 'Platform engineering'");
    if (props.ticket !== undefined) {
      required('ticket', props.ticket, 'name the ticket, or leave `ticket` out');
    }
    if (typeof props.expires !== 'string' || !isIsoDate(props.expires)) {
      problems.push(
        `\`expires\` must be a calendar date written YYYY-MM-DD, got: ${JSON.stringify(props.expires)}`,
      );
    } else {
      const latest = oneYearAfter(synthDate(scope));
      if (props.expires > latest) {
        problems.push(
          `\`expires\` must be at most a year ahead (${latest}), got: ${props.expires}; ` +
            'review the acknowledgement within the year and renew it then',
        );
      }
    }
    if (problems.length > 0) {
      throw new DppValidationError(`${scope.node.path || 'The app'} acknowledgement`, problems);
    }
    Validations.of(scope).acknowledge({ id: props.id, reason: props.reason });
    recordAcknowledgement(scope, {
      id: props.id,
      builtIn: false,
      owner: props.owner.trim(),
      expires: props.expires,
      ticket: props.ticket?.trim(),
    });
  }
}
