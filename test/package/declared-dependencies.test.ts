import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * Loads the public entry point in a fresh Node.js process and lists every package the
 * project's own files load that is neither a dependency nor a peer dependency: a user's
 * install does not bring those, so `require('cdk-dpp')` would fail for them.
 */
const LIST_UNDECLARED = `
  const Module = require('module'), fs = require('fs');
  const p = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const ok = new Set([...Object.keys(p.dependencies || {}), ...Object.keys(p.peerDependencies || {})]);
  const seen = new Set(), resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const ours = parent && parent.filename && !parent.filename.includes('/node_modules/');
    if (ours && !request.startsWith('.') && !request.startsWith('/') && !Module.isBuiltin(request)) {
      const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
      if (!ok.has(name)) seen.add(name);
    }
    return resolve.call(this, request, parent, ...rest);
  };
  require(process.cwd() + '/lib/index.ts');
  console.log(JSON.stringify([...seen]));
`;

test('the public entry point loads only dependencies and peer dependencies', () => {
  const root = join(__dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', LIST_UNDECLARED], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? 'null')).toEqual([]);
});
