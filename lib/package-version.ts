import * as path from 'path';
import { packageJsonAbove } from './package-json-above';

/** The name of this package. */
export const PACKAGE_NAME = 'cdk-dpp';

/** The version a package.json gives when it gives none. */
const UNKNOWN_VERSION = 'unknown';

let cachedVersion: string | undefined;

/**
 * The version of cdk-dpp itself, from its package.json (found from source and from dist). It
 * imports nothing, so the command line can print it even when a peer dependency is missing.
 */
export function packageVersion(): string {
  cachedVersion ??= versionAbove(__dirname, PACKAGE_NAME) ?? UNKNOWN_VERSION;
  return cachedVersion;
}

/**
 * The version of a package as installed for the code in `fromDir`: the package Node.js resolves
 * from there, read from its package.json. Undefined when it does not resolve.
 */
export function installedVersion(name: string, fromDir: string): string | undefined {
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [fromDir] });
  } catch {
    return undefined;
  }
  return versionAbove(path.dirname(entry), name);
}

/** The version in the nearest package.json named `name` at or above `dir`. */
function versionAbove(dir: string, name: string): string | undefined {
  const found = packageJsonAbove(dir, name);
  return found && (found.version ?? UNKNOWN_VERSION);
}
