import { IConstruct } from 'constructs';

/**
 * The context key that fixes the date the DPP pack takes for today, as `YYYY-MM-DD`, e.g.
 * `cdk synth -c cdk-dpp:today=2027-07-01`. Without it, today is the date of the synth in UTC.
 * Tests set it so that whether an acknowledgement has expired does not depend on the clock.
 */
export const TODAY_CONTEXT_KEY = 'cdk-dpp:today';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `value` is a calendar date written `YYYY-MM-DD`: `2027-02-29` and `2027-13-01` are
 * not.
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The date a year after `date` (`YYYY-MM-DD`), the 28th of February for the 29th. */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/**
 * Today for the checks under `scope`, as `YYYY-MM-DD`: the `cdk-dpp:today` context value when
 * set, otherwise the date in UTC.
 *
 * @throws Error when the context value is not a calendar date `YYYY-MM-DD`
 */
export function synthDate(scope: IConstruct): string {
  const fixed: unknown = scope.node.tryGetContext(TODAY_CONTEXT_KEY);
  if (fixed === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof fixed !== 'string' || !isIsoDate(fixed)) {
    throw new Error(
      `The context value \`${TODAY_CONTEXT_KEY}\` must be a calendar date written YYYY-MM-DD, ` +
        `got: ${JSON.stringify(fixed)}. Set it like \`-c ${TODAY_CONTEXT_KEY}=2027-07-01\`, or ` +
        'remove it to use the date of the synth.',
    );
  }
  return fixed;
}
