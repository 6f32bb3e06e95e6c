import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { buildOutput, PYTHON_PACKAGE, readAssembly, ROOT } from './build-output';

// The Python sources jsii-pacmak generated (`--code-only`: PyPI is out of reach, so no wheel is
// built). Importing the package would need the jsii runtime and aws-cdk-lib from PyPI, so these
// tests read and compile the sources instead of running them.
const packageDir = buildOutput(PYTHON_PACKAGE);
const moduleDir = buildOutput(PYTHON_PACKAGE, 'src', 'cdk_dpp');

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('the generated Python package', () => {
  test('is the module cdk_dpp with its bundled assembly', () => {
    expect(pythonFiles(moduleDir).map((file) => relative(moduleDir, file))).toEqual([
      '__init__.py',
      '_jsii/__init__.py',
    ]);
    expect(readdirSync(join(moduleDir, '_jsii'))).toContain('cdk-dpp@0.1.0.jsii.tgz');
  });

  test('declares every type of the assembly', () => {
    const source = readFileSync(join(moduleDir, '__init__.py'), 'utf8');
    const missing = Object.keys(readAssembly().types).filter(
      (fqn) => !source.includes(`jsii_type="${fqn}"`),
    );
    expect(missing).toEqual([]);
  });

  test('installs the cdk-dpp command, which runs the package bin through the jsii runtime', () => {
    const setup = readFileSync(join(packageDir, 'setup.py'), 'utf8');
    expect(setup).toContain('"scripts": [\n        "src/cdk_dpp/_jsii/bin/cdk-dpp"\n    ]');
    const script = readFileSync(join(moduleDir, '_jsii', 'bin', 'cdk-dpp'), 'utf8');
    expect(script).toContain('invokeBinScript("cdk-dpp", "cdk-dpp", sys.argv[1:])');
  });

  test('compiles: every .py file is valid Python', () => {
    // Byte code goes to a temporary folder, not beside the sources.
    const cache = mkdtempSync(join(tmpdir(), 'cdk-dpp-pycache-'));
    try {
      const files = pythonFiles(packageDir);
      expect(files.length).toBeGreaterThanOrEqual(3);
      execFileSync('python3', ['-m', 'py_compile', ...files], {
        cwd: ROOT,
        env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
        stdio: 'pipe',
      });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
