import { LIMITS } from '../domain/limits';
import type { ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { programActivity, programLearnings, programPairs } from '../store/queries';

/**
 * Programme aggregates. Built only from status and numeric fields and from already-redacted
 * learnings; below the minimum group size every figure is withheld.
 */
export async function programInsights(store: Store, program: ProgramDoc) {
  const pairs = await programPairs(store, program);
  const base = {
    programId: program.id,
    pairCount: pairs.length,
    minimumPairs: LIMITS.insightsMinPairs,
  };
  if (pairs.length < LIMITS.insightsMinPairs) {
    return {
      ...base,
      suppressed: true,
      reason: `Figures appear once the programme has at least ${LIMITS.insightsMinPairs} pairs, so that no one can be identified.`,
    };
  }
  const [activity, learnings] = await Promise.all([programActivity(store, program), programLearnings(store, program)]);
  const sessions = activity.filter((a) => a.type === 'session');
  const goals = activity.filter((a) => a.type === 'goal');
  const commitments = activity.filter((a) => a.type === 'commitment');
  const count = (rows: typeof activity, status: string) => rows.filter((r) => r.status === status).length;
  const buckets = [0, 25, 50, 75].map((from) => ({
    from,
    to: from === 75 ? 100 : from + 24,
    goals: goals.filter((g) => (g.progress ?? 0) >= from && (g.progress ?? 0) <= (from === 75 ? 100 : from + 24)).length,
  }));
  return {
    ...base,
    suppressed: false,
    pairs: { active: pairs.filter((p) => p.status === 'active').length, paused: pairs.filter((p) => p.status === 'paused').length, ended: pairs.filter((p) => p.status === 'ended').length },
    sessions: { planned: sessions.length, held: count(sessions, 'held'), cancelled: count(sessions, 'cancelled') },
    goals: { total: goals.length, achieved: count(goals, 'achieved'), atRisk: count(goals, 'atRisk'), progress: buckets },
    commitments: { made: commitments.length, kept: count(commitments, 'kept') },
    learnings: learnings
      .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
      .map((l) => ({ text: l.text, sharedOn: l.sharedAt })),
  };
}
