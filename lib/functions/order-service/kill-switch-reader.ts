import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** The one value of the kill switch that lets the service run; any other value stops it. */
const RUNNING = 'running';

/**
 * How long a value read from the kill switch is used before it is read again. Parameter Store
 * answers 40 GetParameter calls a second per account and region by default: five seconds keep
 * each execution environment at one call in five seconds, and a stop takes effect within them.
 */
export const KILL_SWITCH_MAX_AGE_MS = 5_000;

/** What the service makes of the kill switch: only `RUNNING` lets it serve. */
export enum KillSwitchReading {
  RUNNING = 'running',
  STOPPED = 'stopped',
  /** The parameter could not be read: the service stops, as it does when stopped. */
  UNREADABLE = 'unreadable',
}

/**
 * Reads the operator's kill switch (DPP-LP-1), keeping what it read for `maxAgeMs`. It fails
 * closed: a parameter it cannot read, or any value but `running`, stops the service, and a
 * failed read is never kept.
 */
export class KillSwitchReader {
  private last?: { readonly reading: KillSwitchReading; readonly at: number };

  public constructor(
    private readonly ssm: SSMClient,
    private readonly parameterName: string,
    private readonly maxAgeMs: number = KILL_SWITCH_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kill switch now, or as read less than `maxAgeMs` ago. */
  public async read(): Promise<KillSwitchReading> {
    const at = this.now();
    if (this.last && at - this.last.at < this.maxAgeMs) return this.last.reading;
    try {
      const { Parameter } = await this.ssm.send(
        new GetParameterCommand({ Name: this.parameterName }),
      );
      const reading =
        Parameter?.Value === RUNNING ? KillSwitchReading.RUNNING : KillSwitchReading.STOPPED;
      this.last = { reading, at };
      return reading;
    } catch {
      this.last = undefined;
      return KillSwitchReading.UNREADABLE;
    }
  }
}
