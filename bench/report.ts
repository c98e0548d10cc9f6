/**
 * Writes bench/results/<name>.md and .json. `npx tsx bench/report.ts` re-renders latest.md from latest.json
 * (after a change to the wording, without re-running the ~15 minute bench).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { explain } from './analysis.js';
import { renderAnalyst } from './analyst-queries.js';
import { renderGoals, renderHeader, renderPlans, renderTable, type Results } from './table.js';

export function renderMarkdown(results: Results): string {
  return [
    '# Benchmark results',
    '',
    renderHeader(results),
    '',
    'Reproduce: `npm run bench` (full, ~30 min) or `npm run bench -- --quick` (smoke, a few minutes). Needs PostgreSQL at',
    '127.0.0.1:5432 (user postgres, trust) or `BENCH_PG_URL`; the bench creates and drops its own `swe_bench_*` database.',
    'Absolute times on this shared 2-core machine are noisy; read the ratios, measured side by side in one run.',
    '',
    renderTable(results),
    '',
    '## Goals',
    '',
    renderGoals(results),
    '',
    '## Query plans (EXPLAIN (ANALYZE, BUFFERS) of the SQL the product sent)',
    '',
    renderPlans(results),
    '',
    ...(results.analyst ? ['## Analyst queries', '', renderAnalyst(results.analyst), ''] : []),
    explain(results),
  ].join('\n');
}

export function writeReport(results: Results, name: string, json = true) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.md`, dir), `${renderMarkdown(results)}\n`);
  if (json) writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(results, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const name = process.argv[2] ?? 'latest';
  const results = JSON.parse(readFileSync(new URL(`./results/${name}.json`, import.meta.url), 'utf8')) as Results;
  writeReport(results, name, false);
  console.log(renderMarkdown(results));
}
