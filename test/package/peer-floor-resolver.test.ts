import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';

/** The resolver options Jest passes, with Node.js's own resolution as the default resolver. */
interface ResolverOptions {
  readonly basedir: string;
  readonly defaultResolver: (request: string, options: { basedir: string }) => string;
}
type Resolver = (request: string, options: ResolverOptions) => string;

const ROOT = path.resolve(__dirname, '../..');
const nodeResolve = (request: string, options: { basedir: string }) =>
  createRequire(path.join(options.basedir, 'noop.js')).resolve(request);

/** A folder whose node_modules holds stand-ins for the three peers, each an index.js. */
function fakeFloor(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-dpp-fake-floor-'));
  for (const name of ['aws-cdk-lib', 'cdk-nag', 'constructs']) {
    const dir = path.join(folder, 'node_modules', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
    fs.writeFileSync(path.join(dir, 'index.js'), '');
  }
  return folder;
}

let floor: string;
let resolve: (request: string, basedir: string) => string;
beforeAll(() => {
  floor = fakeFloor();
  process.env.PEER_FLOOR_DIR = floor;
  jest.isolateModules(() => {
    const resolver = jest.requireActual<Resolver>('../../scripts/peer-floor-resolver.js');
    resolve = (request, basedir) => resolver(request, { basedir, defaultResolver: nodeResolve });
  });
});
afterAll(() => {
  delete process.env.PEER_FLOOR_DIR;
  fs.rmSync(floor, { recursive: true, force: true });
});

test('the peers resolve from the floor folder, for the library and for the peers themselves', () => {
  expect(resolve('aws-cdk-lib', path.join(ROOT, 'lib'))).toBe(
    path.join(floor, 'node_modules/aws-cdk-lib/index.js'),
  );
  expect(resolve('constructs', path.join(floor, 'node_modules/aws-cdk-lib'))).toBe(
    path.join(floor, 'node_modules/constructs/index.js'),
  );
  expect(resolve('cdk-nag', path.join(ROOT, 'node_modules/@cdklabs/cdk-validator-cfnguard'))).toBe(
    path.join(floor, 'node_modules/cdk-nag/index.js'),
  );
});

test('other packages resolve as they would without the floor', () => {
  expect(resolve('jest', ROOT)).toBe(nodeResolve('jest', { basedir: ROOT }));
});

test("a file of the project's copy of a peer is refused", () => {
  const projectCopy = path.join(ROOT, 'node_modules/aws-cdk-lib');
  expect(() => resolve('./package.json', projectCopy)).toThrow(
    `./package.json (from ${projectCopy}) resolved to the project's ${projectCopy}/package.json`,
  );
});
