import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileSystem } from 'aws-cdk-lib';
import { FUNCTION_ASSETS_DIR, FUNCTION_HANDLER_FILE } from '../../constructs/common/function-asset';
import { functionNames } from '../../scripts/bundle-functions';
import { appBin, cdkAppCommand, createFreshApp } from './fresh-app';
import { PackedTarball, packTarball } from './packed-tarball';
import { PackageJson, devDependencyVersion, peerVersionSets } from './peer-versions';
import { readmePrograms } from './readme-programs';
import { CommandResult, assertSucceeded, runCommand } from './run-command';
import { undeclaredImports } from './undeclared-imports';

/**
 * The package as a user gets it: packed once from the build, installed into fresh apps with only
 * its peer dependencies (at the versions the repository develops with, then at the floor of
 * their ranges) and an app's own tools, each README program synthesized from a `bin/` file and
 * reported on. It needs `npm run build` first, and no AWS account: nothing is deployed.
 */

type ExportTarget = string | { readonly types: string; readonly default: string };

interface PublishedPackageJson extends PackageJson {
  readonly main: string;
  readonly types: string;
  readonly bin: Record<string, string>;
  readonly exports: Record<string, ExportTarget>;
  readonly typesVersions: Record<string, Record<string, string[]>>;
  readonly bundledDependencies?: string[];
}

const ROOT = path.join(__dirname, '..', '..');
const PKG = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
) as PublishedPackageJson;
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The optional peer only `cdk-dpp/control-tower` needs. */
const VALIDATOR = '@cdklabs/cdk-validator-cfnguard';

/** The tools of a fresh app besides its dependencies, as `cdk init` gives one. */
const APP_TOOLS = ['aws-cdk', 'tsx'];

/** Every documented entry point, with one thing it exports. */
const ENTRY_POINTS: Record<string, string> = {
  'cdk-dpp': 'DppChecks',
  'cdk-dpp/control-tower': 'ControlTowerChecks',
  'cdk-dpp/report': 'writeEvidenceReport',
  'cdk-dpp/field-encryption': 'FieldEncryptor',
};

/** What `cdk-dpp report` writes into the assembly. */
const REPORT_FILES = [
  'evidence-report.md',
  'evidence-report.html',
  'evidence-report.json',
  'evidence-report.oscal.json',
  'evidence-report.oscal-ar.json',
  'evidence-report.sarif',
];

/** How long packing may take. */
const PACK_TIMEOUT_MS = 60_000;

/** How long installing the fresh apps may take, with a cold cache for a floor version. */
const INSTALL_TIMEOUT_MS = 300_000;

/** How long one README program may take to synthesize and be reported on. */
const PROGRAM_TIMEOUT_MS = 240_000;

/** Where each function's bundle is, in the package. */
const FUNCTION_BUNDLES = functionNames().map((name) =>
  path.join(FUNCTION_ASSETS_DIR, name, FUNCTION_HANDLER_FILE),
);

/** The version sets the fresh apps install their peers at. */
const PEER_VERSION_SETS = peerVersionSets(PKG);

let work = '';
let tarball: PackedTarball;
/** The folder of the fresh app of each version set, and its install, which ends when it ends. */
const apps = new Map<string, { dir: string; install: Promise<CommandResult> }>();

/**
 * Packs the package once, then starts the install of one fresh app per version set, side by
 * side: each set's tests wait for their own app only, so the tests of the first app to be
 * installed run while the other is still installing.
 */
beforeAll(async () => {
  const built = [PKG.main, ...FUNCTION_BUNDLES].every((file) =>
    fs.existsSync(path.join(ROOT, file)),
  );
  if (!built)
    throw new Error(`${PKG.main} or a function bundle is missing: run npm run build first`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-dpp-package-'));
  tarball = await packTarball(ROOT, work);
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const tools = Object.fromEntries(
    APP_TOOLS.map((name) => [name, devDependencyVersion(PKG, name)]),
  );
  for (const { name, versions } of PEER_VERSION_SETS) {
    const dir = fs.mkdtempSync(path.join(work, 'app-'));
    const install = createFreshApp(dir, {
      tarball: tarball.file,
      peers: versions,
      tools,
      context: cdkJson.context,
    });
    apps.set(name, { dir, install });
  }
}, PACK_TIMEOUT_MS);

afterAll(async () => {
  // An install still running writes into the folder: let it end before the folder goes.
  await Promise.all([...apps.values()].map(({ install }) => install));
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, INSTALL_TIMEOUT_MS);

function exportTargets(): string[] {
  return Object.values(PKG.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : [target.types, target.default],
  );
}

describe('the packed tarball', () => {
  test('holds every entry point with its types, the command line and the bundled functions', () => {
    const files = new Set(tarball.files.map((f) => f.path));
    const needed = [PKG.main, PKG.types, ...Object.values(PKG.bin), ...exportTargets()];
    expect(needed.map((file) => path.normalize(file)).filter((file) => !files.has(file))).toEqual(
      [],
    );
    for (const bundle of FUNCTION_BUNDLES) {
      expect(fs.readFileSync(path.join(tarball.unpackedDir, bundle), 'utf8')).toBe(
        fs.readFileSync(path.join(ROOT, bundle), 'utf8'),
      );
    }
  });

  test('gives each subpath the same types under every module resolution of TypeScript', () => {
    // `exports` serves node16, nodenext and bundler; `typesVersions` serves node10, which
    // ignores `exports` and is what a tsconfig without `moduleResolution` gets.
    const fromExports = Object.fromEntries(
      Object.entries(PKG.exports).flatMap(([subpath, target]) =>
        subpath === '.' || typeof target === 'string'
          ? []
          : [[subpath.replace(/^\.\//, ''), [path.normalize(target.types)]]],
      ),
    );
    expect(PKG.typesVersions).toEqual({ '*': fromExports });
  });

  test('holds only compiled code, its types, the bundles, the docs and bundled dependencies', () => {
    const bundled = (PKG.bundledDependencies ?? []).map((name) => `node_modules/${name}/`);
    const shipped = [
      /^dist\/(lib|constructs)\/.+\.(js|d\.ts)$/,
      /^dist\/bin\/[^/]+\.js$/,
      /^dist\/functions\/[^/]+\/index\.js$/,
      /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|API\.md|\.jsii)$/,
    ];
    const unexpected = tarball.files
      .map((f) => f.path)
      .filter((file) => !bundled.some((dir) => file.startsWith(dir)))
      .filter(
        (file) => file.startsWith('dist/lib/functions/') || !shipped.some((p) => p.test(file)),
      );
    expect(unexpected).toEqual([]);
  });

  test('every JavaScript file loads only what is declared where it runs', () => {
    expect(undeclaredImports(tarball.unpackedDir)).toEqual([]);
  });
});

describe.each(PEER_VERSION_SETS)(
  'a fresh app with the $name peer versions',
  ({ name, versions }) => {
    let app = '';

    beforeAll(async () => {
      const installed = apps.get(name);
      if (!installed) throw new Error(`No fresh app was installed for the ${name} peer versions`);
      assertSucceeded(await installed.install);
      app = installed.dir;
    }, INSTALL_TIMEOUT_MS);

    test('has cdk-dpp from the tarball and each peer at exactly its version', () => {
      const lock = JSON.parse(fs.readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { resolved?: string }>;
      };
      expect(lock.packages['node_modules/cdk-dpp'].resolved).toBe(
        `file:${path.relative(app, tarball.file)}`,
      );
      const installed = (pkg: string) =>
        (
          JSON.parse(
            fs.readFileSync(path.join(app, 'node_modules', pkg, 'package.json'), 'utf8'),
          ) as PackageJson
        ).version;
      expect(installed('cdk-dpp')).toBe(PKG.version);
      expect(
        Object.fromEntries(Object.keys(versions).map((name) => [name, installed(name)])),
      ).toEqual(versions);
    });

    test('loads every documented entry point with require and with import', async () => {
      const script = `
      (async () => {
        const loaded = {};
        for (const [entry, name] of Object.entries(${JSON.stringify(ENTRY_POINTS)})) {
          loaded[entry] = [typeof require(entry)[name], typeof (await import(entry))[name]];
        }
        const pkg = require('cdk-dpp/package.json');
        loaded['cdk-dpp/package.json'] = [pkg.name, pkg.version];
        console.log(JSON.stringify(loaded));
      })();
    `;
      const run = await runCommand(app, process.execPath, ['-e', script]);
      assertSucceeded(run);
      expect(JSON.parse(run.stdout)).toEqual({
        ...Object.fromEntries(
          Object.keys(ENTRY_POINTS).map((entry) => [entry, ['function', 'function']]),
        ),
        'cdk-dpp/package.json': [PKG.name, PKG.version],
      });
    });

    // At the floor, the first program (the own-stack app) stands for them all: the floor's own
    // synth-level suites run with `npm run test:peer-floor`.
    test.each(name === 'floor' ? readmePrograms(README).slice(0, 1) : readmePrograms(README))(
      'the README program of line $line synthesizes with every check passing, and is reported on',
      async ({ line, source }) => {
        const bin = `bin/readme-line-${line}.ts`;
        fs.writeFileSync(path.join(app, bin), source);
        fs.rmSync(path.join(app, 'cdk.out'), { recursive: true, force: true });
        const synth = await runCommand(app, appBin(app, 'cdk'), [
          'synth',
          '--app',
          cdkAppCommand(bin),
          '--quiet',
          '--no-notices',
        ]);
        assertSucceeded(synth);
        const report = await runCommand(app, appBin(app, 'cdk-dpp'), ['report', 'cdk.out']);
        assertSucceeded(report);
        const written = report.stdout
          .split('\n')
          .filter((l) => l.startsWith('  '))
          .map((l) => l.trim());
        expect(written).toEqual(REPORT_FILES.map((file) => path.join(app, 'cdk.out', file)));
        expect(written.filter((file) => fs.statSync(file).size === 0)).toEqual([]);
      },
      PROGRAM_TIMEOUT_MS,
    );

    test('builds the access review from its shipped bundle, with no bundler installed', async () => {
      const esbuild = path.join(app, 'node_modules', 'esbuild');
      const aside = path.join(app, 'esbuild-aside');
      const script = `
      const { App, Stack } = require('aws-cdk-lib');
      const { AccountBaseline, AuditLogBucket, IncidentTopic } = require('cdk-dpp');
      const stack = new Stack(new App(), 'Audit');
      const baseline = new AccountBaseline(stack, 'Baseline', {
        auditBucket: new AuditLogBucket(stack, 'Logs'),
        incidentTopic: new IncidentTopic(stack, 'Incidents', { incidentEmail: 'a@example.com' }),
      });
      console.log(baseline.accessReviewFunction.node.findChild('Code').assetHash);
    `;
      fs.renameSync(esbuild, aside);
      try {
        const run = await runCommand(app, process.execPath, ['-e', script]);
        assertSucceeded(run);
        const bundle = path.join(ROOT, FUNCTION_ASSETS_DIR, 'access-review');
        expect(run.stdout.trim()).toBe(FileSystem.fingerprint(bundle));
      } finally {
        fs.renameSync(aside, esbuild);
      }
    });

    test('without the optional validator, cdk-dpp loads and ControlTowerChecks names it', async () => {
      const installed = path.join(app, 'node_modules', VALIDATOR);
      const aside = path.join(app, 'validator-aside');
      fs.renameSync(installed, aside);
      try {
        const main = await runCommand(app, process.execPath, ['-e', "require('cdk-dpp')"]);
        assertSucceeded(main);
        const controlTower = await runCommand(app, process.execPath, [
          '-e',
          "const { ControlTowerChecks } = require('cdk-dpp/control-tower'); new ControlTowerChecks();",
        ]);
        expect(controlTower.status).toBe(1);
        expect(controlTower.stderr).toContain(
          `optional peer dependency ${VALIDATOR}, which is not installed. Install it with: ` +
            `npm install --save-dev ${VALIDATOR}@^0.0.62`,
        );
      } finally {
        fs.renameSync(aside, installed);
      }
    });
  },
);
