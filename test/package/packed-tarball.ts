import * as fs from 'fs';
import * as path from 'path';
import { assertSucceeded, runCommand } from './run-command';

/** One file of a packed tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  /** Its path in the package. */
  readonly path: string;
  /** Its size unpacked, in bytes. */
  readonly size: number;
}

/** A tarball `npm pack` wrote, unpacked beside it. */
export interface PackedTarball {
  /** The tarball. */
  readonly file: string;
  /** The folder it is unpacked into: what an install puts in `node_modules/<name>`. */
  readonly unpackedDir: string;
  /** Its size, in bytes. */
  readonly size: number;
  /** The size of its files, in bytes. */
  readonly unpackedSize: number;
  /** Its files. */
  readonly files: readonly PackedFile[];
}

interface NpmPackJson {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: PackedFile[];
}

/**
 * Packs the package at `root` into `dest` as `npm publish` would (without running lifecycle
 * scripts: the build has run) and unpacks it to `dest/package`.
 */
export async function packTarball(root: string, dest: string): Promise<PackedTarball> {
  const pack = await runCommand(root, 'npm', [
    'pack',
    '--ignore-scripts',
    '--json',
    '--pack-destination',
    dest,
  ]);
  assertSucceeded(pack);
  const [packed] = JSON.parse(pack.stdout) as NpmPackJson[];
  const file = path.join(dest, packed.filename);
  assertSucceeded(await runCommand(dest, 'tar', ['-xzf', file]));
  const unpackedDir = path.join(dest, 'package');
  if (!fs.existsSync(path.join(unpackedDir, 'package.json'))) {
    throw new Error(`${file} unpacked without a package/package.json`);
  }
  return {
    file,
    unpackedDir,
    size: packed.size,
    unpackedSize: packed.unpackedSize,
    files: packed.files,
  };
}
