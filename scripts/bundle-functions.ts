/**
 * Bundles the code of every Lambda function under `lib/functions` into its asset folder,
 * `dist/functions/<name>/index.js`, which the package ships: a user's synth then zips a ready
 * folder and needs no bundler.
 *
 *   npx tsx scripts/bundle-functions.ts
 *
 * `npm run build`, the repository's CDK app (`cdk.json`) and Jest's global set-up run it, so an
 * asset is never missing or older than its sources. A bundle whose content did not change is
 * not written again, so its folder keeps its hash and its modification time.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { FUNCTION_ASSETS_DIR, FUNCTION_HANDLER_FILE } from '../constructs/common/function-asset';

const ROOT = path.join(__dirname, '..');

/** Where the sources of the functions are: one folder per function, with an `index.ts`. */
const FUNCTIONS_DIR = path.join(ROOT, 'lib', 'functions');

/**
 * The packages the Lambda Node.js runtime provides, left outside the bundles: the service clients
 * of the AWS SDK for JavaScript v3. Its utility packages (`@aws-sdk/util-dynamodb`) are bundled,
 * so the code does not depend on which of them a runtime version happens to carry.
 */
export const RUNTIME_PROVIDED_PACKAGES: readonly string[] = ['@aws-sdk/client-*'];

/** What esbuild is told: the Lambda Node.js 24 runtime loads CommonJS. */
const BUNDLE_OPTIONS: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: [...RUNTIME_PROVIDED_PACKAGES],
  minify: true,
  legalComments: 'none',
  absWorkingDir: ROOT,
  logLevel: 'warning',
  write: false,
};

/** The names of the functions: the folders under `lib/functions`. */
export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Bundles every function into its asset folder; returns the files written or left as they were. */
export async function bundleFunctions(): Promise<string[]> {
  return Promise.all(functionNames().map(bundleFunction));
}

async function bundleFunction(name: string): Promise<string> {
  const outfile = path.join(ROOT, FUNCTION_ASSETS_DIR, name, FUNCTION_HANDLER_FILE);
  const result = await esbuild.build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.join(FUNCTIONS_DIR, name, 'index.ts')],
    outfile,
  });
  const [bundle] = result.outputFiles ?? [];
  const unchanged = fs.existsSync(outfile) && fs.readFileSync(outfile, 'utf8') === bundle.text;
  if (!unchanged) {
    fs.rmSync(path.dirname(outfile), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    fs.writeFileSync(outfile, bundle.contents);
  }
  return outfile;
}

if (require.main === module) {
  bundleFunctions().then(
    (files) => files.forEach((file) => console.log(path.relative(ROOT, file))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
