import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/** The repository root, where `npm run build` leaves the assembly. */
export const ROOT = join(__dirname, '..', '..');

/** The Python package jsii-pacmak generates from the assembly (`jsii.outdir`, then `python`). */
export const PYTHON_PACKAGE = join('dist', 'jsii-out', 'python');

/** A type of the jsii assembly, as far as these tests read it. */
export interface AssemblyType {
  readonly fqn: string;
  readonly kind: 'class' | 'enum' | 'interface';
  readonly name: string;
  readonly datatype?: boolean;
  readonly locationInModule?: { readonly filename: string };
}

/** The parts of the `.jsii` assembly these tests read. */
export interface Assembly {
  readonly name: string;
  readonly jsiiVersion: string;
  readonly fingerprint: string;
  readonly types: Record<string, AssemblyType>;
  readonly bin?: Record<string, string>;
}

/**
 * The path of a file the build writes, or a failure that says how to make it: the package tests
 * read what `npm run build` left (`npm test` builds before it runs jest) and never build.
 */
export function buildOutput(...segments: string[]): string {
  const path = join(ROOT, ...segments);
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: run npm run build first`);
  }
  return path;
}

/** The assembly jsii wrote at the root of the package. */
export function readAssembly(): Assembly {
  return JSON.parse(readFileSync(buildOutput('.jsii'), 'utf8')) as Assembly;
}
