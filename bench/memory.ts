/**
 * Scenario 7, memory: the real server (own process) against the query scenario's database, under HTTP query
 * load (inbox and dashboard lists) for a few seconds; then its RSS from /proc. The engine keeps no per-case
 * state in memory, so RSS should not grow with the number of cases.
 */
import autocannon from 'autocannon';
import { addUser } from '../src/db/directory.js';
import type { Db } from '../src/db/client.js';
import type { QueryWorld } from './queries.js';
import { startServerProcess } from './server-process.js';

export interface MemoryResult {
  rssStartMb: number;
  rssMb: number;
  hwmMb: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export async function memoryScenario(url: string, db: Db, world: QueryWorld, seconds: number): Promise<MemoryResult> {
  const now = new Date();
  const tag = Date.now().toString(36);
  const hq = await addUser(db, { role: 'hq', email: `mem-hq-${tag}@bench.test`, orgId: world.hq }, now);
  const centre = await addUser(db, { role: 'center', email: `mem-c-${tag}@bench.test`, orgId: world.centres[0]! }, now);
  const schools = [];
  for (let i = 0; i < 10; i++) schools.push(await addUser(db, { role: 'school', email: `mem-s${i}-${tag}@bench.test`, orgId: world.schools[i * 37]! }, now));
  const server = await startServerProcess(url);
  try {
    const rssStartMb = server.memory().rssMb;
    const get = (path: string, token: string) => ({ method: 'GET' as const, path, headers: { authorization: `Bearer ${token}` } });
    const result = await autocannon({
      url: server.baseUrl,
      connections: 32,
      duration: seconds,
      requests: [
        get('/api/cases?waiting_on=hq&status=active', hq.token),
        get('/api/cases?waiting_on=center&status=active', centre.token),
        ...schools.map((s) => get('/api/cases?status=active', s.token)),
      ],
    });
    const { rssMb, hwmMb } = server.memory();
    return {
      rssStartMb,
      rssMb,
      hwmMb,
      requests: result.requests.total,
      perSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
    };
  } finally {
    await server.stop();
  }
}
