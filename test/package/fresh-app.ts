import * as fs from 'fs';
import * as path from 'path';
import { CommandResult, runCommand } from './run-command';

/** What a fresh app is made of. */
export interface FreshAppProps {
  /** The packed cdk-dpp to install. */
  readonly tarball: string;
  /** The exact version of each peer dependency to install beside it. */
  readonly peers: Record<string, string>;
  /** The exact version of each tool of the app (the CDK CLI, tsx), as devDependencies. */
  readonly tools: Record<string, string>;
  /** The context of its `cdk.json`: the feature flags a `cdk init` app starts with. */
  readonly context: Record<string, unknown>;
}

/** The `app` of the fresh app's `cdk.json`, for a program in `bin/`. */
export function cdkAppCommand(binFile: string): string {
  return `npx tsx ${binFile}`;
}

/**
 * The command `npx <name>` runs in the fresh app `dir`: the executable its install linked into
 * `node_modules/.bin`. Starting it directly spares each run the second or so that npx takes to
 * load npm and find it.
 */
export function appBin(dir: string, name: string): string {
  return path.join(dir, 'node_modules', '.bin', name);
}

/**
 * Writes a CDK app in `dir` that depends on the tarball, the peers and the tools only, as a user
 * would, and installs it from the npm cache where it can. It returns the install's result.
 */
export function createFreshApp(dir: string, props: FreshAppProps): Promise<CommandResult> {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const packageJson = {
    name: 'fresh-app',
    version: '0.0.0',
    private: true,
    dependencies: { 'cdk-dpp': `file:${props.tarball}`, ...props.peers },
    devDependencies: props.tools,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson, undefined, 2));
  const cdkJson = { app: cdkAppCommand('bin/app.ts'), context: props.context };
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify(cdkJson, undefined, 2));
  return runCommand(dir, 'npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--loglevel=error',
  ]);
}
