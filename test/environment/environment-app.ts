import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { DppEnvironment, DppEnvironmentProps } from '../../lib';
import { ControlTowerChecks } from '../../lib/control-tower';
import { registerAllPacks, TEST_OWNER } from '../helpers';

/** The feature flags of the project's `cdk.json`, so tests synthesize what `npm run synth` does. */
function projectContext(): Record<string, unknown> {
  const cdkJson = path.join(__dirname, '..', '..', 'cdk.json');
  return (JSON.parse(fs.readFileSync(cdkJson, 'utf8')) as { context: Record<string, unknown> })
    .context;
}

/**
 * An app set up like `bin/dpp.ts`, writing into a fresh temporary directory.
 *
 * @param builtinCloudFormationValidation whether aws-cdk-lib validates the templates against
 * the CloudFormation schema.
 * @default true
 */
export function environmentApp(builtinCloudFormationValidation = true): App {
  return new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'dpp-env-')),
    context: projectContext(),
    builtinCloudFormationValidation,
  });
}

/**
 * The reference environment, owned by `TEST_OWNER` unless `props` name another, in an app that
 * registers every checker of `bin/dpp.ts`: DppChecks, the four cdk-nag packs, the Control Tower
 * rules through cfn-guard, and the built-in CloudFormation validation (on, as in production).
 */
export function checkedEnvironment(
  props: Omit<DppEnvironmentProps, 'owner'> & { readonly owner?: string } = {},
): {
  app: App;
  environment: DppEnvironment;
} {
  const app = environmentApp();
  registerAllPacks(app);
  Validations.of(app).addPlugins(new ControlTowerChecks());
  return { app, environment: new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER, ...props }) };
}

/** The message of the error the synth throws, or '' when it succeeds. */
export function synthFailure(app: App): string {
  try {
    app.synth();
    return '';
  } catch (error) {
    return String(error);
  }
}

/** Every stack of the environment. */
export function stacksOf(environment: DppEnvironment): Stack[] {
  return environment.node.children.filter(Stack.isStack);
}
