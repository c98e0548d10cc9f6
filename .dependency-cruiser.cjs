/**
 * The architecture of DESIGN.md section 2, checked by dependency-cruiser (`npm run check:deps`, and in .ci/run):
 * the pure core (definitions/, machines/, src/domain/) never does I/O, and lower layers never import upper ones
 * (db < engine < notify < http < web; diagrams and documents beside notify). Type-only imports count too: a layer that
 * names an upper layer's type depends on it.
 */
const PURE_CORE = '^(definitions|machines|src/domain)/';

/** Node core modules that do I/O (with or without the node: prefix, and their subpaths such as fs/promises). */
const IO_CORE_MODULES = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'cluster',
  'worker_threads',
  'readline',
  'inspector',
  // Not I/O, but randomness and hashing have no place in pure, deterministic code.
  'crypto',
];

/** Packages that talk to a database, the network, mail or logs. */
const IO_PACKAGES = ['pg', 'postgres', '@electric-sql/pglite', 'nodemailer', 'hono', '@hono/[^/]+', 'drizzle-orm', 'pino', 'smtp-server'];

/** `from` layer must not import any of `to` (all under src/). */
const LAYERS = [
  ['db', ['engine', 'notify', 'http', 'web', 'diagrams', 'documents']],
  ['engine', ['notify', 'http', 'web', 'diagrams', 'documents']],
  // Documents (PDF rendering of the definitions' layouts) read cases through the engine; http and web import them.
  ['documents', ['notify', 'http', 'web', 'diagrams']],
  ['notify', ['http', 'web']],
  ['diagrams', ['http', 'web', 'notify']],
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-core-imports-app-code',
      severity: 'error',
      comment: 'definitions/, machines/ and src/domain/ are pure: of src/ they may import src/domain/ only.',
      from: { path: PURE_CORE },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'pure-core-imports-io-module',
      severity: 'error',
      comment: 'definitions/, machines/ and src/domain/ never import I/O node core modules (nor node:crypto).',
      from: { path: PURE_CORE },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${IO_CORE_MODULES.join('|')})(/|$)` },
    },
    {
      name: 'pure-core-imports-io-package',
      severity: 'error',
      comment: 'definitions/, machines/ and src/domain/ never import database, HTTP, mail or logging packages.',
      from: { path: PURE_CORE },
      to: { path: `(^|/)node_modules/(${IO_PACKAGES.join('|')})/` },
    },
    {
      name: 'domain-imports-definitions',
      severity: 'error',
      comment: 'src/domain/ is below the definitions: it knows no procedure.',
      from: { path: '^src/domain/' },
      to: { path: '^(definitions|machines)/' },
    },
    ...LAYERS.map(([from, upper]) => ({
      name: `${from}-imports-upper-layer`,
      severity: 'error',
      comment: `src/${from}/ is a lower layer: it must not import src/{${upper.join(',')}}/.`,
      from: { path: `^src/${from}/` },
      to: { path: `^src/(${upper.join('|')})/` },
    })),
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may depend on itself through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Production code under src/ imports only dependencies (type-only imports are erased and allowed).',
      // Development tools that need devDependencies (the live XState inspector) live in scripts/, outside src/.
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: 'node_modules/@types/' },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package imported but not declared in package.json works by accident (it came in with another one).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or a package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: naming an upper layer's type is depending on it.
    tsPreCompilationDeps: true,
    // `./x.js` specifiers resolve to `./x.ts` / `./x.tsx` (dependency-cruiser retries the TypeScript variant).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
