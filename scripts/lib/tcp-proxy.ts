/**
 * A loopback TCP proxy for fault injection: forwards to a target port until `cut()`, which resets every
 * open connection and refuses new ones (a network outage seen from the client), until `restore()`.
 */
import { createServer, connect, type Socket, type Server } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
  /** Connections accepted since start. */
  readonly accepted: number;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  const onConnection = (client: Socket) => {
    accepted++;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const listen = (p: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => resolve(s));
    });
  let server: Server | null = await listen(port);
  const actualPort = (server.address() as { port: number }).port;
  const closeServer = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const resetAll = () => {
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };
  return {
    port: actualPort,
    get accepted() {
      return accepted;
    },
    async cut() {
      const closing = closeServer();
      resetAll();
      await closing;
    },
    async restore() {
      if (!server) server = await listen(actualPort);
    },
    async close() {
      const closing = closeServer();
      resetAll();
      await closing;
    },
  };
}
