import { availableParallelism } from 'os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import type { PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import { GuardBatch } from './guard-batches';

/**
 * What a worker thread runs: it takes the next batch until none is left, runs it through the
 * plugin's own `CfnGuardValidator` (so cfn-guard's output is read by the plugin's code, and
 * every batch's cfn-guard process runs beside the other threads'), and posts the report, or
 * the error, before it counts the batch as done. Plain JavaScript, since it is evaluated as is.
 */
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { entry, batches, maxBuffer, claimed, completed, port } = workerData;
for (let index = Atomics.add(claimed, 0, 1); index < batches.length; index = Atomics.add(claimed, 0, 1)) {
  const { rules, disabledRules, dataPath } = batches[index];
  try {
    const { CfnGuardValidator } = require(entry);
    const guard = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules, disabledRules, maxBuffer });
    port.postMessage({ index, report: guard.validate({ templatePaths: [dataPath] }) });
  } catch (error) {
    port.postMessage({ index, error: String(error) });
  }
  Atomics.add(completed, 0, 1);
  Atomics.notify(completed, 0);
}
`;

/** How long the batches may go without one finishing before the run counts as failed. */
const STALL_MILLISECONDS = 10 * 60 * 1000;

/** What a worker posts for one batch. */
interface BatchOutcome {
  readonly index: number;
  readonly report?: PolicyValidationPluginReportBeta1;
  readonly error?: string;
}

/** How to run the batches. */
export interface GuardWorkersOptions {
  /** The file `@cdklabs/cdk-validator-cfnguard` loads from. */
  readonly entry: string;
  /** The plugin's `maxBuffer` for each cfn-guard process. */
  readonly maxBuffer?: number;
}

/**
 * Runs the batches on one worker thread per core, and returns their reports in batch order.
 * The plugin interface is synchronous, so this thread waits on a shared counter. Throws the
 * first failure of a batch, as the plugin would have thrown it.
 */
export function runGuardBatches(
  batches: readonly GuardBatch[],
  options: GuardWorkersOptions,
): PolicyValidationPluginReportBeta1[] {
  if (batches.length === 0) return [];
  const claimed = new Int32Array(new SharedArrayBuffer(4));
  const completed = new Int32Array(new SharedArrayBuffer(4));
  const channels = Array.from(
    { length: Math.min(availableParallelism(), batches.length) },
    () => new MessageChannel(),
  );
  const workers = channels.map(({ port2 }) => {
    const workerData = { ...options, batches, claimed, completed, port: port2 };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList: [port2] });
    worker.unref();
    return worker;
  });
  try {
    for (let done = Atomics.load(completed, 0); done < batches.length;) {
      if (Atomics.wait(completed, 0, done, STALL_MILLISECONDS) === 'timed-out') {
        throw new Error(`cfn-guard finished no rule batch in ${STALL_MILLISECONDS / 1000} s`);
      }
      done = Atomics.load(completed, 0);
    }
    const outcomes: BatchOutcome[] = [];
    for (const { port1 } of channels) {
      for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
        const outcome = m.message as BatchOutcome;
        outcomes[outcome.index] = outcome;
      }
    }
    return outcomes.map((outcome) => {
      if (outcome.report) return outcome.report;
      throw new Error(outcome.error);
    });
  } finally {
    for (const worker of workers) void worker.terminate();
    for (const { port1 } of channels) port1.close();
  }
}
