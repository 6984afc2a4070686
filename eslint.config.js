// Lint is a guard for the few rules that protect money and secrets, and for the direction of the
// dependencies between packages; tsc does the rest.
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// ── Dependency rules ─────────────────────────────────────────────────────────────────────────────
// Dependencies point inward: `domain` is the pure core and imports nothing of ours; `http` holds the
// HTTP conventions both sides share and depends on domain alone; the adapters (commands, projections,
// gateways, bot, read-api) depend on domain and not on each other, except for the edges listed below;
// `infra` is the composition root that wires them all, so nothing imports it. `testkit` holds
// test-only helpers: any package but domain may use it from its tests (the manifest check in
// testkit/src/manifests.unit.test.ts keeps it out of production code and `dependencies`).
// A package reaches another only by its `@paygate/<name>` specifier, never by a relative path into
// the other package's folder. testkit/src/dependency-rules.unit.test.ts shows these rules fail.

/** The `@paygate/*` packages each workspace may import. Anything not listed is an error. */
const MAY_IMPORT = {
  domain: [],
  http: ['domain', 'testkit'],
  // The NOWPayments webhook verifies and parses IPNs with the gateway's code (gateways never import
  // commands: the edge points one way) and answers with the shared HTTP conventions.
  commands: ['domain', 'gateways', 'http', 'testkit'],
  projections: ['domain', 'testkit'],
  gateways: ['domain', 'testkit'],
  bot: ['domain', 'testkit'],
  // The read API serves the read model whose schema and queries projections own.
  'read-api': ['domain', 'http', 'projections', 'testkit'],
  // Test helpers (an in-memory event store) implement domain's ports.
  testkit: ['domain'],
  infra: ['domain', 'http', 'projections', 'commands', 'gateways', 'bot', 'read-api', 'testkit'],
};

const WORKSPACES = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).workspaces;
for (const workspace of WORKSPACES) {
  if (!MAY_IMPORT[workspace]) throw new Error(`eslint.config.js: state what the new workspace '${workspace}' may import in MAY_IMPORT.`);
}

/** Why an edge is forbidden, for the edges the design names; other edges get the generic reason. */
const reasonFor = (from, to) => {
  if (from === 'domain') return 'domain imports nothing of ours: it is the pure core every package depends on.';
  if (to === 'infra') return 'Nothing imports infra: it is the composition root; depend on a port in domain instead.';
  if (from === 'gateways' && to === 'commands') {
    return 'gateways never import commands: a gateway adapts an outside system to domain ports; commands use gateways, not the reverse.';
  }
  return `${from} may import only ${MAY_IMPORT[from].map((name) => `@paygate/${name}`).join(', ')}: dependencies point inward to domain (eslint.config.js).`;
};

/** `@paygate/<name>` and its subpaths (`@paygate/infra/testing`). */
const specifierOf = (name) => ({ regex: `^@paygate/${name}(/|$)`, caseSensitive: true });
// A relative path that climbs out of a package into another one's folder: `../../infra/src/…`,
// `../infra/bin/…`. no-restricted-imports matches the text, not the resolved path, so the package
// folder must be followed by one of the folders a package keeps its code in (src, bin, test); that
// spares a package's own sub-folder of the same name, such as infra/src/bot/.
const folderOf = (name) => ({ regex: `^(\\.\\./)+${name}/(src|bin|test)(/|$)`, caseSensitive: true });

const boundaries = (from) => {
  const forbidden = WORKSPACES.filter((to) => to !== from && !MAY_IMPORT[from].includes(to));
  return {
    files: [`${from}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((to) => ({ ...specifierOf(to), message: reasonFor(from, to) })),
            ...WORKSPACES.filter((to) => to !== from).map((to) => ({
              ...folderOf(to),
              message: forbidden.includes(to)
                ? reasonFor(from, to)
                : `Import @paygate/${to} by its package name, not by a path into its folder.`,
            })),
          ],
        },
      ],
    },
  };
};

// bench/ is a harness, not a workspace: nothing imports it and it boots the system the way the CLI
// does, so it may use every package, infra included. It measures infra internals that infra does not
// export, so it may also reach into infra/ by path; the other packages it imports by name.
const benchBoundaries = {
  files: ['bench/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: WORKSPACES.filter((to) => to !== 'infra').map((to) => ({
          ...folderOf(to),
          message: `Import @paygate/${to} by its package name, not by a path into its folder.`,
        })),
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.types/**', '**/dist/**', '.turbo/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests, benchmarks and CLI printing may write to the console.
    files: ['**/*.test.ts', 'bench/**', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money is exact: use bigint minor units.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'round', message: 'Money is exact: use bigint minor units.' }],
    },
  },
  ...WORKSPACES.map(boundaries),
  benchBoundaries,
);
