import { stringify } from 'csv-stringify/sync';
import { LIMITS } from '../domain/limits';
import type { PairDoc, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { programActivity, programLearnings, programPairs, type ActivityRow } from '../store/queries';

const DAY = 86400_000;

/** Sessions a pair should have held by `now` at the programme's cadence (none before its first cadence period ends). */
export function expectedSessions(program: ProgramDoc, pair: Pick<PairDoc, 'createdAt'>, now: Date): number {
  const until = Math.min(now.getTime(), Date.parse(`${program.endsOn}T23:59:59Z`));
  return Math.max(0, Math.floor((until - Date.parse(pair.createdAt)) / (program.cadenceDays * DAY)));
}

const count = (rows: readonly ActivityRow[], status: string) => rows.filter((r) => r.status === status).length;
const PROGRESS_BUCKETS = [
  { from: 0, to: 24 }, { from: 25, to: 49 }, { from: 50, to: 74 }, { from: 75, to: 100 },
] as const;

/**
 * Programme aggregates. Built only from status and numeric fields and from already-redacted
 * learnings; below the minimum group size every figure is withheld.
 */
export async function programInsights(store: Store, program: ProgramDoc, now = new Date()) {
  const pairs = await programPairs(store, program);
  const base = {
    programId: program.id,
    pairCount: pairs.length,
    minimumPairs: LIMITS.insightsMinPairs,
  };
  if (pairs.length < LIMITS.insightsMinPairs) {
    return {
      ...base,
      suppressed: true as const,
      reason: `Figures appear once the programme has at least ${LIMITS.insightsMinPairs} pairs, so that no one can be identified.`,
    };
  }
  const [activity, learnings] = await Promise.all([
    programActivity(store, program),
    program.programLearningsEnabled ? programLearnings(store, program) : Promise.resolve([]),
  ]);
  const sessions = activity.filter((a) => a.type === 'session');
  const goals = activity.filter((a) => a.type === 'goal');
  const commitments = activity.filter((a) => a.type === 'commitment');
  const ratings = activity.filter((a) => a.type === 'feedback' && typeof a.rating === 'number').map((a) => a.rating!);
  const heldBy = new Map<string, number>();
  for (const s of sessions) if (s.status === 'held') heldBy.set(s.pairId, (heldBy.get(s.pairId) ?? 0) + 1);
  // Cadence adherence: of the pairs that should have met by now, how many held at least as many sessions as the cadence asks.
  const due = pairs.filter((p) => p.status !== 'ended' && expectedSessions(program, p, now) > 0);
  const onCadence = due.filter((p) => (heldBy.get(p.id) ?? 0) >= expectedSessions(program, p, now)).length;
  return {
    ...base,
    suppressed: false as const,
    pairs: { active: pairs.filter((p) => p.status === 'active').length, paused: pairs.filter((p) => p.status === 'paused').length, ended: pairs.filter((p) => p.status === 'ended').length },
    sessions: {
      planned: sessions.length,
      held: count(sessions, 'held'),
      cancelled: count(sessions, 'cancelled'),
      expectedByCadence: pairs.reduce((n, p) => n + expectedSessions(program, p, now), 0),
    },
    cadence: { pairsDue: due.length, onCadence, percent: due.length ? Math.round((onCadence / due.length) * 100) : null },
    goals: {
      total: goals.length,
      achieved: count(goals, 'achieved'),
      atRisk: count(goals, 'atRisk'),
      progress: PROGRESS_BUCKETS.map((b) => ({ ...b, goals: goals.filter((g) => (g.progress ?? 0) >= b.from && (g.progress ?? 0) <= b.to).length })),
    },
    commitments: { made: commitments.length, kept: count(commitments, 'kept'), open: count(commitments, 'open') },
    feedback: {
      responses: ratings.length,
      averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
    },
    learnings: learnings
      .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
      .map((l) => ({ text: l.text, sharedOn: l.sharedAt.slice(0, 10) })),
  };
}

export type ProgramInsights = Awaited<ReturnType<typeof programInsights>>;

/**
 * A spreadsheet can run a cell that starts with = + - @ (or tab / carriage return) as a formula (CSV
 * injection, OWASP): such cells get a leading apostrophe so they are shown as text.
 */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The insights as CSV rows (section, figure, value): the same aggregates the view shows, nothing more. */
export function insightsCsv(program: ProgramDoc, insights: ProgramInsights): string {
  const rows: unknown[][] = [['section', 'figure', 'value'], ['programme', 'name', program.name], ['programme', 'pairs', insights.pairCount]];
  if (insights.suppressed) rows.push(['programme', 'suppressed', insights.reason]);
  else {
    const i = insights;
    rows.push(
      ['pairs', 'active', i.pairs.active], ['pairs', 'paused', i.pairs.paused], ['pairs', 'ended', i.pairs.ended],
      ['sessions', 'planned', i.sessions.planned], ['sessions', 'held', i.sessions.held], ['sessions', 'cancelled', i.sessions.cancelled],
      ['sessions', 'expected by cadence', i.sessions.expectedByCadence],
      ['cadence', 'pairs due a session', i.cadence.pairsDue], ['cadence', 'pairs on cadence', i.cadence.onCadence],
      ['cadence', 'adherence %', i.cadence.percent ?? ''],
      ['goals', 'total', i.goals.total], ['goals', 'achieved', i.goals.achieved], ['goals', 'at risk', i.goals.atRisk],
      ...i.goals.progress.map((b) => ['goal progress', `${b.from}–${b.to} %`, b.goals]),
      ['commitments', 'made', i.commitments.made], ['commitments', 'kept', i.commitments.kept], ['commitments', 'open', i.commitments.open],
      ['feedback', 'responses', i.feedback.responses], ['feedback', 'average rating (1–5)', i.feedback.averageRating ?? ''],
      ...i.learnings.map((l) => ['programme learning', l.sharedOn, l.text]),
    );
  }
  return stringify(rows.map((r) => r.map(neutraliseCell)));
}

/** Per pair: health from status and numbers only (sessions held vs cadence, last session, goal progress). */
export async function programPairHealth(store: Store, program: ProgramDoc, now = new Date()) {
  const [pairs, activity] = await Promise.all([programPairs(store, program), programActivity(store, program)]);
  const byPair = new Map<string, ActivityRow[]>();
  for (const row of activity) byPair.set(row.pairId, [...(byPair.get(row.pairId) ?? []), row]);
  return pairs
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => {
      const rows = byPair.get(p.id) ?? [];
      const held = rows.filter((r) => r.type === 'session' && r.status === 'held');
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
          sessionsHeld: held.length,
          sessionsExpected: expected,
          onCadence: held.length >= expected,
          lastSessionAt: held.map((s) => s.scheduledAt ?? '').sort().at(-1) || null,
          goals: goals.length,
          goalProgressAverage: goals.length ? Math.round(goals.reduce((n, g) => n + (g.progress ?? 0), 0) / goals.length) : null,
        },
      };
    });
}
