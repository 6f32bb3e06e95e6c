/**
 * Runs the synth-level tests against the lowest aws-cdk-lib, cdk-nag and constructs that
 * package.json's peerDependencies allow, so that a peer range only ever promises versions the
 * library was tested with.
 *
 *   npm run test:peer-floor [-- jest arguments, e.g. test/constructs/storage]
 *
 * It installs the three lower bounds (`^2.275.0` -> `2.275.0`) into a folder of their own,
 * `<temp folder>/cdk-dpp-peer-floor/<versions>`, once (from the npm cache when it holds them),
 * with esbuild at its devDependencies version beside them, as in an app: aws-cdk-lib bundles
 * `NodejsFunction` code with the esbuild it can load, and in Docker without one. Then it runs
 * Jest with `jest.peer-floor.config.js` and one worker. With `PEER_FLOOR_DIR` set it installs
 * nothing and tests what that folder holds instead (install esbuild there too): the way to try
 * other versions, e.g. when bisecting a new floor.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The peer dependencies whose floor the tests load; the optional cfn-guard peer is not one. */
const FLOOR_PEERS = ['aws-cdk-lib', 'cdk-nag', 'constructs'];

/** What aws-cdk-lib bundles Lambda code with, installed beside the floor. */
const BUNDLER = 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/**
 * What the floor folder holds: each floor peer at the version of its `^X.Y.Z` range in
 * package.json, and the bundler at its devDependencies version.
 */
function floorVersions(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const peers = FLOOR_PEERS.map((name) => {
    const range = manifest.peerDependencies[name] ?? '';
    const version = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
    if (!version) throw new Error(`peerDependencies.${name} is not a ^X.Y.Z range: '${range}'`);
    return [name, version];
  });
  return Object.fromEntries([...peers, [BUNDLER, manifest.devDependencies[BUNDLER]]]);
}

/** The version of `name` installed in `folder`, or undefined when it has none. */
function installedVersion(folder: string, name: string): string | undefined {
  const manifest = path.join(folder, 'node_modules', name, 'package.json');
  if (!fs.existsSync(manifest)) return undefined;
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs exactly `versions` into `folder`, unless they are installed there already. */
function install(folder: string, versions: Record<string, string>): void {
  const names = Object.keys(versions);
  if (names.every((name) => installedVersion(folder, name) === versions[name])) return;
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify({ private: true, dependencies: versions }, undefined, 2),
  );
  const npm = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: folder,
    stdio: 'inherit',
  });
  if (npm.status !== 0) throw new Error(`npm install in ${folder} exited ${npm.status}`);
}

function main(): void {
  let folder = process.env.PEER_FLOOR_DIR;
  if (!folder) {
    const versions = floorVersions();
    const name = Object.entries(versions)
      .map(([pkg, version]) => `${pkg}@${version}`)
      .join('+');
    folder = path.join(os.tmpdir(), 'cdk-dpp-peer-floor', name);
    install(folder, versions);
  }
  const tested = [...FLOOR_PEERS, BUNDLER].map(
    (pkg) => `${pkg} ${installedVersion(folder, pkg) ?? 'missing'}`,
  );
  console.log(`Testing against ${tested.join(', ')} from ${folder}`);
  const jest = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '-c', 'jest.peer-floor.config.js', '-w', '1'].concat(
      process.argv.slice(2),
    ),
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PEER_FLOOR_DIR: folder } },
  );
  process.exitCode = jest.status ?? 1;
}

main();
