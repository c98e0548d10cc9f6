/** Run sizes. --quick is the CI smoke run (< 2 min); the full run stays under ~15 min on 2 cores. */
export interface BenchOptions {
  quick: boolean;
  /** Concurrency levels for the floor, the engine and the peer. */
  levels: number[];
  /** Floor transactions per level. */
  floorOps: number;
  /** Cases driven through the 9-event flow per concurrency level (engine, peer). */
  flowCases: number;
  /** PGlite: cases through the flow at concurrency 1. */
  pgliteCases: number;
  /** HTTP: cases per pass (each pass applies 9 events to each). */
  httpCases: number;
  httpConnections: number;
  /** Due timers for the two-scheduler run (the goal) and for the one-scheduler run (smaller, to keep the
   *  full run near 15 minutes: a single scheduler's rate is what it measures). */
  timers: number;
  timersSingle: number;
  /** Cases through the flow per level for the bpmn-engine peer (slower than ours). */
  peerCases: number;
  /** Cases through the flow per level for the DBOS peer (c=1 takes a quarter). */
  dbosCases: number;
  /** Due jobs for graphile-worker: tuned with one worker, tuned with two, default with two. */
  graphileJobs: { tunedSingle: number; tunedTwo: number; defaultTwo: number };
  /** Generated cases for the query scenario. */
  queryCases: number;
  /** Timed repetitions per query. */
  queryReps: number;
  /** Generated cases (about 10 history rows each, every procedure) for the analyst queries, in their own database. */
  analystCases: number;
  analystReps: number;
  /** Seconds of HTTP query load before RSS is read. */
  memorySeconds: number;
  /** Upper bound per timed loop, whatever the count. */
  maxLoopMs: number;
  /** Starts of the built server per setting (start-up time and RSS; the new-DATA_DIR start is one). */
  startupReps: number;
}

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  return quick
    ? {
        quick,
        levels: [1, 8, 32],
        floorOps: 600,
        flowCases: 32,
        pgliteCases: 20,
        httpCases: 64,
        httpConnections: 64,
        timers: 4_000,
        timersSingle: 2_000,
        peerCases: 20,
        dbosCases: 8,
        graphileJobs: { tunedSingle: 1_000, tunedTwo: 2_000, defaultTwo: 1_000 },
        queryCases: 50_000,
        queryReps: 40,
        analystCases: 10_000,
        analystReps: 5,
        memorySeconds: 4,
        maxLoopMs: 20_000,
        startupReps: 1,
      }
    : {
        quick,
        levels: [1, 8, 32],
        floorOps: 4_000,
        flowCases: 320,
        pgliteCases: 100,
        httpCases: 256,
        httpConnections: 64,
        timers: 100_000,
        timersSingle: 50_000,
        peerCases: 160,
        dbosCases: 96,
        graphileJobs: { tunedSingle: 50_000, tunedTwo: 100_000, defaultTwo: 50_000 },
        queryCases: 1_000_000,
        queryReps: 300,
        analystCases: 1_000_000,
        analystReps: 20,
        memorySeconds: 15,
        maxLoopMs: 120_000,
        startupReps: 5,
      };
}
