import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Tags, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NagPack,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { OWNER_TAG } from '../constructs/common/owner';
import { DppChecks } from '../lib';

/** The owner the tests give the reference environment and the baseline (DPP-DG-2). */
export const TEST_OWNER = 'orders-team@seller.example';

/**
 * Tags a scope with `TEST_OWNER`, as `DppEnvironment` and `DppBaseline` tag their stacks: for the
 * tests of a construct's own findings, whose owner is the app's (DPP-DG-2).
 */
export function owned<T extends IConstruct>(scope: T): T {
  Tags.of(scope).add(OWNER_TAG, TEST_OWNER);
  return scope;
}

/**
 * An app for unit tests: no built-in CloudFormation validation (2 s and 330 MB a synth) and no
 * asset bundling. Tests of the reference environment keep both on.
 */
export function testApp(): App {
  return new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [] },
  });
}

/** A fresh environment-agnostic stack in a test app. */
export function testStack(id = 'Test'): Stack {
  return new Stack(testApp(), id);
}

/** One finding: the rule as reported (with `[finding]` when granular) and the construct path. */
export interface Finding {
  readonly rule: string;
  readonly path: string;
}

/**
 * The findings of the given packs on a scope, after the app's aspects have run (tags added
 * with `Tags.of` are aspects), sorted by rule then path.
 */
export function findings(scope: IConstruct, packs: NagPack[] = [new DppChecks()]): Finding[] {
  const app = scope.node.root as App;
  app.synth();
  const all: Finding[] = [];
  for (const pack of packs) {
    for (const violation of pack.validateScope(scope).violations) {
      for (const resource of violation.violatingResources) {
        all.push({ rule: violation.ruleName, path: resource.constructPath ?? '' });
      }
    }
  }
  return all.sort((a, b) => a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
}

/** The rule names found, without paths. */
export function ruleNames(scope: IConstruct, packs?: NagPack[]): string[] {
  return [...new Set(findings(scope, packs).map((f) => f.rule))];
}

/** DppChecks and the four cdk-nag packs every construct must pass. */
export function allPacks(): NagPack[] {
  return [
    new DppChecks(),
    new AwsSolutionsChecks(),
    new NIST80053R5Checks(),
    new HIPAASecurityChecks(),
    new PCIDSS321Checks(),
  ];
}

/** Registers every pack on an app, the way `bin/dpp.ts` does. */
export function registerAllPacks(app: App): void {
  Validations.of(app).addPlugins(
    new DppChecks(app),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  );
}

/**
 * The version of a package as the tests load it: the pinned devDependency, or under
 * `npm run test:peer-floor` the floor's.
 */
export function loadedVersion(name: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The name and version of this package, from its package.json. */
export const THIS_PACKAGE = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8'),
) as { name: string; version: string };

/** The versions a synth record must give: the loaded aws-cdk-lib and cdk-nag, and this package. */
export function recordedVersions(): { awsCdkLib: string; cdkNag: string; cdkDpp: string } {
  return {
    awsCdkLib: loadedVersion('aws-cdk-lib'),
    cdkNag: loadedVersion('cdk-nag'),
    cdkDpp: THIS_PACKAGE.version,
  };
}

const REPO_ROOT = path.resolve(__dirname, '..');

/** The folders the package build compiles into `dist/`, and the one it leaves to the bundler. */
const COMPILED_DIRS = ['bin', 'lib', 'constructs'];
const BUNDLED_DIR = path.join('lib', 'functions');

/**
 * Whether every TypeScript source the package build compiles has its `dist/` file, written after
 * the source was last changed.
 */
function buildIsCurrent(): boolean {
  const current = (dir: string): boolean =>
    fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).every((entry) => {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) return source === BUNDLED_DIR || current(source);
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) return true;
      const built = path.join(REPO_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
      return (
        fs.existsSync(built) &&
        fs.statSync(built).mtimeMs >= fs.statSync(path.join(REPO_ROOT, source)).mtimeMs
      );
    });
  return COMPILED_DIRS.every(current);
}

let cliCommand: string[] | undefined;

/**
 * How to start the `cdk-dpp` command line, as the executable and its first arguments: the
 * built `dist/bin/cdk-dpp.js`, which the package's `bin` runs, when the build is newer than every
 * source it compiles (under `npm test`, whose build runs before Jest); otherwise the source,
 * through tsx. Node.js starts the built file in a fraction of the time tsx takes to.
 */
export function cdkDppCommand(): string[] {
  cliCommand ??= buildIsCurrent()
    ? [process.execPath, path.join(REPO_ROOT, 'dist', 'bin', 'cdk-dpp.js')]
    : [process.execPath, '--import', 'tsx', path.join(REPO_ROOT, 'bin', 'cdk-dpp.ts')];
  return cliCommand;
}

/** Each open finding of the validation report in an assembly folder, as `<plugin> <rule> <path>`. */
export function openFindings(outdir: string): string[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((r) =>
    r.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`),
    ),
  );
}
