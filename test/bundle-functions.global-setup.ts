import { bundleFunctions } from '../scripts/bundle-functions';

/**
 * Jest's global set-up: the constructs synthesize the bundled code of cdk-dpp's functions, so
 * every run bundles it first (a bundle whose sources did not change is left as it is).
 */
export default async function bundleFunctionsBeforeTests(): Promise<void> {
  await bundleFunctions();
}
