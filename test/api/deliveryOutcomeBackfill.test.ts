// The delivery outcome backfill (commands/deliveryOutcomeBackfill.ts): reminders sent or failed before the reminder
// run recorded per-person outcomes reach the delivery report; an older backfilled outcome never replaces a later
// live one (and an older live one is moved forward), also while both run at once; an interrupted backfill resumes
// from its progress document without reading a page twice; a finished one costs one point read; and each tenant's
// reminders reach that tenant's outcomes only. Real embedded store, real app and routes.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { backfillDeliveryOutcomes } from '../../bot/src/commands/deliveryOutcomeBackfill';
import { deliveryReport } from '../../bot/src/commands/deliveryReport';
import { loadConfig } from '../../bot/src/config';
import type { Caller } from '../../bot/src/domain/model';
import type { ReminderDoc } from '../../bot/src/domain/reminders';
import { openStore, type Store } from '../../bot/src/store/database';
import { backfillProgress, deliveryOutcomeOf, recordDeliveryOutcome } from '../../bot/src/store/deliveryOutcomes';
import { withStoreMetrics } from '../../bot/src/store/metrics';
import { adminOf, buildPair, buildRunningProgram, type BuiltPair } from '../support/factories';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';

const JOBS_SECRET = 'a-jobs-secret-that-is-long-enough-123456';
const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SEED_DEMO_DATA: 'false',
  COSMOS_TIMEOUT_MS: '5000',
  JOBS_SECRET,
};

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp(env);
});
afterAll(() => t.stop());

/** A store on a database of its own (the backfill covers a whole store): `database` names one to open again. */
async function storeOn(database = `test-${randomUUID()}`): Promise<Store & { database: string }> {
  const store = await openStore(loadConfig({ ...env, COSMOS_DATABASE: database }).store, { embedded: t.embedded });
  return Object.assign(store, { database });
}

const at = (day: number) => new Date(Date.UTC(2026, 5, day, 9)).toISOString();

/** A reminder finished before outcomes were recorded: the reminder document only, no outcome document. */
async function oldReminder(
  store: Store,
  built: BuiltPair,
  recipient: Caller,
  state: 'sent' | 'failed' | 'skipped',
  when: string,
  reason?: string,
): Promise<void> {
  const doc: ReminderDoc = {
    id: `reminder-${randomUUID()}`,
    type: 'reminder',
    tenantId: built.pair.tenantId,
    pairId: built.pair.id,
    programId: built.program.id,
    recipientId: recipient.userId,
    kind: 'prepare',
    subjectId: built.session.id,
    plannedFor: when,
    dueAt: when,
    sendAt: when,
    timeZone: 'Europe/Berlin',
    state,
    attempts: 1,
    outcome: { at: when, ...(reason ? { reason } : {}) },
    createdAt: when,
    updatedAt: when,
  };
  await store.reminders.create(doc);
}

async function reportOf(built: BuiltPair, tenantId = built.pair.tenantId) {
  const token = await t.tokenFor({ userId: adminOf(tenantId).userId, tenantId, roles: ['ProgramAdmin'] });
  const res = await request(t.app)
    .get(`/api/programs/${built.program.id}/delivery?users=${built.mentor.userId},${built.mentee.userId}`)
    .set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  const byUser = new Map<string, { lastDeliveredAt?: string; lastFailure?: { at: string; reason: string } }>(
    res.body.people.map((p: { userId: string }) => [p.userId, p]),
  );
  const health = (userId: string) => {
    const p = byUser.get(userId);
    return { lastDeliveredAt: p?.lastDeliveredAt, failure: p?.lastFailure && [p.lastFailure.at, p.lastFailure.reason] };
  };
  return { mentor: health(built.mentor.userId), mentee: health(built.mentee.userId) };
}

test('reminders finished before outcomes were recorded reach the delivery report; each tenant only its own', async () => {
  const store = t.services.store;
  const ours = await buildPair(store, { program: await buildRunningProgram(store) });
  // Another tenant's pair whose mentor has the same user id as ours: a later delivery there is not ours.
  const theirs = await buildPair(store, {
    tenantId: OTHER_TENANT_ID,
    program: await buildRunningProgram(store, { tenantId: OTHER_TENANT_ID }),
    mentorId: ours.mentor.userId,
  });
  await oldReminder(store, ours, ours.mentor, 'sent', at(1));
  await oldReminder(store, ours, ours.mentor, 'failed', at(2), 'BotNotInConversationRoster');
  await oldReminder(store, ours, ours.mentor, 'sent', at(3));
  await oldReminder(store, ours, ours.mentee, 'sent', at(1));
  await oldReminder(store, ours, ours.mentee, 'failed', at(4), 'NotInstalled');
  await oldReminder(store, ours, ours.mentee, 'skipped', at(5));
  await oldReminder(store, theirs, theirs.mentor, 'sent', at(9));

  const never = { lastDeliveredAt: undefined, failure: undefined };
  expect(await reportOf(ours)).toEqual({ mentor: never, mentee: never });

  // POST /api/jobs/delivery-outcome-backfill/run: the jobs secret only.
  const path = '/api/jobs/delivery-outcome-backfill/run';
  expect((await request(t.app).post(path)).status).toBe(401);
  expect((await request(t.app).post(path).set('Authorization', 'Bearer wrong')).status).toBe(401);
  const run = await request(t.app).post(path).set('Authorization', `Bearer ${JOBS_SECRET}`);
  expect(run.status).toBe(200);
  expect(run.body).toEqual({ pages: 1, reminders: 6, done: true });

  expect(await reportOf(ours)).toEqual({
    // The failure before the last delivery is history.
    mentor: { lastDeliveredAt: at(3), failure: undefined },
    mentee: { lastDeliveredAt: at(1), failure: [at(4), 'NotInstalled'] },
  });
  expect(await reportOf(theirs, OTHER_TENANT_ID)).toEqual({
    mentor: { lastDeliveredAt: at(9), failure: undefined },
    mentee: never,
  });
  // Nothing of one tenant under the other's: no outcome of our mentor in their programme under our tenant.
  expect(await deliveryOutcomeOf(store, ours.pair.tenantId, theirs.program.id, ours.mentor.userId)).toBeUndefined();
  expect(await deliveryOutcomeOf(store, OTHER_TENANT_ID, ours.program.id, ours.mentor.userId)).toBeUndefined();

  // The scheduler's job is the same backfill: finished, it reads nothing more.
  const job = t.services.timedWork!.jobs.find((j) => j.name === 'delivery outcome backfill')!;
  expect(await job.run(new AbortController().signal)).toEqual({ pages: 0, reminders: 0, done: true });
});

test('an older backfilled outcome never replaces a later live one, an older live one moves forward, also at once', async () => {
  const store = await storeOn();
  try {
    const program = await buildRunningProgram(store);
    const pairs: BuiltPair[] = [];
    for (let i = 0; i < 6; i++) pairs.push(await buildPair(store, { program }));
    const live = (p: BuiltPair, who: Caller, state: 'sent' | 'failed', when: string) =>
      recordDeliveryOutcome(store, {
        tenantId: p.pair.tenantId,
        programId: program.id,
        userId: who.userId,
        state,
        at: when,
        ...(state === 'failed' ? { reason: 'LiveFailure' } : {}),
      });
    for (const p of pairs) {
      await oldReminder(store, p, p.mentor, 'sent', at(10));
      await oldReminder(store, p, p.mentee, 'failed', at(10), 'OldFailure');
    }
    // Recorded before the backfill: later for the first three pairs' members, earlier for the others.
    for (const [i, p] of pairs.slice(0, 2).entries()) {
      await live(p, p.mentor, 'sent', at(i === 0 ? 20 : 5));
      await live(p, p.mentee, 'failed', at(i === 0 ? 20 : 5));
    }
    // Recorded while the backfill runs (several pages, two instances at once): the same rule whatever the order.
    const running = Promise.all([
      backfillDeliveryOutcomes(store, { pageSize: 3 }),
      backfillDeliveryOutcomes(store, { pageSize: 3 }),
      ...pairs
        .slice(2)
        .flatMap((p, i) => [
          live(p, p.mentor, 'sent', at(i % 2 === 0 ? 20 : 5)),
          live(p, p.mentee, 'failed', at(i % 2 === 0 ? 20 : 5)),
        ]),
    ]);
    const [a, b] = await running;
    expect(a.done && b.done).toBe(true);

    const expected = (later: boolean) => ({
      mentorDelivered: later ? at(20) : at(10),
      menteeFailure: later ? [at(20), 'LiveFailure'] : [at(10), 'OldFailure'],
    });
    const report = await deliveryReport(store, program, { pageSize: 50 });
    const byUser = new Map(report.people.map((p) => [p.userId, p]));
    const seen = pairs.map((p) => ({
      mentorDelivered: byUser.get(p.mentor.userId)?.lastDeliveredAt,
      menteeFailure: [byUser.get(p.mentee.userId)?.lastFailure?.at, byUser.get(p.mentee.userId)?.lastFailure?.reason],
    }));
    expect(seen).toEqual([true, false, true, false, true, false].map(expected));
  } finally {
    await store.close();
  }
});

test('an interrupted backfill resumes from its progress document, reads no page twice, and once done costs one point read', async () => {
  const first = await storeOn();
  const program = await buildRunningProgram(first);
  const pairs: BuiltPair[] = [];
  for (let i = 0; i < 3; i++) pairs.push(await buildPair(first, { program }));
  for (const [i, p] of pairs.entries()) {
    await oldReminder(first, p, p.mentor, 'sent', at(1 + i));
    await oldReminder(first, p, p.mentor, 'sent', at(11 + i));
    await oldReminder(first, p, p.mentee, 'failed', at(1 + i), 'NotInstalled');
    await oldReminder(first, p, p.mentee, 'sent', at(2 + i));
  }
  // 12 finished reminders in pages of 5: the first run stops after one page (a restart, a deploy).
  expect(await backfillDeliveryOutcomes(first, { pageSize: 5, maxPages: 1 })).toEqual({
    pages: 1,
    reminders: 5,
    done: false,
  });
  expect(await backfillProgress(first, 'delivery-outcome-backfill')).toMatchObject({
    pages: 1,
    reminders: 5,
    done: false,
    continuation: expect.any(String),
  });
  await first.close();

  // Another process on the same database: it goes on from the stored continuation, the last 7 reminders only.
  const restarted = await storeOn(first.database);
  try {
    expect(await backfillDeliveryOutcomes(restarted, { pageSize: 5 })).toEqual({ pages: 2, reminders: 7, done: true });
    expect(await backfillProgress(restarted, 'delivery-outcome-backfill')).toMatchObject({
      pages: 3,
      reminders: 12,
      done: true,
      finishedAt: expect.any(String),
    });
    expect((await backfillProgress(restarted, 'delivery-outcome-backfill'))?.continuation).toBeUndefined();
    for (const [i, p] of pairs.entries()) {
      const mentor = await deliveryOutcomeOf(restarted, p.pair.tenantId, program.id, p.mentor.userId);
      const mentee = await deliveryOutcomeOf(restarted, p.pair.tenantId, program.id, p.mentee.userId);
      expect([mentor?.lastDeliveredAt, mentor?.lastFailure]).toEqual([at(11 + i), undefined]);
      expect([mentee?.lastDeliveredAt, mentee?.lastFailure]).toEqual([
        at(2 + i),
        { at: at(1 + i), reason: 'NotInstalled' },
      ]);
    }

    // Finished: a later run (the scheduler's every minute) is one point read and reads no reminder.
    const { metrics, result } = withStoreMetrics(() => backfillDeliveryOutcomes(restarted, { pageSize: 5 }));
    expect(await result).toEqual({ pages: 0, reminders: 0, done: true });
    expect(metrics.roundTrips).toBe(1);
  } finally {
    await restarted.close();
  }
});
