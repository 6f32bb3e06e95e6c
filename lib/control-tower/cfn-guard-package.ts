import type * as CfnGuard from '@cdklabs/cdk-validator-cfnguard';

/** The optional peer dependency that holds the Control Tower rules and the cfn-guard binary. */
export const CFN_GUARD_PACKAGE = '@cdklabs/cdk-validator-cfnguard';

/** The versions of it that cdk-dpp supports: its `peerDependencies` range. */
export const CFN_GUARD_VERSION_RANGE = '^0.0.62';

/** The command that installs the optional peer dependency. */
export const CFN_GUARD_INSTALL_COMMAND = `npm install --save-dev ${CFN_GUARD_PACKAGE}@${CFN_GUARD_VERSION_RANGE}`;

/** Where `@cdklabs/cdk-validator-cfnguard` is, once loaded. */
export interface CfnGuardPackage {
  /** Its exports. */
  readonly module: typeof CfnGuard;
  /** The file Node.js loads it from, for worker threads to load the same copy. */
  readonly entry: string;
}

/**
 * Loads `@cdklabs/cdk-validator-cfnguard`. When it is not installed, throws an Error that names
 * it and the command that installs it, instead of Node.js's "Cannot find module"; any other
 * failure to load it is rethrown as it is.
 */
export function loadCfnGuard(): CfnGuardPackage {
  try {
    // A require, not an import: the package is optional, so its absence must be caught here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(CFN_GUARD_PACKAGE) as typeof CfnGuard;
    return { module, entry: require.resolve(CFN_GUARD_PACKAGE) };
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new Error(
      `ControlTowerChecks (cdk-dpp/control-tower) runs the AWS Control Tower rules of the ` +
        `optional peer dependency ${CFN_GUARD_PACKAGE}, which is not installed. Install it ` +
        `with: ${CFN_GUARD_INSTALL_COMMAND}`,
      { cause: error },
    );
  }
}

/** Whether the error is Node.js not finding the package itself (not one of its own imports). */
function isMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
    error.message.includes(`'${CFN_GUARD_PACKAGE}'`)
  );
}
