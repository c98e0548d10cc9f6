/**
 * npm run build [-- --out-dir DIR]: compiles definitions/, machines/ and src/ to JavaScript with tsc
 * (tsconfig.build.json; incremental, so a build with nothing changed takes a few seconds) and copies
 * migrations/ beside them, where src/db/client.ts looks for it (`../../migrations` from dist/src/db).
 * Plain JavaScript, so building needs no TypeScript loader either.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = resolve(root, values['out-dir'] ?? 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir, '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')],
  { stdio: 'inherit' },
);
const migrations = join(outDir, 'migrations');
rmSync(migrations, { recursive: true, force: true });
cpSync(join(root, 'migrations'), migrations, { recursive: true });
