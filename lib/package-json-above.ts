import * as fs from 'fs';
import * as path from 'path';

/** A package.json found on disk: the folder it is in, and the fields cdk-dpp reads. */
export interface FoundPackageJson {
  /** The folder of the package.json: the root of the package. */
  readonly dir: string;
  /** Its `version`, when it gives one. */
  readonly version?: string;
}

/** The nearest package.json named `name` at or above `dir`. Undefined when there is none. */
export function packageJsonAbove(dir: string, name: string): FoundPackageJson | undefined {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const file = path.join(d, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return { dir: d, version: pkg.version };
  }
  return undefined;
}
