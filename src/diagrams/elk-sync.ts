/**
 * ELK layout called synchronously. elkjs runs its layered algorithm in a "fake worker" on Node whose answer is
 * posted with setTimeout(0); calling the worker's dispatcher directly returns the answer in the same tick
 * (beautiful-mermaid does the same). Synchronous layout keeps diagram rendering a pure function the pages and
 * the API call without awaiting; layouts are cached per definition version anyway.
 */
import ELK from 'elkjs/lib/elk.bundled.js';

export interface ElkLabel {
  id?: string;
  text?: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
}
export interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  labels?: ElkLabel[];
  children?: ElkNode[];
  edges?: ElkEdge[];
}
export interface ElkPoint {
  x: number;
  y: number;
}
export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  layoutOptions?: Record<string, string>;
  sections?: { startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }[];
}

interface RawWorker {
  onmessage: (answer: { data: { error?: unknown; data?: unknown } }) => void;
  dispatcher: { saveDispatch: (msg: { data: unknown }) => void };
}

let worker: RawWorker | null = null;

function ensureWorker(): RawWorker {
  if (worker) return worker;
  // The bundled build defers its start-up with setTimeout(0) and treats a global `self` as a browser.
  const pending: (() => void)[] = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, delay?: number) => {
    if (!delay) {
      pending.push(fn);
      return 0;
    }
    return realSetTimeout(fn, delay);
  }) as typeof setTimeout;
  const g = globalThis as { self?: unknown; document?: unknown };
  const hadSelf = 'self' in g;
  const self = g.self;
  if (hadSelf && g.document === undefined) delete g.self;
  try {
    const elk = new (ELK as unknown as new () => { worker: { worker: RawWorker } })();
    worker = elk.worker.worker;
  } finally {
    if (hadSelf) g.self = self;
    globalThis.setTimeout = realSetTimeout;
  }
  pending.forEach((fn) => fn());
  return worker!;
}

export function layoutSync(graph: ElkNode): ElkNode {
  const w = ensureWorker();
  let result: ElkNode | undefined;
  let error: unknown;
  const previous = w.onmessage;
  w.onmessage = (answer) => {
    if (answer.data.error) error = answer.data.error;
    else result = answer.data.data as ElkNode;
  };
  try {
    w.dispatcher.saveDispatch({ data: { id: 0, cmd: 'layout', graph } });
  } finally {
    w.onmessage = previous;
  }
  if (error) throw error instanceof Error ? error : new Error(`ELK layout failed: ${JSON.stringify(error)}`);
  if (!result) throw new Error('ELK layout did not answer synchronously');
  return result;
}
