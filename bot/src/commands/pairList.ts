// The admin's pair list, a page at a time: the page's pairs, and the activity of those pairs only (not the
// whole programme's), as health figures under the 5-pair rule (a figure about one pair is withheld).
import { figure } from '../domain/kAnonymity';
import type { ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { activityOfPairs, pairsPage, type ActivityRow, type PageOf } from '../store/queries';
import { expectedSessions } from './programInsights';

const pairIdsOf = (rows: readonly { pairId: string }[]) => rows.map((r) => r.pairId);

export async function pairHealthPage(
  store: Store,
  program: ProgramDoc,
  query: { q?: string; status?: string } & PageOf,
  now = new Date(),
) {
  const page = await pairsPage(store, program, query);
  const activity = await activityOfPairs(
    store,
    program,
    page.items.map((p) => p.id),
  );
  const byPair = new Map<string, ActivityRow[]>();
  for (const row of activity) byPair.set(row.pairId, [...(byPair.get(row.pairId) ?? []), row]);
  const pairs = page.items.map((p) => {
    const rows = byPair.get(p.id) ?? [];
    const sessions = rows.filter((r) => r.type === 'session');
    const goals = rows.filter((r) => r.type === 'goal');
    const expected = expectedSessions(program, p, now);
    return {
      id: p.id,
      mentor: p.mentor,
      mentee: p.mentee,
      status: p.status,
      createdAt: p.createdAt,
      etag: p._etag,
      confidentialityAcknowledged: {
        mentor: Boolean(p.confidentialityAcknowledged?.[p.mentor.id]),
        mentee: Boolean(p.confidentialityAcknowledged?.[p.mentee.id]),
      },
      health: {
        sessionsExpected: expected,
        sessions: figure(pairIdsOf(sessions), () => {
          const held = sessions.filter((s) => s.status === 'held');
          return {
            held: held.length,
            onCadence: held.length >= expected,
            lastSessionAt:
              held
                .map((s) => s.scheduledAt ?? '')
                .sort()
                .at(-1) || null,
          };
        }),
        goals: figure(pairIdsOf(goals), () => ({
          count: goals.length,
          progressAverage: Math.round(goals.reduce((n, g) => n + (g.progress ?? 0), 0) / goals.length),
        })),
      },
    };
  });
  return { pairs, ...(page.continuation ? { continuation: page.continuation } : {}) };
}
