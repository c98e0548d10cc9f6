/**
 * Issue 15's CI check: a procedure is added as definitions, machines, tests and docs only. Every file of the checkout
 * that names a registered procedure id (quoted or in a path: 'abolition', "/abolition/") is listed; one outside
 * definitions/, machines/, test/, docs/ and README.md fails the test, unless it is one of the few older files below,
 * each kept for a stated reason (and the list is checked to stay exact: an entry that no longer names an id goes).
 * src/domain/ is not allowed either: the shared rules there (dates, calendar, fiscal year, 和暦) name no procedure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SKIP = new Set(['node_modules', '.git', 'data', 'dist', 'test-artifacts', 'results']);
const TEXT = /\.(ts|tsx|js|cjs|mjs|json|sql|md|sh|yml|yaml|txt|mmd|svg|html|css)$|^[^.]+$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) return files(path);
    return TEXT.test(name) && st.size < 2_000_000 ? [path] : [];
  });
}

const ALLOWED_ROOTS = ['definitions/', 'machines/', 'test/', 'docs/'];
const ALLOWED_FILES = ['README.md', 'package-lock.json'];

/** Files outside those roots that name a procedure from before issue 15, and why they may. */
const KNOWN: Record<string, string> = {
  'bench/analyst-queries.ts': 'the benchmark weights the generated cases per procedure (most are skill checks)',
  'bench/floor.ts': 'the benchmark seeds skill-check rows directly to measure the database floor',
  'bench/flow.ts': 'the benchmark drives skill-check cases through the engine',
  'bench/queries.ts': 'the benchmark seeds skill-check rows for the list queries',
  'bench/timers.ts': 'the benchmark arms skill-check timers',
  'scripts/lib/load.ts': 'the chaos load generator opens skill-check cases',
  'migrations/0005_keyed_settings.sql': 'a data migration moving the old settings columns to (procedure, key) rows; migrations are never edited',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function naming(): Map<string, string[]> {
  const ids = allDefinitions.map((d) => d.id);
  const patterns = ids.map((id) => [id, new RegExp(`['"\`/]${escape(id)}['"\`/]`)] as const);
  const out = new Map<string, string[]>();
  for (const file of files(ROOT)) {
    const text = readFileSync(file, 'utf8');
    const found = patterns.filter(([, p]) => p.test(text)).map(([id]) => id);
    if (found.length) out.set(relative(ROOT, file), found);
  }
  return out;
}

const allowed = (f: string) => ALLOWED_ROOTS.some((r) => f.startsWith(r)) || ALLOWED_FILES.includes(f);

describe('procedure ids are named only by definitions, machines, tests and docs', () => {
  const found = naming();

  it('lists the files naming a procedure id, and none lies outside definitions/, machines/, test/, docs/', () => {
    const outside = [...found.entries()].filter(([f]) => !allowed(f) && !Object.hasOwn(KNOWN, f)).map(([f, ids]) => `${f}: ${ids.join(', ')}`);
    expect(outside).toEqual([]);
  });

  it('the older exceptions still name an id (the list stays exact) and name only procedures from before issue 15', () => {
    const before = new Set(['skill-check', 'completion-exam', 'suspension', 'reissue', 'change-notice']);
    for (const f of Object.keys(KNOWN)) {
      expect(found.has(f), `${f} no longer names a procedure: remove it from KNOWN`).toBe(true);
      for (const id of found.get(f) ?? []) expect(before.has(id), `${f} names ${id}`).toBe(true);
    }
  });

  it('the scan sees every procedure in its own definition folder and machine, and nothing of src/', () => {
    for (const d of allDefinitions) {
      expect([...found.keys()].some((f) => f.startsWith(`definitions/${d.id}/`)), d.id).toBe(true);
    }
    expect([...found.keys()].filter((f) => f.startsWith('src/'))).toEqual([]);
    expect(found.size).toBeGreaterThan(allDefinitions.length * 3);
  });
});
