import { spawn } from 'child_process';

/** How a command ended, with what it printed. */
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

/**
 * Runs `command args...` in `cwd`; the result comes when it ends. Several run at once: the
 * package tests install their fresh apps side by side.
 */
export function runCommand(
  cwd: string,
  command: string,
  args: readonly string[],
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: commandEnv() });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // npm may outlive a SIGTERM while it cleans up; the test must not wait for it.
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    const done = (status: number | null, problem = '') => {
      clearTimeout(timer);
      resolve({
        command: [command, ...args].join(' '),
        status,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8') + problem,
      });
    };
    child.on('error', (error) => done(null, `\n${error.message}`));
    child.on('close', (status, signal) => done(status, signal ? `\nended by ${signal}` : ''));
  });
}

/** How much of a failed command's output an error shows, from its end. */
const SHOWN_OUTPUT_CHARS = 4000;

/** Throws, with the end of what the command printed, unless it exited 0. */
export function assertSucceeded(result: CommandResult): void {
  if (result.status === 0) return;
  throw new Error(
    `${result.command} exited ${result.status}:\n` +
      `${result.stdout.slice(-SHOWN_OUTPUT_CHARS)}\n${result.stderr.slice(-SHOWN_OUTPUT_CHARS)}`,
  );
}
