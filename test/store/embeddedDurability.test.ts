// With EMBEDDED_DATA_DIR, a write the API acknowledged survives kill -9: the real server (bot/src/index.ts)
// in a child process takes concurrent note writes over HTTP, is killed with SIGKILL at a random moment, and
// restarted on the same folder; every note that got its 201 is there. The folder and its files are private.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../support/seededRandom';

const root = path.resolve(__dirname, '../..');
const SEED = Number(process.env.KILL_SEED ?? Date.now() % 100_000);

interface Server {
  child: ChildProcessWithoutNullStreams;
  base: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

async function startServer(dataDir: string, seed: boolean): Promise<Server> {
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    cwd: root,
    env: {
      PATH: PATH ?? '',
      HOME: HOME ?? '',
      PORT: '0',
      EMBEDDED_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      REMINDER_SCHEDULER: 'false',
      SEED_DEMO_DATA: String(seed),
    },
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API:\s+(http:\/\/\S+)\/api\/openapi\.json/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, base, exited };
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

let dataDir: string;
let server: Server | undefined;
beforeAll(async () => {
  dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rm-durable-')), 'data');
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

test(`every acknowledged note survives kill -9 mid-write (seed ${SEED}; KILL_SEED picks the moment again)`, async () => {
  server = await startServer(dataDir, true);
  const { base } = server;
  const { token } = await json<{ token: string }>(
    await fetch(`${base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'priya', name: 'Priya Raman' }),
    }),
  );
  const auth = { authorization: `Bearer ${token}` };
  const me = await json<{ pairs: Array<{ pairId: string; nextSession?: { id: string } }> }>(
    await fetch(`${base}/api/me`, { headers: auth }),
  );
  const pair = me.pairs.find((p) => p.nextSession)!;
  const notes = `${base}/api/pairs/${pair.pairId}/sessions/${pair.nextSession!.id}/notes`;

  // Eight writers, each posting notes one after another; the server is killed while they are at it.
  const acknowledged = new Map<string, string>();
  let writing = true;
  const writer = async (w: number) => {
    for (let i = 0; writing; i++) {
      const body = `durable ${w}-${i}`;
      try {
        const res = await fetch(notes, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ body, visibility: 'private' }),
        });
        if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, body);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
    }
  };
  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  // The moment: once a random number of notes (20–80) has been acknowledged, with eight writes in flight.
  const killAfter = 20 + Math.floor(seededRandom(SEED)() * 60);
  while (acknowledged.size < killAfter) await new Promise((r) => setTimeout(r, 2));
  server.child.kill('SIGKILL');
  expect(await server.exited).toBe('SIGKILL');
  writing = false;
  await Promise.all(writers);
  expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);

  server = await startServer(dataDir, false);
  const again = await json<{ token: string }>(
    await fetch(`${server.base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'priya', name: 'Priya Raman' }),
    }),
  );
  const stored = await json<{ notes: Array<{ id: string; body: string }> }>(
    await fetch(notes.replace(base, server.base), { headers: { authorization: `Bearer ${again.token}` } }),
  );
  const found = new Map(stored.notes.map((n) => [n.id, n.body]));
  const lost = [...acknowledged].filter(([id, body]) => found.get(id) !== body);
  expect({ acknowledged: acknowledged.size, lost: lost.length }).toEqual({ acknowledged: acknowledged.size, lost: 0 });

  // Only the owner can read the folder and its files (private notes are in them in clear text).
  expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  const files = await readdir(dataDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files)
    expect({ file, mode: ((await stat(path.join(dataDir, file))).mode & 0o777).toString(8) }).toEqual({
      file,
      mode: '600',
    });

  server.child.kill('SIGTERM');
  await server.exited;
  server = undefined;
}, 120_000);
