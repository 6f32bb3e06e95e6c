import * as fs from 'fs';
import * as path from 'path';

/** What Node.js throws for a package that is not installed. */
function notFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- ${__filename}`), {
    code: 'MODULE_NOT_FOUND',
  });
}

/** Loads `cdk-dpp/control-tower` afresh, with `@cdklabs/cdk-validator-cfnguard` throwing `error`. */
function entryWhenCfnGuardThrows(error: Error): typeof import('../../lib/control-tower') {
  let entry: typeof import('../../lib/control-tower') | undefined;
  jest.isolateModules(() => {
    jest.doMock('@cdklabs/cdk-validator-cfnguard', () => {
      throw error;
    });
    entry = jest.requireActual<typeof import('../../lib/control-tower')>('../../lib/control-tower');
  });
  if (!entry) throw new Error('the entry did not load');
  return entry;
}

afterEach(() => jest.dontMock('@cdklabs/cdk-validator-cfnguard'));

test('without the optional package, ControlTowerChecks names it and the command that installs it', () => {
  const missing = notFound('@cdklabs/cdk-validator-cfnguard');
  const { ControlTowerChecks } = entryWhenCfnGuardThrows(missing);
  expect(() => new ControlTowerChecks()).toThrow(
    new Error(
      'ControlTowerChecks (cdk-dpp/control-tower) runs the AWS Control Tower rules of the ' +
        'optional peer dependency @cdklabs/cdk-validator-cfnguard, which is not installed. ' +
        'Install it with: npm install --save-dev @cdklabs/cdk-validator-cfnguard@^0.0.62',
      { cause: missing },
    ),
  );
});

test('a module missing inside the installed package is reported as Node.js reported it', () => {
  const inner = notFound('@aws-cdk/missing-inner-module');
  const { ControlTowerChecks } = entryWhenCfnGuardThrows(inner);
  expect(() => new ControlTowerChecks()).toThrow(inner);
});

test('the install command asks for the range package.json declares for the peer dependency', () => {
  const { CFN_GUARD_VERSION_RANGE, CFN_GUARD_PACKAGE } =
    jest.requireActual<typeof import('../../lib/control-tower')>('../../lib/control-tower');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as { peerDependencies: Record<string, string> };
  expect(manifest.peerDependencies[CFN_GUARD_PACKAGE]).toBe(CFN_GUARD_VERSION_RANGE);
});
