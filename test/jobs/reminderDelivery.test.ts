// Reminders end to end on the real app: planned when a session is created, claimed and sent through
// botbuilder to a fake Bot Connector that throttles and fails like Teams, recorded per reminder.
import request from 'supertest';
import { pairStatusChanger } from '../../bot/src/commands/pairStatusChanger';
import { reminderPlanner } from '../../bot/src/commands/reminderPlanner';
import { reminderSettingsWriter } from '../../bot/src/commands/reminderSettingsWriter';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import type { PairDoc } from '../../bot/src/domain/model';
import type { ReminderDoc } from '../../bot/src/domain/reminders';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import { createReminderSettings, reminderSettingsId, remindersOfPair } from '../../bot/src/store/reminders';
import { adminOf, buildPair, buildProgram, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector, type Injection } from '../support/fakeBotConnector';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { buildTestApp, type TestApp } from '../support/testApp';
import { installFrom, post, type TeamsUser } from '../teams/teamsClient';

const JOBS_SECRET = 'a-jobs-secret-that-is-long-enough-123456';
const LEASE_MS = 60_000;

let connector: FakeBotConnector;
let embedded: EmbeddedCosmos;
let t: TestApp;
let inject: ((r: { conversationId: string; attempt: number }) => Injection | undefined) | undefined;
let drop: ((r: { conversationId: string; attempt: number }) => boolean) | undefined;

beforeAll(async () => {
  connector = await startFakeBotConnector({
    enforceConversationLimits: true,
    inject: (r) => inject?.(r),
    dropConnection: (r) => drop?.(r) ?? false,
  });
  embedded = await startEmbeddedCosmos();
});
afterAll(async () => {
  await embedded.stop();
  await connector.stop();
});
// Each test has its own database: the job sends whatever is due in the whole store.
beforeEach(async () => {
  inject = undefined;
  drop = undefined;
  connector.dropped = 0;
  t = await buildTestApp({ JOBS_SECRET }, embedded);
});
afterEach(() => t.stop());

const teamsUser = (userId: string): TeamsUser => ({
  userId,
  serviceUrl: connector.url,
  localTimezone: 'Europe/Berlin',
});
const conversationOf = (userId: string) => `a:personal-${userId}-0d0d`;

/** Pairs whose members installed the bot; each pair's session tomorrow makes its `prepare` reminders due now. */
/** No quiet hours: what is due must not depend on the hour the suite runs at. */
async function withoutQuietHours(member: { tenantId: string; userId: string }): Promise<void> {
  const stamp = new Date().toISOString();
  await createReminderSettings(t.services.store, {
    id: reminderSettingsId(member.tenantId),
    type: 'reminderSettings',
    tenantId: member.tenantId,
    userId: member.userId,
    quietHours: null,
    disabledKinds: [],
    createdAt: stamp,
    updatedAt: stamp,
  });
}

async function installedPairs(count: number, program?: BuiltPair['program']): Promise<BuiltPair[]> {
  const p = program ?? (await buildProgram(t.services.store));
  const pairs: BuiltPair[] = [];
  for (let i = 0; i < count; i++) {
    const built = await buildPair(t.services.store, { program: p });
    for (const member of [built.mentor, built.mentee]) {
      // The install re-plans with these settings.
      await withoutQuietHours(member);
      await post(t.app, installFrom(teamsUser(member.userId)));
    }
    pairs.push(built);
  }
  connector.sent.length = 0;
  return pairs;
}

/** The reminder each accepted activity carries (the card's first element names it). */
const sentMarkers = () =>
  connector.sent
    .flatMap((s) =>
      ((s.activity.attachments as { content: { body: { id?: string }[] } }[] | undefined) ?? []).map(
        (a) => a.content.body[0]?.id ?? '',
      ),
    )
    .filter((id) => id.startsWith('marker-'));

async function dueReminders(pairs: BuiltPair[]): Promise<ReminderDoc[]> {
  const all = (
    await Promise.all(pairs.map((p) => remindersOfPair(t.services.store, p.pair.tenantId, p.pair.id)))
  ).flat();
  return all.filter((r) => r.state !== 'cancelled' && Date.parse(r.sendAt) <= Date.now());
}

async function statesOf(pairs: BuiltPair[]): Promise<Map<string, ReminderDoc>> {
  const all = (
    await Promise.all(pairs.map((p) => remindersOfPair(t.services.store, p.pair.tenantId, p.pair.id)))
  ).flat();
  return new Map(all.map((r) => [r.id, r]));
}

function expectEachOnce(markers: string[], due: ReminderDoc[]) {
  expect([...markers].sort()).toEqual(due.map((r) => `marker-${r.id}`).sort());
}

test('creating a session plans its reminders once, with deterministic ids: planning again writes nothing', async () => {
  const [built] = await installedPairs(1);
  // The install brought the members' time zone (Europe/Berlin); the first plan used UTC.
  await reminderPlanner(t.services.store, built!.pair.tenantId, built!.pair.id);
  const first = await remindersOfPair(t.services.store, built!.pair.tenantId, built!.pair.id);
  expect(first.map((r) => r.kind).sort()).toEqual([
    'captureTakeaways',
    'captureTakeaways',
    'prepare',
    'prepare',
    'startingSoon',
    'startingSoon',
  ]);
  expect(new Set(first.map((r) => r.timeZone))).toEqual(new Set(['Europe/Berlin']));
  const again = await reminderPlanner(t.services.store, built!.pair.tenantId, built!.pair.id);
  expect(again.written).toBe(0);
  expect(
    (await remindersOfPair(t.services.store, built!.pair.tenantId, built!.pair.id)).map((r) => r.id).sort(),
  ).toEqual(first.map((r) => r.id).sort());
});

test('every due reminder is sent exactly once through 503s, 429s with Retry-After and 502s', async () => {
  const pairs = await installedPairs(2);
  const due = await dueReminders(pairs);
  expect(due).toHaveLength(4);
  // Each conversation: first attempt 503, second 429 (Retry-After 0), third 502, then accepted.
  const failures: Injection[] = [{ status: 503 }, { status: 429, code: 'Throttled', retryAfter: 0 }, { status: 502 }];
  const attempts = new Map<string, number>();
  inject = ({ conversationId }) => {
    const attempt = (attempts.get(conversationId) ?? 0) + 1;
    attempts.set(conversationId, attempt);
    return attempt <= 3 ? failures[attempt - 1] : undefined;
  };
  const connectorsAttemptsBefore = connector.attempts;
  const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    attemptsPerRun: 5,
    maxBackoffMs: 20,
  });
  expect(totals).toEqual({ sent: 4, failed: 0, skipped: 0 });
  expectEachOnce(sentMarkers(), due);
  expect(connector.attempts - connectorsAttemptsBefore).toBe(16);
  const states = await statesOf(pairs);
  for (const r of due) expect(states.get(r.id)).toMatchObject({ state: 'sent', outcome: { at: expect.any(String) } });
});

test('connections cut before Teams answered are retried: every reminder is still sent exactly once', async () => {
  const pairs = await installedPairs(3);
  const due = await dueReminders(pairs);
  expect(due).toHaveLength(6);
  // The first two reminder sends to every conversation lose their connection (socket destroyed, no answer).
  const attempts = new Map<string, number>();
  drop = ({ conversationId }) => {
    const attempt = (attempts.get(conversationId) ?? 0) + 1;
    attempts.set(conversationId, attempt);
    return attempt <= 2;
  };
  const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    attemptsPerRun: 3,
    maxBackoffMs: 20,
  });
  expect(connector.dropped).toBe(12);
  expect(totals).toEqual({ sent: 6, failed: 0, skipped: 0 });
  expectEachOnce(sentMarkers(), due);
});

test('a retryable failure that outlasts the run is put back with a later sendAt, then sent once by a later run', async () => {
  const pairs = await installedPairs(1);
  const due = await dueReminders(pairs);
  inject = () => ({ status: 429, code: 'Throttled', retryAfter: 1 });
  const first = await runDueReminders(t.services.store, t.services.timedWork!.delivery, { attemptsPerRun: 1 });
  expect(first).toEqual({ sent: 0, failed: 0, skipped: 0 });
  const states = await statesOf(pairs);
  for (const r of due) {
    expect(states.get(r.id)).toMatchObject({ state: 'planned', attempts: 1, outcome: { reason: 'Throttled' } });
    expect(Date.parse(states.get(r.id)!.sendAt)).toBeGreaterThan(Date.parse(r.sendAt));
    expect(Date.parse(states.get(r.id)!.sendAt)).toBeGreaterThanOrEqual(
      Date.parse(states.get(r.id)!.outcome!.at) + 1000,
    );
  }
  inject = undefined;
  const later = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    now: () => Date.now() + 2000,
  });
  expect(later.sent).toBe(2);
  expectEachOnce(sentMarkers(), due);
});

test('a run killed mid-batch leaves claims that a restarted run takes over after the lease: the rest is sent, nothing twice', async () => {
  const pairs = await installedPairs(3);
  const due = await dueReminders(pairs);
  expect(due).toHaveLength(6);
  const kill = new AbortController();
  connector.onAccepted = () => {
    if (connector.sent.length >= 2) kill.abort();
  };
  const killed = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    signal: kill.signal,
    concurrency: 2,
    leaseMs: LEASE_MS,
    workerId: 'killed',
  });
  connector.onAccepted = undefined;
  expect(killed.sent).toBeLessThan(6);
  const afterKill = sentMarkers();
  // Restarted now: claims of the killed worker still hold their lease, so only unclaimed reminders go.
  await runDueReminders(t.services.store, t.services.timedWork!.delivery, { workerId: 'restarted' });
  // After the lease ran out, the killed worker's unfinished claims are taken over.
  await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    workerId: 'restarted',
    now: () => Date.now() + LEASE_MS + 1000,
  });
  expect(afterKill.length).toBeGreaterThanOrEqual(2);
  expectEachOnce(sentMarkers(), due);
  const states = await statesOf(pairs);
  for (const r of due) expect(states.get(r.id)!.state).toBe('sent');
});

test('a claim whose worker died mid-send is not sent while its lease holds, then sent once by the next worker', async () => {
  const pairs = await installedPairs(1);
  const due = await dueReminders(pairs);
  const [victim] = due;
  await t.services.store.reminders.replace(
    { ...victim!, state: 'claimed', claimedBy: 'crashed', leaseUntil: new Date(Date.now() + LEASE_MS).toISOString() },
    victim!._etag ?? '',
  );
  const now = await runDueReminders(t.services.store, t.services.timedWork!.delivery, { workerId: 'next' });
  expect(now.sent).toBe(due.length - 1);
  expect(sentMarkers()).not.toContain(`marker-${victim!.id}`);
  const later = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    workerId: 'next',
    now: () => Date.now() + LEASE_MS + 1000,
  });
  expect(later).toEqual({ sent: 1, failed: 0, skipped: 0 });
  expectEachOnce(sentMarkers(), due);
});

test('two scheduler instances running at once send every reminder exactly once', async () => {
  const pairs = await installedPairs(3);
  const due = await dueReminders(pairs);
  const [a, b] = await Promise.all([
    runDueReminders(t.services.store, t.services.timedWork!.delivery, { workerId: 'instance-a', concurrency: 3 }),
    runDueReminders(t.services.store, t.services.timedWork!.delivery, { workerId: 'instance-b', concurrency: 3 }),
  ]);
  expect(a.sent + b.sent).toBe(due.length);
  expectEachOnce(sentMarkers(), due);
});

test('403/404 codes mark the person unreachable and stop; people without the app are reported with the fix', async () => {
  const program = await buildProgram(t.services.store);
  const [blocked, removed] = await installedPairs(2, program);
  const never = await buildPair(t.services.store, { program });
  await Promise.all([never.mentor, never.mentee].map(withoutQuietHours));
  await reminderPlanner(t.services.store, never.pair.tenantId, never.pair.id);
  const dueBefore = await dueReminders([blocked!, removed!, never]);
  inject = ({ conversationId }) => {
    if (conversationId === conversationOf(blocked!.mentee.userId))
      return { status: 403, code: 'ConversationBlockedByUser' };
    if (conversationId === conversationOf(removed!.mentor.userId))
      return { status: 403, code: 'BotNotInConversationRoster' };
    return undefined;
  };
  const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {});
  expect(totals).toEqual({ sent: 2, failed: 4, skipped: 0 });
  expect(dueBefore).toHaveLength(6);

  const admin = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
  const res = await request(t.app).get(`/api/programs/${program.id}/delivery`).set('authorization', `Bearer ${admin}`);
  expect(res.status).toBe(200);
  const byId = new Map((res.body.people as { userId: string }[]).map((p) => [p.userId, p]));
  expect(byId.get(blocked!.mentee.userId)).toEqual({
    userId: blocked!.mentee.userId,
    name: blocked!.mentee.name,
    reachable: false,
    lastFailure: { at: expect.any(String), reason: 'ConversationBlockedByUser', fix: expect.stringMatching(/unblock/) },
  });
  expect(byId.get(removed!.mentor.userId)).toMatchObject({
    reachable: false,
    lastFailure: { reason: 'BotNotInConversationRoster' },
  });
  expect(byId.get(never.mentor.userId)).toMatchObject({
    reachable: false,
    lastFailure: { reason: 'NotInstalled', fix: expect.stringMatching(/Teams admin center/) },
  });
  expect(byId.get(blocked!.mentor.userId)).toEqual({
    userId: blocked!.mentor.userId,
    name: blocked!.mentor.name,
    reachable: true,
    lastDeliveredAt: expect.any(String),
  });

  // Stopped: a later reminder to the blocked person is not attempted, it fails at once with the same reason.
  inject = undefined;
  const attempts = connector.attempts;
  await sessionScheduler(t.services.store, blocked!.mentor, blocked!.pair as PairDoc, {
    scheduledAt: new Date(Date.now() + 20 * 3600_000).toISOString(),
    durationMinutes: 30,
  });
  const next = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {});
  expect(next).toEqual({ sent: 1, failed: 1, skipped: 0 });
  expect(connector.attempts - attempts).toBe(1);
});

describe('POST /api/jobs/reminders/run', () => {
  test('requires the jobs secret (or a ProgramAdmin in development sign-in) and answers { sent, failed, skipped }', async () => {
    expect((await request(t.app).post('/api/jobs/reminders/run')).status).toBe(401);
    expect(
      (await request(t.app).post('/api/jobs/reminders/run').set('authorization', 'Bearer wrong-secret')).status,
    ).toBe(401);
    const mentor = await t.tokenFor({ userId: 'someone' });
    expect((await request(t.app).post('/api/jobs/reminders/run').set('authorization', `Bearer ${mentor}`)).status).toBe(
      403,
    );

    await installedPairs(1);
    const res = await request(t.app).post('/api/jobs/reminders/run').set('authorization', `Bearer ${JOBS_SECRET}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: 2, failed: 0, skipped: 0 });
    const admin = await t.tokenFor({ userId: adminOf().userId, roles: ['ProgramAdmin'] });
    const again = await request(t.app).post('/api/jobs/reminders/run').set('authorization', `Bearer ${admin}`);
    expect(again.body).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  test('the delivery report is for programme admins only', async () => {
    const program = await buildProgram(t.services.store);
    const member = await t.tokenFor({ userId: 'not-an-admin' });
    expect((await request(t.app).get(`/api/programs/${program.id}/delivery`)).status).toBe(401);
    expect(
      (await request(t.app).get(`/api/programs/${program.id}/delivery`).set('authorization', `Bearer ${member}`))
        .status,
    ).toBe(404);
  });
});

test('an ended pair’s members get the retention notices 14 and 2 days before, with the link to export, even with reminders paused', async () => {
  const [built] = await installedPairs(1);
  // Paused reminders and every kind turned off: the notice still goes (it is their chance to export).
  await reminderSettingsWriter(t.services.store, built!.mentee, {
    pauseHours: 168,
    disabledKinds: ['prepare', 'startingSoon', 'captureTakeaways', 'stalled', 'commitmentCheckIn'],
  });
  await pairStatusChanger(t.services.store, adminOf(), built!.pair, 'ended', built!.pair._etag!);
  const notices = (await remindersOfPair(t.services.store, built!.pair.tenantId, built!.pair.id)).filter(
    (r) => r.kind === 'retentionNotice' && r.state === 'planned',
  );
  expect(notices).toHaveLength(4);
  const first = Math.min(...notices.map((r) => Date.parse(r.sendAt)));
  connector.sent.length = 0;
  const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, { now: () => first + 60_000 });
  expect(totals).toEqual({ sent: 2, failed: 0, skipped: 0 });
  const cards = connector.sent.map((s) => JSON.stringify(s.activity.attachments));
  expect(cards).toHaveLength(2);
  for (const card of cards) {
    expect(card).toContain('will be deleted');
    expect(card).toMatch(
      /"type":"Action.OpenUrl","title":"Export my data","url":"http:\/\/[^"]+\/tab\/personal\?view=my-data"/,
    );
  }
});
