import * as fs from 'fs';
import * as path from 'path';
import { packageJsonAbove } from '../../lib/package-json-above';
import { PACKAGE_NAME } from '../../lib/package-version';

/**
 * Where, from the package's root, the bundled code of each Lambda function of cdk-dpp is:
 * `<FUNCTION_ASSETS_DIR>/<name>/`. The build writes it and the package ships it, so a synth
 * zips a ready folder and needs no bundler.
 */
export const FUNCTION_ASSETS_DIR = path.join('dist', 'functions');

/** The file of a function's asset folder that holds its bundled code and its handler. */
export const FUNCTION_HANDLER_FILE = 'index.js';

/**
 * The asset folder of the cdk-dpp function `name` (a folder of `lib/functions`), found from the
 * root of the package in the repository and in an install alike. It throws, naming the command
 * that writes it, when the bundle is missing.
 */
export function functionAssetDir(name: string): string {
  const root = packageJsonAbove(__dirname, PACKAGE_NAME)?.dir ?? `the ${PACKAGE_NAME} package`;
  const dir = path.join(root, FUNCTION_ASSETS_DIR, name);
  if (!fs.existsSync(path.join(dir, FUNCTION_HANDLER_FILE))) {
    throw new Error(
      `The bundled code of the ${name} function is missing at ${dir}: run \`npm run build\` ` +
        '(or `npx tsx scripts/bundle-functions.ts`) in the cdk-dpp repository.',
    );
  }
  return dir;
}
