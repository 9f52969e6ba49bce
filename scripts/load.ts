// npm run load [-- <seconds> [<users>]]: load test against the real server with the embedded store.
// A child process runs the server (demo data + one pair per two simulated users, development sign-in);
// this process drives it with autocannon: every connection is one user (a pair member with their own
// token) who mostly reads the pair dashboard and sometimes writes a note. Prints latency percentiles,
// errors, throughput and the processes' memory before and after (each after a full GC), after a warm-up under the
// same load whose figures are reported apart. Two runs, one after the other, printed side by side:
// - shaped as production: the embedded store in a process of its own (as Azure Cosmos DB is a separate
//   endpoint), keeping connections open between requests (as the SDK does with Azure), and as many API processes
//   sharing the port as the image starts (its WEB_CONCURRENCY; `auto` is one per CPU);
// - as baseline, the shape `npm start` and the tests use: the embedded store in the API's process, answering
//   `Connection: close` as published (a new TCP connection per store call).
// Run through node so that the server can collect garbage on request:
//   node --expose-gc --import tsx scripts/load.ts 60 200
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import cluster from 'node:cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';
import pino from 'pino';
import { createApp } from '../bot/src/app';
import type { DevSigningKey } from '../bot/src/api/middleware/tokenVerifier';
import { loadConfig } from '../bot/src/config';
import { seedDemoData } from '../bot/src/commands/demoSeeder';
import { participantAdder } from '../bot/src/commands/participantAdder';
import { pairCreator } from '../bot/src/commands/pairCreator';
import { sessionScheduler } from '../bot/src/commands/sessionScheduler';
import { DEV_TENANT_ID } from '../bot/src/domain/limits';
import { startEmbeddedCosmos } from '../bot/src/store/database';
import { dispatchConnections, serveHandedConnections } from '../bot/src/serverProcesses';
import { PROGRAM_ADMIN_ROLE } from '../bot/src/domain/model';

// autocannon ships no type declarations: the part of its API used here.
interface AutocannonRequest {
  setupRequest(req: Record<string, unknown>, context: Record<string, unknown>): Record<string, unknown>;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] },
  done: (error: Error | null) => void,
) => EventEmitter;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types; the Autocannon type above says what is used
const autocannon = require('autocannon') as Autocannon;

const DURATION_S = Number(process.argv[2] ?? 60);
/** Seconds of the same load before the measured run (reported apart). */
const WARM_UP_S = 15;
const USERS = Number(process.argv[3] ?? 200);
/** Of every READS_PER_WRITE + 1 requests a connection makes, one is a note write. */
const READS_PER_WRITE = 4;

interface LoadUser {
  userId: string;
  pairId: string;
  sessionId: string;
  token: string;
}

interface Memory {
  rssMb: number;
  heapUsedMb: number;
  /** CPU time the process has used so far (user + system), ms. */
  cpuMs: number;
}

type Shape = 'separate' | 'inprocess';

type ServerMessage =
  | { kind: 'ready'; port: number; users: LoadUser[] }
  | { kind: 'memory'; memory: Memory; store?: Memory; storeRequests: Record<string, number> }
  | { kind: 'store'; endpoint: string };

/** What the load side asks the server processes (the server process passes `memory` on to its own). */
type ServerRequest = { kind: 'memory'; collect: boolean } | { kind: 'stop' };

/**
 * node flags of the server processes: those the Dockerfile's CMD starts the server with (its GC tuning, tsx as
 * the loader), so the figures are the shipped image's. LOAD_CPU_PROFILE=<folder>: each also writes a V8 CPU
 * profile of its run there.
 */
function execArgv(): string[] {
  const profile = process.env.LOAD_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROFILE}`] : [];
  return ['--expose-gc', ...imageNodeFlags(), ...profile];
}

const dockerfile = () => readFileSync(path.resolve(__dirname, '../Dockerfile'), 'utf8');

/** The API processes the image starts: its `ENV WEB_CONCURRENCY` (`auto`: one per CPU). */
function imageProcessCount(): number {
  const value = /\bWEB_CONCURRENCY=(\S+)/.exec(dockerfile())?.[1] ?? '1';
  return value === 'auto' ? os.availableParallelism() : Number(value);
}

/** The node flags of the Dockerfile's `CMD ["node", <flags>..., <entry point>]`. */
function imageNodeFlags(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile());
  const [program, ...args] = cmd ? (JSON.parse(cmd[1]!) as string[]) : [];
  if (program !== 'node' || args.length === 0)
    throw new Error('the Dockerfile has no CMD ["node", ...] to copy flags from');
  return args.slice(0, -1);
}

// ---------------------------------------------------------------------------------------------
// The store side for the production shape (a child process of the server): the embedded store with keep-alive

async function serveStore(): Promise<void> {
  const embedded = await startEmbeddedCosmos(0, undefined, { keepAlive: true });
  const storeRequests = countStoreRequests(embedded.server);
  process.send!({ kind: 'store', endpoint: embedded.endpoint } satisfies ServerMessage);
  process.on('message', (message: ServerRequest) => {
    if (message.kind === 'memory')
      process.send!({ kind: 'memory', memory: memoryNow(message.collect), storeRequests } satisfies ServerMessage);
    if (message.kind === 'stop') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// An API process of the production shape (a cluster worker of the server process): the app over the store
// process, accepting the tokens the server process minted (its development sign-in key)

interface ApiProcessSetup {
  endpoint: string;
  signingKey: DevSigningKey;
  index: number;
}

async function serveApi(setup: ApiProcessSetup): Promise<void> {
  // As production: no X-Store-* headers on the answers (config.ts: storeMetricsHeaders).
  const { app } = await createApp(
    { ...serverConfig(setup.index), storeMetricsHeaders: false },
    {
      embedded: { endpoint: setup.endpoint },
      logger: pino({ level: 'silent' }),
      devSigningKey: setup.signingKey,
    },
  );
  serveHandedConnections(createServer(app));
  process.on('message', (message: ServerRequest) => {
    if (message.kind === 'memory')
      process.send!({ kind: 'memory', memory: memoryNow(message.collect), storeRequests: {} } satisfies ServerMessage);
    // Exiting on its own (not killed) lets node write the CPU profile LOAD_CPU_PROFILE asks for.
    if (message.kind === 'stop') process.exit(0);
  });
}

/**
 * The server's configuration; `apiProcess`: which of the production shape's API processes (the first runs the
 * scheduler, as in the image), or none for the process that seeds and mints (it serves nothing then).
 */
function serverConfig(apiProcess?: number) {
  return loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'true',
    // Every simulated user makes far more than a person would: the limiter must not shape the measurement.
    RATE_LIMIT_PER_MINUTE: '100000',
    PORT: '0',
    ...(apiProcess === undefined ? { REMINDER_SCHEDULER: 'false' } : { SERVER_PROCESS_INDEX: String(apiProcess) }),
  });
}

/** The API processes' memory and CPU time, added up. */
async function apiProcessesMemory(request: ServerRequest): Promise<Memory> {
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const each = await Promise.all(
    workers.map(
      (w) =>
        new Promise<Memory>((resolve) => {
          w.once('message', (m: { memory: Memory }) => resolve(m.memory));
          w.send(request);
        }),
    ),
  );
  return each.reduce((sum, m) => ({
    rssMb: sum.rssMb + m.rssMb,
    heapUsedMb: sum.heapUsedMb + m.heapUsedMb,
    cpuMs: sum.cpuMs + m.cpuMs,
  }));
}

// ---------------------------------------------------------------------------------------------
// The server side (child process)

async function serve(users: number, shape: Shape): Promise<void> {
  const config = serverConfig(shape === 'separate' ? undefined : 0);
  const storeProcess =
    shape === 'separate' ? fork(__filename, ['--store'], { execArgv: execArgv(), stdio: 'inherit' }) : undefined;
  const inProcess = storeProcess ? undefined : await startEmbeddedCosmos();
  const storeRequests = inProcess ? countStoreRequests(inProcess.server) : {};
  const embedded = inProcess ?? { endpoint: (await ask(storeProcess!, 'store')).endpoint };
  const { app, services } = await createApp(config, { embedded, logger: pino({ level: 'silent' }) });
  const { store, devSignIn } = services;
  const { programId } = await seedDemoData(store);
  const program = (await store.programs.find(DEV_TENANT_ID, programId, programId)) as Parameters<typeof pairCreator>[2];
  const admin = { tenantId: DEV_TENANT_ID, userId: 'avery', name: 'Avery', roles: [PROGRAM_ADMIN_ROLE] };
  const loadUsers: LoadUser[] = [];
  for (let i = 0; i < Math.ceil(users / 2); i++) {
    const mentorId = `load-mentor-${i}`;
    const menteeId = `load-exec-${i}`;
    await participantAdder(store, program, {
      id: mentorId,
      name: `Load Mentor ${i}`,
      role: 'mentor',
      skills: [],
      interests: [],
    });
    await participantAdder(store, program, {
      id: menteeId,
      name: `Load Executive ${i}`,
      role: 'mentee',
      skills: [],
      interests: [],
    });
    const pair = await pairCreator(store, admin, program, { mentorId, menteeId });
    const mentor = { tenantId: DEV_TENANT_ID, userId: mentorId, name: `Load Mentor ${i}`, roles: [] };
    const session = await sessionScheduler(store, mentor, pair, {
      scheduledAt: new Date(Date.now() + 86400_000).toISOString(),
      durationMinutes: 45,
    });
    for (const [userId, name] of [
      [mentorId, `Load Mentor ${i}`],
      [menteeId, `Load Executive ${i}`],
    ]) {
      loadUsers.push({
        userId: userId!,
        pairId: pair.id,
        sessionId: session.id,
        token: await devSignIn!.mint({ userId: userId!, name: name! }),
      });
    }
  }
  const ready = (port: number) =>
    process.send!({ kind: 'ready', port, users: loadUsers.slice(0, users) } satisfies ServerMessage);
  if (storeProcess) {
    // As the image: this process holds the port and hands connections to the API processes in turn
    // (serverProcesses.ts, as bot/src/index.ts does); it also seeded and minted.
    const dispatcher = await dispatchConnections(0, '127.0.0.1');
    cluster.setupPrimary({ exec: __filename, args: ['--api'], execArgv: execArgv() });
    const setup = { endpoint: embedded.endpoint, signingKey: devSignIn!.signingKey };
    await Promise.all(
      Array.from({ length: imageProcessCount() }, (_, index) =>
        dispatcher.add(cluster.fork({ LOAD_API_SETUP: JSON.stringify({ ...setup, index } satisfies ApiProcessSetup) })),
      ),
    );
    ready(dispatcher.port);
  } else {
    const server = app.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
  }
  process.on('message', (message: ServerRequest) => {
    if (message.kind === 'memory') {
      // The production shape's API processes answer for themselves; this one only seeded and minted there.
      if (!storeProcess)
        process.send!({
          kind: 'memory',
          memory: memoryNow(message.collect),
          storeRequests: { ...storeRequests },
        } satisfies ServerMessage);
      else
        void Promise.all([apiProcessesMemory(message), ask(storeProcess, 'memory', message)]).then(([api, store]) =>
          process.send!({
            kind: 'memory',
            memory: api,
            store: store.memory,
            storeRequests: store.storeRequests,
          } satisfies ServerMessage),
        );
    }
    if (message.kind === 'stop') {
      if (!storeProcess) process.exit(0);
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      const exited = (child: { once(event: 'exit', listener: () => void): unknown }) =>
        new Promise<void>((resolve) => child.once('exit', () => resolve()));
      void Promise.all([...workers.map(exited), exited(storeProcess)]).then(() => process.exit(0));
      for (const worker of workers) worker.send({ kind: 'stop' });
      storeProcess.send({ kind: 'stop' });
    }
  });
}

/** Requests the embedded store receives, by kind (the SDK's query-plan requests apart from the queries). */
function countStoreRequests(server: EventEmitter): Record<string, number> {
  const counts: Record<string, number> = {};
  server.prependListener('request', (req: { method?: string; url?: string; headers: Record<string, unknown> }) => {
    const kind = req.headers['x-ms-cosmos-is-query-plan-request']
      ? 'query plan'
      : req.headers['x-ms-documentdb-isquery'] || req.headers['content-type'] === 'application/query+json'
        ? 'query'
        : `${req.method} ${/\/docs\/[^/]+$/.test(req.url ?? '') ? 'item' : /\/docs$/.test(req.url ?? '') ? 'docs' : ((req.url ?? '').split('/').filter(Boolean).slice(-2, -1)[0] ?? 'other')}`;
    counts[kind] = (counts[kind] ?? 0) + 1;
  });
  return counts;
}

/** `collect`: after a full garbage collection (for memory figures), else as it is (CPU time only, under load). */
function memoryNow(collect: boolean): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run load does)');
  // CPU time before collecting: the collections this asks for are not the run's work.
  const cpu = process.cpuUsage();
  if (collect) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The load side (this process)

function ask<T extends ServerMessage['kind']>(
  child: ChildProcess,
  kind: T,
  send?: object,
): Promise<Extract<ServerMessage, { kind: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as Extract<ServerMessage, { kind: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    if (send) child.send(send);
  });
}

const SHAPES: Record<Shape, string> = {
  separate: `store in its own process, keep-alive, ${imageProcessCount()} API processes`,
  inprocess: 'baseline: store in the API process, Connection: close',
};

async function drive(): Promise<void> {
  const loadAtStart = os.loadavg()[0]!;
  const current = await measure('separate');
  const baseline = await measure('inprocess');
  const width = Math.max(...current.map(([k]) => k.length));
  const col = Math.max(...current.map(([, v]) => v.length), SHAPES.separate.length);
  console.log(
    `\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log(`${''.padEnd(width)}  ${SHAPES.separate.padEnd(col)}  ${SHAPES.inprocess}`);
  console.log(current.map(([k, v], i) => `${k.padEnd(width)}  ${v.padEnd(col)}  ${baseline[i]![1]}`).join('\n'));
  console.log('(heap after includes the notes written during the run, kept by the in-memory store)');
  writeLoadSection([
    LOAD_SECTION,
    '',
    `Written by \`npm run load\` (scripts/load.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${USERS} connections, ${DURATION_S} s per run after ${WARM_UP_S} s of warm-up, the two runs one`,
    `after the other; ${os.cpus().length} cores shared with other jobs, load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end. The heap after`,
    'includes the notes written during the run, kept by the in-memory store.',
    '',
    `| ${USERS} connections | ${SHAPES.separate} (as production) | ${SHAPES.inprocess} (as \`npm start\`) |`,
    '| --- | --- | --- |',
    ...current.map(([k, v], i) => `| ${k} | ${v.replace(/\|/g, '\\|')} | ${baseline[i]![1].replace(/\|/g, '\\|')} |`),
    '',
  ]);
}

/** The heading of BENCHMARKS.md's last section, which this script writes (npm run bench keeps it). */
const LOAD_SECTION = '## `npm run load`';

function writeLoadSection(lines: string[]): void {
  const file = path.resolve(__dirname, '../BENCHMARKS.md');
  const current = readFileSync(file, 'utf8');
  const at = current.indexOf(`\n${LOAD_SECTION}\n`);
  writeFileSync(file, `${(at < 0 ? current : current.slice(0, at)).trimEnd()}\n\n${lines.join('\n')}`);
}

async function measure(shape: Shape): Promise<Array<[string, string]>> {
  const child = fork(__filename, ['--serve', String(USERS), shape], { execArgv: execArgv(), stdio: 'inherit' });
  try {
    const started = Date.now();
    const { port, users } = await ask(child, 'ready');
    console.log(
      `server (${SHAPES[shape]}) ready with ${users.length} users in ${((Date.now() - started) / 1000).toFixed(1)} s; ${users.length} connections for ${WARM_UP_S} s of warm-up, then ${DURATION_S} s`,
    );
    const base = `http://127.0.0.1:${port}`;
    const atStart = await ask(child, 'memory', { kind: 'memory', collect: true });
    let next = 0;
    const userOf = (context: Record<string, unknown>): LoadUser => {
      if (context.user === undefined) context.user = users[next++ % users.length];
      return context.user as LoadUser;
    };
    const read = {
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        const user = userOf(context);
        return {
          ...req,
          method: 'GET',
          path: `/api/pairs/${user.pairId}`,
          headers: { authorization: `Bearer ${user.token}` },
        };
      },
    };
    const write = {
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        const user = userOf(context);
        return {
          ...req,
          method: 'POST',
          path: `/api/pairs/${user.pairId}/sessions/${user.sessionId}/notes`,
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body: `Load note at ${Date.now()}`, visibility: 'private' }),
        };
      },
    };
    // One run of WARM_UP_S + DURATION_S, as users stay connected; the responses of its first WARM_UP_S are reported
    // apart: a process just started runs its code unoptimised (V8 compiles the hot paths as they get hot) and the
    // embedded store compiles each query text on first use. Every response's time and status is kept, to report
    // exact percentiles (autocannon's own table has no p95).
    const warmUp = new Phase();
    const measured = new Phase();
    let phase = warmUp;
    const atBoundary = new Promise<Extract<ServerMessage, { kind: 'memory' }>>((resolve) =>
      setTimeout(() => {
        phase = measured;
        measured.startedAt = Date.now();
        resolve(ask(child, 'memory', { kind: 'memory', collect: false }));
      }, WARM_UP_S * 1000),
    );
    await new Promise<void>((resolve, reject) => {
      const run = autocannon(
        {
          url: base,
          connections: users.length,
          duration: WARM_UP_S + DURATION_S,
          requests: [...Array.from({ length: READS_PER_WRITE }, () => read), write],
        },
        (error) => {
          measured.endedAt = Date.now();
          if (error) reject(error);
          else resolve();
        },
      );
      run.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) =>
        phase.record(statusCode, responseTime),
      );
      run.on('reqError', (error: Error) => phase.recordError(error));
    });
    const before = await atBoundary;
    const after = await ask(child, 'memory', { kind: 'memory', collect: true });
    const { times, byStatus } = measured;
    const total = times.length;
    const cpuPerRequest = (from: Memory, to: Memory) => ((to.cpuMs - from.cpuMs) / total).toFixed(2);
    const storeMemory = (m: typeof after) =>
      m.store ? `${m.store.rssMb.toFixed(1)} MB / ${m.store.heapUsedMb.toFixed(1)} MB` : 'in the API process';

    const rows: Array<[string, string]> = [
      ['users (connections)', String(users.length)],
      ['duration', `${measured.seconds().toFixed(1)} s`],
      ['mix', `${READS_PER_WRITE} dashboard reads : 1 note write per user`],
      [
        `warm-up: the first ${WARM_UP_S} s after start, not counted below`,
        `${(warmUp.times.length / WARM_UP_S).toFixed(0)} req/s, p50 / p95 ${[50, 95].map((p) => percentile(warmUp.times, p).toFixed(1)).join(' / ')} ms, max ${Math.max(...warmUp.times).toFixed(0)} ms, ${warmUp.non2xx()} non-2xx`,
      ],
      ['requests', `${total} (${(total / measured.seconds()).toFixed(0)} req/s average)`],
      ['latency p50 / p95 / p99 (ms)', [50, 95, 99].map((p) => percentile(times, p).toFixed(1)).join(' / ')],
      [
        'reads (200) p50 / p95 (ms)',
        [50, 95].map((p) => percentile(byStatus.get(200) ?? [], p).toFixed(1)).join(' / '),
      ],
      [
        'writes (201) p50 / p95 (ms)',
        [50, 95].map((p) => percentile(byStatus.get(201) ?? [], p).toFixed(1)).join(' / '),
      ],
      ['latency max (ms)', Math.max(...times).toFixed(0)],
      ['errors (connection) / timeouts', `${measured.errors} / ${measured.timeouts}`],
      [
        'status codes',
        JSON.stringify(
          Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([code, t]) => [code, t.length])),
        ),
      ],
      ['non-2xx', String(measured.non2xx())],
      [
        'API processes RSS at start → after (MB, after GC, added up)',
        `${atStart.memory.rssMb.toFixed(1)} → ${after.memory.rssMb.toFixed(1)}`,
      ],
      [
        'API processes heap at start → after (MB, after GC, added up)',
        `${atStart.memory.heapUsedMb.toFixed(1)} → ${after.memory.heapUsedMb.toFixed(1)}`,
      ],
      [
        'CPU per request (ms): API processes / store process',
        `${cpuPerRequest(before.memory, after.memory)} / ${before.store && after.store ? cpuPerRequest(before.store, after.store) : 'in the API process'}`,
      ],
      [
        'store requests per API request (on the wire)',
        storeRequestsPer(before.storeRequests, after.storeRequests, total),
      ],
      ['store process RSS / heap at start → after', `${storeMemory(atStart)} → ${storeMemory(after)}`],
    ];
    return rows;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ kind: 'stop' });
    await exited;
  }
}

function storeRequestsPer(before: Record<string, number>, after: Record<string, number>, requests: number): string {
  const kinds = Object.keys(after)
    .map((k) => [k, ((after[k] ?? 0) - (before[k] ?? 0)) / requests] as const)
    .filter(([, n]) => n > 0.005);
  const total = kinds.reduce((sum, [, n]) => sum + n, 0);
  return `${total.toFixed(2)} (${kinds
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n.toFixed(2)}`)
    .join(', ')})`;
}

/** The responses of one part of a run: each one's time (ms), all of them and by status code; failed requests. */
class Phase {
  readonly times: number[] = [];
  readonly byStatus = new Map<number, number[]>();
  errors = 0;
  timeouts = 0;
  startedAt = Date.now();
  endedAt = 0;

  record(statusCode: number, responseTime: number): void {
    this.times.push(responseTime);
    const list = this.byStatus.get(statusCode);
    if (list) list.push(responseTime);
    else this.byStatus.set(statusCode, [responseTime]);
  }

  /** autocannon reports a timed-out request as an error with this message. */
  recordError(error: Error): void {
    if (error.message === 'request timed out') this.timeouts += 1;
    else this.errors += 1;
  }

  non2xx(): number {
    return [...this.byStatus].filter(([code]) => code < 200 || code > 299).reduce((n, [, t]) => n + t.length, 0);
  }

  seconds(): number {
    return (this.endedAt - this.startedAt) / 1000;
  }
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

if (process.argv[2] === '--api') {
  serveApi(JSON.parse(process.env.LOAD_API_SETUP!) as ApiProcessSetup).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[2] === '--store') {
  serveStore().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[2] === '--serve') {
  serve(Number(process.argv[3]), process.argv[4] === 'separate' ? 'separate' : 'inprocess').catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  drive().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
