/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the share of idle time (waiting on PostgreSQL) and
 * self time by package/area, so a missed goal is explained by where the CPU went.
 * Usage: npx tsx bench/cpu-profile.ts <file.cpuprofile>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a script URL into an area: a package name, or our own top-level folder. */
export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const m = /\/work\/[^/]+\/(definitions|machines|src\/[^/]+|bench|test)\//.exec(url);
  return m ? m[1]! : url;
}

export function summariseProfile(p: Profile, top = 15) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${area}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${pct(us).padStart(6)}  ${k}`);
  return { totalMs: total / 1000, areas: rank(byArea), functions: rank(byFn) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of process.argv.slice(2)) {
    const s = summariseProfile(JSON.parse(readFileSync(f, 'utf8')) as Profile);
    console.log(`${f}: ${s.totalMs.toFixed(0)} ms sampled\n-- by area --\n${s.areas.join('\n')}\n-- by function --\n${s.functions.join('\n')}\n`);
  }
}

/** Inclusive time (self + callees) of the named functions, as a share of all samples: where a step's CPU goes. */
export function inclusiveShares(p: Profile, names: string[]): Record<string, string> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const out = new Map<string, number>(names.map((n) => [n, 0]));
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (out.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        out.set(fn, out.get(fn)! + us);
      }
    }
  }
  return Object.fromEntries([...out].map(([k, us]) => [k, `${((100 * us) / total).toFixed(1)}%`]));
}
