// Reminder dispatch: REMINDERS due reminders to USERS people (two each), sent by the real job (claim,
// load, continueConversationAsync, record) on the embedded store, against the fake Bot Connector that
// enforces Teams' per-conversation limits and an app limit (50/30 of ours, as Teams' 50/s is to our
// default 30/s) and answers 2 % of sends with 429 + Retry-After 1. Counts duplicates and losses (after the next
// run, which sends what the first put back).
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createApp } from '../../bot/src/app';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { ConversationReferenceDoc, PairDoc } from '../../bot/src/domain/model';
import { reminderId, type ReminderDoc } from '../../bot/src/domain/reminders';
import { conversationReferenceId } from '../../bot/src/store/conversations';
import { startFakeBotConnector } from '../../test/support/fakeBotConnector';
import type { BenchRow } from './row';
import { seededRandom } from '../../test/support/seededRandom';

const USERS = Number(process.env.BENCH_DISPATCH_USERS ?? 5000);
const REMINDERS = USERS * 2;
/** The tenant limit configured for the run (BOT_TENANT_MESSAGES_PER_SECOND allows at most 50). */
const TENANT_LIMIT = Number(process.env.BENCH_DISPATCH_LIMIT ?? 50);
const THROTTLE_SHARE = 0.02;

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export async function benchDispatch(): Promise<BenchRow[]> {
  const random = seededRandom(7);
  const connector = await startFakeBotConnector({
    enforceConversationLimits: true,
    appLimitPerSecond: Math.ceil((TENANT_LIMIT * 50) / 30),
    inject: () => (random() < THROTTLE_SHARE ? { status: 429, code: 'Throttled', retryAfter: 1 } : undefined),
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    COSMOS_DATABASE: `bench-dispatch-${Date.now()}`,
    BOT_TENANT_MESSAGES_PER_SECOND: String(TENANT_LIMIT),
    REMINDER_SCHEDULER: 'false',
  });
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  const { store } = app.services;
  try {
    const stamp = new Date().toISOString();
    const pairs = Array.from({ length: USERS / 2 }, (_, i): PairDoc => ({
      id: `pair-${i}`,
      type: 'pair',
      tenantId: DEV_TENANT_ID,
      pairId: `pair-${i}`,
      programId: 'bench',
      status: 'active',
      createdBy: 'bench',
      mentor: { id: `mentor-${i}`, name: `Mentor ${i}` },
      mentee: { id: `mentee-${i}`, name: `Executive ${i}` },
      createdAt: stamp,
      updatedAt: stamp,
    }));
    const users = pairs.flatMap((p) => [p.mentor.id, p.mentee.id].map((userId) => ({ userId, pair: p })));
    const reminders: ReminderDoc[] = users.flatMap(({ userId, pair }) =>
      (['stalled', 'commitmentCheckIn'] as const).map((kind) => ({
        id: reminderId(DEV_TENANT_ID, pair.id, kind, `${pair.id}-${kind}`, userId),
        type: 'reminder' as const,
        tenantId: DEV_TENANT_ID,
        pairId: pair.id,
        programId: 'bench',
        recipientId: userId,
        kind: kind === 'commitmentCheckIn' ? ('stalled' as const) : kind,
        subjectId: pair.id,
        plannedFor: stamp,
        dueAt: stamp,
        sendAt: stamp,
        timeZone: 'UTC',
        state: 'planned' as const,
        attempts: 0,
        createdAt: stamp,
        updatedAt: stamp,
      })),
    );
    await inBatches(pairs, 64, (p) => store.pairs.create(p));
    await inBatches(users, 64, ({ userId }) =>
      (store.people as unknown as { create(d: ConversationReferenceDoc): Promise<unknown> }).create({
        id: conversationReferenceId(DEV_TENANT_ID),
        type: 'conversationReference',
        tenantId: DEV_TENANT_ID,
        userId,
        status: 'installed',
        installedAt: stamp,
        createdAt: stamp,
        updatedAt: stamp,
        timeZone: 'UTC',
        reference: {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: `a:${userId}`, conversationType: 'personal', tenantId: DEV_TENANT_ID },
          user: { id: `29:${userId}`, aadObjectId: userId },
          bot: { id: '28:bot' },
        },
      }),
    );
    await inBatches(reminders, 64, (r) => store.reminders.create(r));

    const started = performance.now();
    // One run as the scheduler and POST /api/jobs/reminders/run start it (sized from the tenant limit).
    const totals = await app.services.timedWork!.runReminders();
    const seconds = (performance.now() - started) / 1000;
    const sentInTheRun = connector.sent.length;
    // A send Teams answered with 429 three times in a row is put back with its Retry-After, for the next run (the
    // scheduler starts one a minute): that run is made here, once their time has come, so only what no run
    // delivers counts as lost.
    const putBack = await store.reminders.query<{ id: string; sendAt: string }>(
      DEV_TENANT_ID,
      { where: "c.type = 'reminder' AND c.state = 'planned'", parameters: [] },
      undefined,
      'c.id, c.sendAt',
    );
    if (putBack.length > 0) {
      const latest = Math.max(...putBack.map((r) => Date.parse(r.sendAt)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, latest - Date.now())));
      const next = await app.services.timedWork!.runReminders();
      for (const kind of ['sent', 'failed', 'skipped'] as const) totals[kind] += next[kind];
    }

    const counts = new Map<string, number>();
    for (const s of connector.sent) {
      const marker = (s.activity.attachments as { content: { body: { id?: string }[] } }[])[0]!.content.body[0]!.id!;
      counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    const lost = reminders.filter((r) => !counts.has(`marker-${r.id}`)).length;
    const failedReasons = await store.reminders.query<{ id: string; outcome?: { reason?: string } }>(
      DEV_TENANT_ID,
      { where: "c.type = 'reminder' AND c.state = 'failed'", parameters: [] },
      undefined,
      'c.id, c.outcome',
    );
    const reasons = new Map<string, number>();
    for (const f of failedReasons)
      reasons.set(f.outcome?.reason ?? 'unknown', (reasons.get(f.outcome?.reason ?? 'unknown') ?? 0) + 1);
    const perSecond = sentInTheRun / seconds;
    return [
      {
        figure: `Reminder dispatch: ${REMINDERS} reminders to ${USERS} people, 2 % injected 429s (sent ${sentInTheRun} in one run; in all ${totals.sent} sent, ${totals.failed} failed, ${totals.skipped} skipped)`,
        value: `${perSecond.toFixed(1)} messages/s`,
        baseline: `tenant limit ${TENANT_LIMIT}/s`,
        ratio: `${((perSecond / TENANT_LIMIT) * 100).toFixed(0)} %`,
      },
      { figure: 'Reminder dispatch: duplicates (same reminder delivered twice)', value: String(duplicates) },
      {
        figure:
          'Reminder dispatch: lost (due but never delivered, the next run included; failed reminders count as lost)',
        value: String(lost),
        baseline: `${reasons.size ? `failed: ${[...reasons].map(([r, n]) => `${r} ×${n}`).join(', ')}` : 'failed: none'}; put back for the next run: ${putBack.length}`,
      },
      {
        figure: 'Reminder dispatch: 429s from the connector (injected + limit)',
        value: `${connector.attempts - connector.sent.length}`,
        baseline: `limit-enforced ${connector.limitRejections}`,
      },
    ];
  } finally {
    await app.close();
    await connector.stop();
  }
}

if (require.main === module) {
  void benchDispatch().then((rows) => console.table(rows));
}
