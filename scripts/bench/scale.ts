// An organisation-scale programme written straight into the store (documents as the commands write them):
// 10,000 participants, 1,000 pairs with a realistic amount of content each (goals, sessions with notes,
// takeaways, commitments), both members' memberships, and an audit trail. Used by the benchmarks that
// compare a figure at this scale with the demo data, and the scale run itself (benchScale).
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { createApp } from '../../bot/src/app';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
import type {
  AuditEntryDoc,
  CommitmentDoc,
  GoalDoc,
  MembershipDoc,
  NoteDoc,
  PairDoc,
  ParticipantDoc,
  SessionDoc,
  TakeawayDoc,
} from '../../bot/src/domain/model';
import type { Store } from '../../bot/src/store/database';
import type { BenchRow } from './row';

export interface ScaleProgram {
  pairIds: string[];
  /** Members of the pairs, mentor first. */
  members: { mentorId: string; menteeId: string }[];
}

const SKILLS = [
  'Generative AI',
  'Social media',
  'Cybersecurity',
  'Data literacy',
  'Design',
  'Video',
  'Gaming',
  'Accessibility',
];
const DEPARTMENTS = ['Finance', 'Sales', 'Engineering', 'Legal', 'Marketing', 'Operations', 'HR'];

async function inBatches<T>(items: T[], write: (item: T) => Promise<unknown>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(write));
}

/** Writes the programme's scale data; the programme document itself must exist (programCreator). */
export async function seedScale(
  store: Store,
  programId: string,
  participants = 10_000,
  pairs = 1_000,
  prefix = 'scale',
): Promise<ScaleProgram> {
  const tenantId = DEV_TENANT_ID;
  const stamp = new Date().toISOString();
  const base = { tenantId, createdAt: stamp, updatedAt: stamp };
  const people: ParticipantDoc[] = Array.from({ length: participants }, (_, i) => ({
    ...base,
    id: `${prefix}-p${i}`,
    type: 'participant',
    programId,
    userId: `${prefix}-p${i}`,
    name: `${i % 2 === 0 ? 'Mentor' : 'Executive'} ${String(i).padStart(5, '0')}`,
    email: `${prefix}-p${i}@example.com`,
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    skills: [SKILLS[i % SKILLS.length]!, SKILLS[(i * 7) % SKILLS.length]!],
    interests: [SKILLS[(i * 3 + 1) % SKILLS.length]!],
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
  }));
  await inBatches(people, (p) => store.programs.create(p));

  const members = Array.from({ length: pairs }, (_, i) => ({
    mentorId: `${prefix}-p${2 * i}`,
    menteeId: `${prefix}-p${2 * i + 1}`,
  }));
  const pairIds = members.map((_, i) => `${prefix}-pair-${i}`);
  const docs: (PairDoc | GoalDoc | SessionDoc | NoteDoc | TakeawayDoc | CommitmentDoc)[] = [];
  const memberships: MembershipDoc[] = [];
  members.forEach(({ mentorId, menteeId }, i) => {
    const pairId = pairIds[i]!;
    const inPair = { ...base, pairId, programId };
    const mentor = { id: mentorId, name: `Mentor ${2 * i}` };
    const mentee = { id: menteeId, name: `Executive ${2 * i + 1}` };
    docs.push({ ...inPair, id: pairId, type: 'pair', mentor, mentee, status: 'active', createdBy: 'avery' });
    for (let g = 0; g < 3; g++)
      docs.push({
        ...inPair,
        id: `${pairId}-goal-${g}`,
        type: 'goal',
        title: `Goal ${g}`,
        successMeasure: 'Measured by use',
        owner: 'mentee',
        progress: 20 * g,
        status: 'onTrack',
        createdBy: mentorId,
      });
    for (let s = 0; s < 4; s++) {
      const sessionId = `${pairId}-session-${s}`;
      const scheduledAt = new Date(Date.now() + (s - 2) * 14 * 86400_000).toISOString();
      docs.push({
        ...inPair,
        id: sessionId,
        type: 'session',
        scheduledAt,
        durationMinutes: 45,
        status: s < 2 ? 'held' : 'scheduled',
        agenda: [],
        createdBy: mentorId,
      });
      docs.push({
        ...inPair,
        id: `${sessionId}-note`,
        type: 'note',
        sessionId,
        authorId: s % 2 ? mentorId : menteeId,
        body: 'Talked about the week.',
        visibility: 'pair',
      });
    }
    docs.push({
      ...inPair,
      id: `${pairId}-takeaway`,
      type: 'takeaway',
      sessionId: `${pairId}-session-0`,
      authorId: menteeId,
      text: 'Short videos work.',
      requestedVisibility: 'pair',
      status: 'shared',
      findings: [],
    });
    docs.push({
      ...inPair,
      id: `${pairId}-commitment`,
      type: 'commitment',
      ownerId: menteeId,
      text: 'Post once a week',
      status: 'open',
      createdBy: menteeId,
    });
    const membership = (
      userId: string,
      role: 'mentor' | 'mentee',
      partner: { id: string; name: string },
    ): MembershipDoc => ({
      ...base,
      id: pairId,
      type: 'membership',
      userId,
      pairId,
      programId,
      role,
      partner,
      status: 'active',
    });
    memberships.push(membership(mentorId, 'mentor', mentee), membership(menteeId, 'mentee', mentor));
  });
  await inBatches(docs, (d) => store.pairs.create(d));
  await inBatches(memberships, (m) => store.people.create(m));
  const audit: AuditEntryDoc[] = pairIds.map((pairId, i) => ({
    ...base,
    id: `${prefix}-audit-${i}`,
    type: 'audit',
    programId,
    at: new Date(Date.parse(stamp) - i * 1000).toISOString(),
    actor: { id: 'avery', name: 'Avery' },
    action: 'pair.create',
    target: { pairId, name: `Mentor ${2 * i} → Executive ${2 * i + 1}` },
  }));
  await inBatches(audit, (a) => store.programs.create(a));
  return { pairIds, members };
}

// ---------------------------------------------------------------------------------------------
// The scale run: one server with the demo data, measured, then with this programme added, measured again.

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Heap and RSS after a full collection (gc exposed at run time, as `node --expose-gc` would). */
function memoryAfterGc(): { rss: number; heap: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

export async function benchScale(rounds = 100): Promise<BenchRow[]> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: `bench-scale-${Date.now()}`,
    RATE_LIMIT_PER_MINUTE: '100000',
    REMINDER_SCHEDULER: 'false',
  });
  const built = await createApp(config, { logger: pino({ level: 'silent' }) });
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const { store } = built.services;
    const { programId, pairIds } = await seedDemoData(store);
    const token = async (user: object) => {
      const res = await fetch(`${base}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(user),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const [dana, avery] = [
      await token({ userId: 'dana', name: 'Dana Whitfield' }),
      await token({ userId: 'avery', name: 'Avery', roles: [PROGRAM_ADMIN_ROLE] }),
    ];
    const get = async (path: string, bearer: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return body.byteLength;
    };
    const measureAll = async () => ({
      dashboard: await timed(rounds, () => get(`/api/pairs/${pairIds[0]}`, dana)),
      me: await timed(rounds, () => get('/api/me', dana)),
      participants: await timed(rounds, () => get(`/api/programs/${programId}/participants`, avery)),
    });
    const demo = await measureAll();
    const demoMemory = memoryAfterGc();
    const seedStart = performance.now();
    await seedScale(store, programId);
    const seedMs = performance.now() - seedStart;
    const scaleMemory = memoryAfterGc();
    const scale = await measureAll();

    // The whole participant list, page after page (200 a page), next to the first page the admin view loads.
    const firstPageBytes = await get(`/api/programs/${programId}/participants`, avery);
    let cursor: string | undefined;
    let allBytes = 0;
    let pages = 0;
    let people = 0;
    const allStart = performance.now();
    do {
      const res = await fetch(
        `${base}/api/programs/${programId}/participants?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { authorization: `Bearer ${avery}` } },
      );
      const text = await res.text();
      allBytes += Buffer.byteLength(text);
      const body = JSON.parse(text) as { participants: unknown[]; nextCursor?: string };
      people += body.participants.length;
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    const allMs = performance.now() - allStart;

    const row = (figure: string, at: number[], was: number[], p: number): BenchRow => ({
      figure: `${figure} p${p} at 1,000 pairs / 10,000 participants (${rounds} requests over HTTP)`,
      value: ms(percentile(at, p)),
      baseline: `demo data ${ms(percentile(was, p))}`,
      ratio: `${(percentile(at, p) / percentile(was, p)).toFixed(2)}×`,
    });
    return [
      row('Dashboard GET /api/pairs/:pairId', scale.dashboard, demo.dashboard, 50),
      row('Dashboard GET /api/pairs/:pairId', scale.dashboard, demo.dashboard, 95),
      row('GET /api/me', scale.me, demo.me, 95),
      row('Participant list, first page (50, as the admin view loads it)', scale.participants, demo.participants, 95),
      {
        figure: 'Participant list at 10,000: the first page on the wire (JSON, uncompressed)',
        value: `${(firstPageBytes / 1024).toFixed(1)} KB`,
        baseline: `all ${people.toLocaleString('en')} in ${pages} pages of 200: ${mb(allBytes)} in ${ms(allMs)}`,
      },
      {
        figure: `Server memory after GC with the scale programme (seeded in ${(seedMs / 1000).toFixed(0)} s: 10,000 participants, 1,000 pairs with 16 documents each, 2,000 memberships, 1,000 audit entries)`,
        value: `RSS ${mb(scaleMemory.rss)}, heap ${mb(scaleMemory.heap)}`,
        baseline: `demo data: RSS ${mb(demoMemory.rss)}, heap ${mb(demoMemory.heap)}`,
      },
    ];
  } finally {
    server.close();
    await built.close();
  }
}

if (require.main === module) {
  void benchScale(Number(process.argv[2] ?? 100)).then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
