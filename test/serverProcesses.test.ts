// WEB_CONCURRENCY: the server started as the image starts it runs that many processes sharing one port over one
// store. The first process holds the port and hands connections to the others in turn: one banner, connections
// opened together split evenly, a process that dies is replaced, SIGTERM stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { selfSignedCertificate } from './support/selfSignedCertificate';

const root = path.resolve(__dirname, '..');
// Azure Cosmos DB's stand-in over HTTPS, as in the image test (the SDK follows the account's https locations).
let cosmos: ReturnType<typeof createHttpsServer>;
let work: string;
let server: ChildProcess;
let output = '';
let base: string;

/** The server processes alive, as the supervisor logged them when they started listening. */
function serverProcesses(): number[] {
  const pids = [...output.matchAll(/"processId":(\d+),"msg":"server process taking connections"/g)].map((m) =>
    Number(m[1]),
  );
  return pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false; // gone
    }
  });
}

/** GET /api/health on a connection of its own (the port's processes take new connections in turn). */
function health(): Promise<number> {
  return new Promise((resolve, reject) =>
    get(`${base}/api/health`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject),
  );
}

async function until<T>(what: string, check: () => T | undefined | false, seconds = 30): Promise<T> {
  for (let i = 0; i < seconds * 10; i++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${seconds} s:\n${output}`);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'rm-processes-'));
  const certificate = selfSignedCertificate();
  writeFileSync(path.join(work, 'ca.pem'), certificate.certPem);
  cosmos = createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem });
  await new Promise<void>((resolve) => cosmos.listen(0, '127.0.0.1', resolve));
  const { PATH, HOME } = process.env;
  server = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    cwd: root,
    env: {
      PATH: PATH ?? '',
      HOME: HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: '2',
      SEED_DEMO_DATA: 'false',
      NODE_EXTRA_CA_CERTS: path.join(work, 'ca.pem'),
      COSMOS_ENDPOINT: `https://127.0.0.1:${(cosmos.address() as AddressInfo).port}`,
      COSMOS_KEY: Buffer.from('embedded-cosmos-key').toString('base64'),
      COSMOS_DATABASE: 'server-processes',
      ENTRA_CLIENT_ID: '0a1b2c3d-1111-4222-8333-444455556666',
    },
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  base = await until('the banner', () => /API: +(http:\/\/\S+)\/api\/openapi\.json/.exec(output)?.[1]);
  base = base.replace('localhost', '127.0.0.1');
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    for (const pid of serverProcesses()) process.kill(pid, 'SIGKILL');
  }
  cosmos.closeAllConnections();
  await new Promise((resolve) => cosmos.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** How many times a server process has started listening. */
const listening = () => output.match(/"msg":"server process taking connections"/g)?.length ?? 0;

test('two processes share the port, the server says so once, and neither logs an error', async () => {
  await until('two processes listening', () => listening() === 2);
  expect(serverProcesses()).toHaveLength(2);
  expect(output.match(/Processes: +2 sharing the port/g)).toHaveLength(1);
  const before = output.length;
  for (let i = 0; i < 6; i++) expect(await health()).toBe(200);
  // Each request's log line carries the pid of the process that answered it: both did.
  const answeredBy = await until('six request logs', () => {
    const pids = [...output.slice(before).matchAll(/"pid":(\d+),[^\n]*"path":"\/api\/health"/g)].map((m) =>
      Number(m[1]),
    );
    return pids.length === 6 && new Set(pids);
  });
  expect([...answeredBy].sort()).toEqual(serverProcesses().sort());
  expect(output.match(/Reverse Mentoring is running/g)).toHaveLength(1);
  expect(output).not.toMatch(/"level":(50|60)/);
}, 60_000);

test('connections opened together are split evenly between the processes', async () => {
  await until('two processes taking connections', () => listening() >= 2);
  const before = output.length;
  // 40 connections at once, one request each; each request's log line carries the pid of the process that answered.
  await Promise.all(Array.from({ length: 40 }, () => health()));
  const pids = await until('40 request logs', () => {
    const logged = [...output.slice(before).matchAll(/"pid":(\d+),[^\n]*"path":"\/api\/health"/g)].map((m) =>
      Number(m[1]),
    );
    return logged.length === 40 && logged;
  });
  expect([...new Set(pids)].map((pid) => pids.filter((p) => p === pid).length)).toEqual([20, 20]);
}, 60_000);

test('a process that dies is replaced, and the server keeps answering', async () => {
  const [victim] = serverProcesses();
  process.kill(victim!, 'SIGKILL');
  await until('an error naming the dead process', () => /a server process exited; starting another/.test(output));
  const replaced = await until('a new process in its place', () => {
    const now = serverProcesses();
    return now.length === 2 && !now.includes(victim!) && now;
  });
  expect(replaced).toHaveLength(2);
  await until('the new process listening', () => listening() === 3);
  for (let i = 0; i < 6; i++) expect(await health()).toBe(200);
}, 60_000);

test('SIGTERM stops every process and the server exits 0', async () => {
  const processes = serverProcesses();
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  server.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const pid of processes) expect(() => process.kill(pid, 0)).toThrow();
}, 30_000);
