// Each workspace's package.json matches what its files import: every package a file imports is
// declared (nothing works only because npm hoisted it to the root), and every declared package is
// imported somewhere. Production code needs `dependencies`; test code may use `devDependencies`.
//
// Production files are those reachable, through relative imports, from the package's exports (other
// than test-only entries such as `./testing`), from its bin, or from a file no test reaches; test
// files are *.test.ts, *.bench.ts, vitest.config.ts, test-only exports and what only they reach.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Declared packages no file imports by name, and why they are declared anyway. Keep it short: an
 * entry here is a dependency the check cannot see being used.
 */
const USED_WITHOUT_IMPORT: Record<string, string> = {};
/** Type packages are found by the compiler, never imported by name. */
const isTypesPackage = (name: string): boolean => name.startsWith('@types/');

type Manifest = {
  name: string;
  workspaces?: string[];
  exports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
const WORKSPACES = readManifest(repoRoot).workspaces ?? [];

const SOURCE = /\.[cm]?[jt]s$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo']);
const isTestEntry = (file: string): boolean => /\.(test|bench)\.[cm]?[jt]s$/.test(file) || /^vitest\.config\.[cm]?[jt]s$/.test(path.basename(file));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(full);
    return entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and builtins. */
const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#') || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const resolveRelative = (from: string, specifier: string): string | undefined => {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
};

/** Every string in an `exports` field, with the subpath it is exported under. */
const exportTargets = (exports: unknown, subpath = '.'): Array<{ subpath: string; target: string }> => {
  if (typeof exports === 'string') return [{ subpath, target: exports }];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) => exportTargets(value, key.startsWith('.') ? key : subpath));
};

type Use = { packageName: string; file: string; production: boolean };

const usesOf = (dir: string, manifest: Manifest): Use[] => {
  const files = sourceFiles(dir);
  const imports = new Map<string, { packages: string[]; local: string[] }>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const packages: string[] = [];
    const local: string[] = [];
    for (const { fileName: specifier } of importedFiles) {
      const packageName = packageOf(specifier);
      if (packageName !== undefined) packages.push(packageName);
      else if (specifier.startsWith('.')) {
        const resolved = resolveRelative(file, specifier);
        if (resolved !== undefined) local.push(resolved);
      }
    }
    imports.set(file, { packages, local });
  }
  const reach = (roots: string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...roots];
    for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...(imports.get(file)?.local ?? []));
    }
    return seen;
  };
  const entries = exportTargets(manifest.exports);
  const inPackage = (target: string): string => path.resolve(dir, target);
  const testOnlyEntries = entries.filter(({ subpath }) => /test/i.test(subpath)).map(({ target }) => inPackage(target));
  const productEntries = entries.filter(({ subpath }) => !/test/i.test(subpath)).map(({ target }) => inPackage(target));
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const testReach = reach([...files.filter(isTestEntry), ...testOnlyEntries]);
  // A file no test reaches is taken for production (a script, a bin outside the manifest): the safe side.
  const production = reach([...productEntries, ...bins.map(inPackage), ...files.filter((file) => !testReach.has(file))]);
  return files.flatMap((file) =>
    (imports.get(file)?.packages ?? []).map((packageName) => ({ packageName, file, production: production.has(file) })),
  );
};

/** What is wrong with `workspace`'s package.json, one line per package, naming a file that shows it. */
const manifestProblems = (workspace: string): string[] => {
  const dir = path.join(repoRoot, workspace);
  const manifest = readManifest(dir);
  const runtime = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies }));
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const uses = usesOf(dir, manifest).filter(({ packageName }) => packageName !== manifest.name);
  const where = (found: Use[]): string => {
    const [first] = found.map(({ file }) => path.relative(repoRoot, file)).sort();
    return found.length > 1 ? `${first} (and ${found.length - 1} more)` : `${first}`;
  };
  const problems: string[] = [];
  const manifestPath = `${workspace}/package.json`;

  for (const packageName of new Set(uses.map((use) => use.packageName))) {
    const productionUses = uses.filter((use) => use.packageName === packageName && use.production);
    const testUses = uses.filter((use) => use.packageName === packageName && !use.production);
    if (packageName === '@paygate/testkit' && productionUses.length > 0) {
      problems.push(`${workspace}: production file ${where(productionUses)} imports '@paygate/testkit', which is test-only: keep it in test code`);
    } else if (productionUses.length > 0 && !runtime.has(packageName)) {
      problems.push(
        dev.has(packageName)
          ? `${workspace}: production file ${where(productionUses)} imports '${packageName}', which ${manifestPath} has only in devDependencies: move it to dependencies`
          : `${workspace}: production file ${where(productionUses)} imports '${packageName}', which ${manifestPath} does not declare: add it to dependencies`,
      );
    } else if (productionUses.length === 0 && !runtime.has(packageName) && !dev.has(packageName)) {
      problems.push(`${workspace}: test file ${where(testUses)} imports '${packageName}', which ${manifestPath} does not declare: add it to devDependencies`);
    }
  }

  const usedWithoutImport = (packageName: string): boolean => isTypesPackage(packageName) || packageName in USED_WITHOUT_IMPORT;
  for (const packageName of runtime) {
    const used = uses.filter((use) => use.packageName === packageName);
    if (packageName === '@paygate/testkit') {
      problems.push(`${workspace}: ${manifestPath} has '@paygate/testkit' in dependencies; it is test-only: move it to devDependencies`);
    } else if (dev.has(packageName)) {
      problems.push(`${workspace}: ${manifestPath} declares '${packageName}' in both dependencies and devDependencies: keep one`);
    } else if (used.length === 0 && !usedWithoutImport(packageName)) {
      problems.push(`${workspace}: ${manifestPath} declares '${packageName}' in dependencies but no file imports it: remove it`);
    } else if (used.length > 0 && used.every((use) => !use.production)) {
      problems.push(`${workspace}: ${manifestPath} declares '${packageName}' in dependencies but only test files import it (${where(used)}): move it to devDependencies`);
    }
  }
  for (const packageName of dev) {
    if (!runtime.has(packageName) && !uses.some((use) => use.packageName === packageName) && !usedWithoutImport(packageName)) {
      problems.push(`${workspace}: ${manifestPath} declares '${packageName}' in devDependencies but no file imports it: remove it`);
    }
  }
  return problems.sort();
};

describe('workspace manifests match the imports', () => {
  it('finds the workspaces', () => {
    expect(WORKSPACES.length).toBeGreaterThan(0);
  });

  it.each(WORKSPACES)('%s/package.json declares what its files import, and imports what it declares', (workspace) => {
    expect(manifestProblems(workspace)).toEqual([]);
  });
});
