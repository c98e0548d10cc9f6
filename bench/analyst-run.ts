/**
 * npx tsx bench/analyst-run.ts [--cases 1000000] [--history 12] [--reps 20] [--keep]: the analyst scenario alone,
 * on a fresh database (created here, dropped at the end unless --keep), printed as a table with the EXPLAIN lines.
 */
import { analystScenario, renderAnalyst } from './analyst-queries.js';
import { createBenchDatabase } from './pg.js';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const opts = { cases: num('cases', 1_000_000), historyPerCase: num('history', 12), reps: num('reps', 20) };
const bench = await createBenchDatabase();
console.error(`[analyst] database ${bench.name}: seeding ${opts.cases.toLocaleString('en-US')} cases × ~${opts.historyPerCase} history rows`);
try {
  const result = await analystScenario(bench.url, opts);
  console.log(renderAnalyst(result));
} finally {
  if (args.includes('--keep')) console.error(`[analyst] kept ${bench.url}`);
  else await bench.drop();
}
