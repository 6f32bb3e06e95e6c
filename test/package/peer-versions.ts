/** The parts of package.json the package tests read. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

/** One set of versions a fresh app installs its peer dependencies at. */
export interface PeerVersionSet {
  /** What the set is: `pinned`, `floor`, or both when they are the same versions. */
  readonly name: string;
  /** The exact version of each peer dependency. */
  readonly versions: Record<string, string>;
}

/** The version of a devDependency, which the repository pins exactly. */
export function devDependencyVersion(pkg: PackageJson, name: string): string {
  const version = pkg.devDependencies?.[name];
  if (!version) throw new Error(`${name} is missing from devDependencies`);
  return version;
}

/**
 * The lowest version a peer range admits: `^x.y.z`, `~x.y.z`, `>=x.y.z` (with an upper bound or
 * not) or `x.y.z`. It throws for any other form rather than guess.
 */
export function rangeFloor(range: string): string {
  const match = /^\s*(?:\^|~|>=)?\s*(\d+\.\d+\.\d+)(?:\s+<=?\s*\S+)?\s*$/.exec(range);
  if (!match) {
    throw new Error(
      `Cannot read the lower bound of the peer range '${range}': write it as ^x.y.z, ~x.y.z, ` +
        '>=x.y.z or x.y.z',
    );
  }
  return match[1];
}

/**
 * The version sets the packed package is tried with: every peer at the version the repository
 * develops with (its devDependencies), and every peer at the floor of its range. When both are
 * the same versions, one set stands for both.
 */
export function peerVersionSets(pkg: PackageJson): PeerVersionSet[] {
  const peers = Object.entries(pkg.peerDependencies ?? {});
  const pinned = Object.fromEntries(peers.map(([name]) => [name, devDependencyVersion(pkg, name)]));
  const floor = Object.fromEntries(peers.map(([name, range]) => [name, rangeFloor(range)]));
  return JSON.stringify(pinned) === JSON.stringify(floor)
    ? [{ name: 'pinned and floor', versions: pinned }]
    : [
        { name: 'pinned', versions: pinned },
        { name: 'floor', versions: floor },
      ];
}
