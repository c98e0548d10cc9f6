/**
 * The server shares its PGlite with CLI commands over the PostgreSQL wire protocol (@electric-sql/pglite-socket's
 * PGLiteSocketHandler), on a Unix socket inside DATA_DIR, so `npm run cli` works while the server runs and
 * the server sees its writes at once: there is only ever one PGlite on the directory.
 *
 * PGlite is one backend session. Its own query()/transaction() calls take its transaction mutex, then its
 * query mutex per statement; a socket client's messages must never run between the statements of one of the
 * server's transactions, and the server's statements never inside a client's transaction or between a
 * client's Parse/Bind/Execute and its Sync. So a connection is a session: it first takes PGlite's transaction
 * mutex (waiting for the server's transaction in flight, if any), holds it until the client disconnects, and
 * runs each message under the query mutex only. Meanwhile the server's own queries wait; CLI commands are
 * short, and an idle client is dropped after `idleTimeoutMs`. When the session ends, whatever the client left
 * (an open or half-sent transaction, prepared statements) is rolled back and deallocated before the server
 * goes on. Clients connect one at a time; a second one waits its turn. This is also why
 * PGLiteSocketServer is not used as is: it interleaves every connection with the server per message.
 */
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import type { LockEndpoint } from './data-dir-lock.js';

export const SOCKET_FILE = 'swe.sock';
/** sockaddr_un holds 108 bytes on Linux, 104 on macOS. Longer DATA_DIR paths use a loopback port. */
const MAX_SOCKET_PATH = 100;

export interface SharedPglite {
  endpoint: LockEndpoint;
  stop(): Promise<void>;
}

/** A simple-protocol Query message. */
function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const msg = Buffer.alloc(5 + text.length);
  msg.write('Q', 0, 'latin1');
  msg.writeInt32BE(4 + text.length, 1);
  text.copy(msg, 5);
  return msg;
}
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

/** Holds PGlite's transaction mutex until the returned function is called. */
function takeSession(db: PGlite): Promise<() => void> {
  return new Promise((entered, failed) => {
    db._runExclusiveTransaction(() => new Promise<void>((release) => entered(release))).catch(failed);
  });
}

export async function sharePglite(
  db: PGlite,
  opts: { dataDir: string; idleTimeoutMs?: number; onError?: (err: unknown) => void },
): Promise<SharedPglite> {
  const socketPath = join(resolve(opts.dataDir), SOCKET_FILE);
  const useUnixSocket = process.platform !== 'win32' && Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH;
  const idleTimeout = opts.idleTimeoutMs ?? 60_000;
  const sockets = new Set<Socket>();
  const handlers = new Set<PGLiteSocketHandler>();
  const sessions = new Set<Promise<void>>();
  let stopping = false;

  const accept = async (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.pause();
    let release: () => void;
    try {
      release = await takeSession(db);
    } catch (err) {
      socket.destroy();
      opts.onError?.(err);
      return;
    }
    if (stopping || socket.destroyed || db.closed) {
      release();
      socket.destroy();
      return;
    }
    let finished!: () => void;
    const session = new Promise<void>((done) => (finished = done));
    sessions.add(session);
    let ended: Promise<void> | null = null;
    const endSession = () =>
      (ended ??= (async () => {
        try {
          await db.runExclusive(async () => {
            const noop = { onRawData: () => {} };
            // ROLLBACK ends an explicit transaction and the implicit one of a Parse/Bind/Execute batch that
            // never reached its Sync; the Sync ends an aborted batch (whose backend ignores all but Sync).
            await db.execProtocolRawStream(queryMessage('ROLLBACK'), noop);
            await db.execProtocolRawStream(SYNC, noop);
            await db.execProtocolRawStream(queryMessage('DEALLOCATE ALL'), noop);
          });
        } catch (err) {
          opts.onError?.(err);
        } finally {
          release();
          handlers.delete(handler);
          sessions.delete(session);
          finished();
        }
      })());
    // PGLiteSocketHandler's queue serialises the messages of every connection; here one connection owns
    // the session, so each message runs as it comes, under the query mutex only (the session holds the
    // transaction mutex). The handler detaches itself when the client leaves (close, error, idle timeout),
    // and stop() detaches it; either way detach calls clearTransactionIfNeeded, which ends the session.
    const queryQueue = {
      enqueue: (_handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) =>
        db.runExclusive(async () => {
          let size = 0;
          await db.execProtocolRawStream(message, {
            onRawData: (data) => {
              size += data.length;
              onData(data);
            },
          });
          return size;
        }),
      clearQueueForHandler: () => {},
      clearTransactionIfNeeded: () => endSession(),
      getQueueLength: () => 0,
    };
    const handler: PGLiteSocketHandler = new PGLiteSocketHandler({
      queryQueue: queryQueue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
      idleTimeout,
    });
    handlers.add(handler);
    try {
      await handler.attach(socket);
      socket.resume();
    } catch (err) {
      opts.onError?.(err);
      await handler.detach(true);
      await endSession();
    }
  };

  const server = createServer((socket) => void accept(socket));
  const endpoint = await new Promise<LockEndpoint>((resolveListen, reject) => {
    server.once('error', reject);
    if (useUnixSocket) {
      // We hold the data directory's lock, so a socket file here is left over from a crashed server.
      rmSync(socketPath, { force: true });
      server.listen(socketPath, () => {
        chmodSync(socketPath, 0o600);
        resolveListen({ socket: socketPath });
      });
    } else {
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        resolveListen({ host: '127.0.0.1', port });
      });
    }
  });
  server.on('error', (err) => opts.onError?.(err));

  return {
    endpoint,
    async stop() {
      stopping = true;
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const handler of [...handlers]) await handler.detach(true);
      for (const socket of sockets) socket.destroy();
      await Promise.all([...sessions]);
      await closed;
      if (useUnixSocket) rmSync(socketPath, { force: true });
    },
  };
}
