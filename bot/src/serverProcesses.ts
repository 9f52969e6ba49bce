// Several server processes on one port (WEB_CONCURRENCY above 1). The first process holds the port and hands
// each new connection to the server processes in strict turn. node:cluster's own round robin hands a connection
// to whichever process acknowledges its previous one first, so connections opened together (a front end
// reconnecting, `npm run load` starting) split unevenly: 75 to 125 of 200 in most runs here, once 32 to 168.
// Keep-alive keeps that split for good, and as the processes get the same share of the CPU, the busier one's
// requests wait longer in proportion.
import type { Worker } from 'node:cluster';
import type { Server } from 'node:http';
import net from 'node:net';

/** The first process's message that comes with a connection to serve. */
const HANDED_CONNECTION = 'server:connection';
/** A server process's message once it can serve connections. */
const READY = 'server:ready';

export interface ConnectionDispatcher {
  /** The port it holds (the one asked for, or the one the system chose for port 0). */
  port: number;
  /** Hands connections to this server process from the moment it says it is ready (resolves then), until it exits. */
  add(worker: Worker): Promise<void>;
  /** Stops taking connections; those not yet handed over are closed. */
  close(): void;
}

/**
 * In the first process: holds `port` and hands each new connection to the ready server processes in turn.
 * Connections that arrive while none is ready wait (unread) until one is.
 */
export async function dispatchConnections(port: number, host: string): Promise<ConnectionDispatcher> {
  const ready: Worker[] = [];
  const waiting: net.Socket[] = [];
  let turn = 0;
  const hand = (socket: net.Socket) => {
    const worker = ready[turn++ % ready.length];
    if (!worker) return void waiting.push(socket);
    worker.send(HANDED_CONNECTION, socket, (error) => {
      if (error) socket.destroy();
    });
  };
  // Paused: the first process reads nothing, so the server process receives the connection as the client sent it.
  const front = net.createServer({ pauseOnConnect: true }, (socket) => {
    socket.on('error', () => socket.destroy());
    hand(socket);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  return {
    port: (front.address() as net.AddressInfo).port,
    add: (worker) =>
      new Promise<void>((resolve) => {
        worker.on('message', (message: unknown) => {
          if (message !== READY || ready.includes(worker)) return;
          ready.push(worker);
          for (const socket of waiting.splice(0)) hand(socket);
          resolve();
        });
        worker.once('exit', () => {
          const at = ready.indexOf(worker);
          if (at >= 0) ready.splice(at, 1);
        });
      }),
    close: () => {
      front.close();
      for (const socket of waiting.splice(0)) socket.destroy();
    },
  };
}

/**
 * In a server process: serves the connections the first process hands over, and tells it this process is ready.
 * `close()` closes idle connections and resolves once every connection has ended (or after `graceMs`).
 */
export function serveHandedConnections(server: Server): { close(graceMs: number): Promise<void> } {
  // Node starts tracking a server's connections (which enforces headersTimeout and requestTimeout, and lets idle
  // keep-alive connections be closed) when it starts listening; this server never listens itself.
  server.emit('listening');
  const open = new Set<net.Socket>();
  process.on('message', (message: unknown, socket?: net.Socket) => {
    if (message !== HANDED_CONNECTION || !socket) return;
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    server.emit('connection', socket);
    socket.resume();
  });
  process.send!(READY);
  return {
    async close(graceMs) {
      const until = Date.now() + graceMs;
      while (open.size > 0 && Date.now() < until) {
        server.closeIdleConnections();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const socket of open) socket.destroy();
    },
  };
}
