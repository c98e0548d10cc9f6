/**
 * Server time and size of the main pages on the demo data: `npx tsx scripts/page-timing.ts [requests-per-page]`.
 * Seeds the demo into an in-memory PGlite (as `npm run cli -- demo` does), signs each demo user in with a
 * session, then asks the in-process app (no socket) for every page N times after a warm-up and prints p50, p95
 * and max in ms, with the page's size as sent (gzip) and unpacked. `NOW=...` pins the clock like the server.
 * A measurement, not a test: it never fails on a time (speed is judged by people reading the numbers).
 */
import { defaultRegistry } from '../definitions/index.js';
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { seedDemo } from '../src/demo.js';
import { createEngine } from '../src/engine/engine.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createMailboxTransport } from '../src/notify/transport.js';
import { SESSION_COOKIE } from '../src/web/auth/middleware.js';
import { openSession } from '../src/web/auth/session-store.js';
import { webPlugin } from '../src/web/plugin.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Math.max(5, Number(process.argv[2] ?? 50) || 50);
const LIMIT_BYTES = 100 * 1024;

const start = process.env.NOW ?? new Date().toISOString();
const clock = manualClock(start);
const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const { db } = database;
const registry = defaultRegistry();
const publicUrl = 'http://localhost:3000';
const demo = await seedDemo({ db, clock, publicUrl });
const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl });
const engine = createEngine({ db, clock, registry });
const logger = createLogger('silent');
const mailer = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-timing-')), 'timing <no-reply@localhost>');
const plugin = webPlugin({ config, db, clock, engine, registry, logger, mailer });
const app = createApp({ db, clock, engine, registry, logger, publicUrl, bodyLimitBytes: 64 * 1024, mount: (root, api) => plugin.mount!(root, api) });

const cookieOf = async (role: string, nth = 0) => {
  const user = demo.users.filter((u) => u.role === role)[nth]!;
  return `${SESSION_COOKIE}=${await openSession(db, user.id, clock.now())}`;
};
const cookies = {
  hq: await cookieOf('hq'),
  center: await cookieOf('center'),
  school: await cookieOf('school'),
  admin: await cookieOf('admin'),
  analyst: await cookieOf('analyst'),
};
const someCases = demo.cases.slice(0, 12);

const pages: { name: string; who: keyof typeof cookies; paths: string[] }[] = [
  { name: '受付箱（本庁）', who: 'hq', paths: ['/inbox'] },
  { name: '受付箱 検索（本庁）', who: 'hq', paths: ['/inbox?q=%E6%A9%9F%E6%A2%B0'] },
  { name: '受付箱（センター・管内）', who: 'center', paths: ['/inbox'] },
  { name: '受付箱（センターの対応待ち）', who: 'center', paths: ['/inbox?scope=waiting'] },
  { name: 'ダッシュボード（訓練校）', who: 'school', paths: ['/school'] },
  { name: '案件一覧（管理者）', who: 'admin', paths: ['/cases'] },
  { name: '案件一覧 検索（分析担当）', who: 'analyst', paths: ['/cases?q=%E8%A8%93%E7%B7%B4'] },
  { name: '案件ページ（本庁）', who: 'hq', paths: someCases.map((id) => `/cases/${id}`) },
  { name: '手続と状態遷移図（分析担当）', who: 'analyst', paths: ['/analyst'] },
];

async function get(path: string, cookie: string, gzip: boolean) {
  const t0 = performance.now();
  const res = await app.request(path, { headers: { cookie, ...(gzip ? { 'accept-encoding': 'gzip' } : {}) } });
  const body = new Uint8Array(await res.arrayBuffer());
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength, encoding: res.headers.get('content-encoding') };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

const rows: string[][] = [];
let oversize = 0;
for (const p of pages) {
  const cookie = cookies[p.who];
  const times: number[] = [];
  let maxRaw = 0;
  let maxSent = 0;
  let encoding: string | null = null;
  const statuses = new Set<number>();
  for (const path of p.paths) for (let i = 0; i < 3; i++) await get(path, cookie, true);
  for (let i = 0; i < N; i++) {
    const path = p.paths[i % p.paths.length]!;
    const r = await get(path, cookie, true);
    times.push(r.ms);
    statuses.add(r.status);
    maxSent = Math.max(maxSent, r.bytes);
    encoding = r.encoding;
  }
  for (const path of p.paths) {
    const raw = await app.request(path, { headers: { cookie } });
    maxRaw = Math.max(maxRaw, (await raw.arrayBuffer()).byteLength);
  }
  if (maxRaw >= LIMIT_BYTES) oversize += 1;
  rows.push([
    p.name,
    [...statuses].join('/'),
    pct(times, 50).toFixed(1),
    pct(times, 95).toFixed(1),
    Math.max(...times).toFixed(1),
    `${(maxRaw / 1024).toFixed(1)} KB`,
    `${(maxSent / 1024).toFixed(1)} KB ${encoding ?? 'identity'}`,
  ]);
}

const header = ['page', 'status', 'p50 ms', 'p95 ms', 'max ms', 'largest (unpacked)', 'largest (sent)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
process.stdout.write(`demo data: ${demo.cases.length} cases, ${N} requests per page, clock ${start}\n`);
process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(oversize ? `${oversize} page(s) at or over 100 KB unpacked\n` : 'every page under 100 KB unpacked\n');
await database.close();
