import { spawnSync } from 'child_process';

/** How a command ended, with what it printed: a failed expectation on it shows all of it. */
export interface CommandResult {
  readonly command: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The longest one command of the package tests may take. */
const COMMAND_TIMEOUT_MS = 240_000;

/**
 * The environment of the commands: this one without what `npm test` adds (`npm_*`), which
 * would configure the npm of a fresh app, and without the CDK CLI's telemetry.
 */
function commandEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
  return { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true' };
}

/** Runs `command args...` in `cwd` and waits for it. */
export function runCommand(cwd: string, command: string, args: readonly string[]): CommandResult {
  const run = spawnSync(command, args, {
    cwd,
    env: commandEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: COMMAND_TIMEOUT_MS,
    // npm may outlive a SIGTERM while it cleans up; the test must not wait for it.
    killSignal: 'SIGKILL',
  });
  return {
    command: [command, ...args].join(' '),
    status: run.status,
    stdout: run.stdout,
    stderr: run.error ? `${run.stderr}\n${run.error.message}` : run.stderr,
  };
}
