// A fault-injecting HTTP proxy in front of the embedded Cosmos DB server: added latency, and requests that
// fail on demand (the connection is cut, as when the store goes away mid-write). The app is pointed at it
// by handing createApp an EmbeddedCosmos whose endpoint is the proxy's.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddedCosmos } from '../../bot/src/store/database';

/**
 * The store timeout for tests that are not about timeouts. The embedded server compiles each new query text
 * on first use: 1-2 s of CPU here, more than the default 5 s on a loaded 2-core machine.
 */
export const SLOW_MACHINE_TIMEOUT_MS = '30000';

export interface StoreRequest {
  method: string;
  /** The Cosmos REST path, e.g. /dbs/test-…/colls/people/docs */
  path: string;
  /** True for a document upsert (POST …/docs with x-ms-documentdb-is-upsert). */
  upsert: boolean;
}

export interface StoreProxy {
  /** Pass this to buildTestApp / createApp as the shared embedded server. */
  embedded: EmbeddedCosmos;
  /** Added before forwarding each request. */
  latencyMs: number;
  /** Requests for which this returns true never reach the store: the connection is cut. */
  failWhen: (request: StoreRequest) => boolean;
  /** Requests for which this returns true reach the store, but the connection is cut before its answer. */
  loseAnswerWhen: (request: StoreRequest) => boolean;
  /** Every request seen, in order. */
  seen: StoreRequest[];
  /** Requests waiting out their latency or their upstream answer. */
  readonly inFlight: number;
  stop(): Promise<void>;
}

const describe = (req: IncomingMessage): StoreRequest => ({
  method: req.method ?? 'GET',
  path: (req.url ?? '/').split('?')[0]!,
  upsert: String(req.headers['x-ms-documentdb-is-upsert'] ?? '').toLowerCase() === 'true',
});

export async function startStoreProxy(target: EmbeddedCosmos): Promise<StoreProxy> {
  const upstream = new URL(target.endpoint);
  let inFlight = 0;
  const waiting = new Set<NodeJS.Timeout>();
  const state = {
    latencyMs: 0,
    failWhen: (() => false) as (request: StoreRequest) => boolean,
    loseAnswerWhen: (() => false) as (request: StoreRequest) => boolean,
    seen: [] as StoreRequest[],
  };
  const server = http.createServer((req, res) => {
    const seen = describe(req);
    state.seen.push(seen);
    if (state.failWhen(seen)) {
      req.socket.destroy();
      return;
    }
    inFlight++;
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    const timer = setTimeout(() => {
      waiting.delete(timer);
      if (res.destroyed) return finish();
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (state.loseAnswerWhen(seen)) {
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      req.pipe(forward);
    }, state.latencyMs);
    waiting.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    get inFlight() {
      return inFlight;
    },
    embedded: {
      endpoint: `http://127.0.0.1:${port}`,
      server,
      stop: async () => undefined,
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of waiting) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
