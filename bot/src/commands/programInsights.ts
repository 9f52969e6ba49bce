import { stringify } from 'csv-stringify/sync';
import { figure, partitionFigures, type Figure } from '../domain/kAnonymity';
import { LIMITS } from '../domain/limits';
import type { PairDoc, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { learningPairIds, programActivity, programLearnings, programLedger, programPairs, type ActivityRow, type LedgerRow } from '../store/queries';

const DAY = 86400_000;

/** Sessions a pair should have held by `now` at the programme's cadence (none before its first cadence period ends). */
export function expectedSessions(program: ProgramDoc, pair: Pick<PairDoc, 'createdAt'>, now: Date): number {
  const until = Math.min(now.getTime(), Date.parse(`${program.endsOn}T23:59:59Z`));
  return Math.max(0, Math.floor((until - Date.parse(pair.createdAt)) / (program.cadenceDays * DAY)));
}

const count = (rows: readonly ActivityRow[], status: string) => rows.filter((r) => r.status === status).length;
const pairIdsOf = (rows: readonly { pairId: string }[]) => rows.map((r) => r.pairId);
const PROGRESS_BUCKETS = [
  { from: 0, to: 24 }, { from: 25, to: 49 }, { from: 50, to: 74 }, { from: 75, to: 100 },
] as const;

const LEARNINGS_OFF = 'Programme learnings are turned off for this programme.';

/** One goal's change from baseline to end in one perspective (both ratings given). */
interface LedgerChange {
  pairId: string;
  side: 'mentor' | 'mentee';
  perspective: 'self' | 'partner';
  objective: string | null;
  baseline: number;
  end: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: readonly number[]) => round1(values.reduce((a, b) => a + b, 0) / values.length);

/** Baseline → end per goal and perspective, from scores and sides only. */
export function ledgerChanges(rows: readonly LedgerRow[]): LedgerChange[] {
  const objectiveOf = new Map(rows.filter((r) => r.type === 'goal').map((g) => [g.id, g.objective ?? null]));
  const byGoal = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    if (r.type !== 'assessment' || !r.goalId || !r.perspective || typeof r.score !== 'number') continue;
    const key = `${r.goalId}\n${r.perspective}`;
    byGoal.set(key, [...(byGoal.get(key) ?? []), r]);
  }
  return [...byGoal.values()].flatMap((ratings) => {
    const baseline = ratings.find((r) => r.moment === 'baseline');
    const end = ratings.find((r) => r.moment === 'end');
    const first = ratings[0]!;
    // A goal deleted since it was rated no longer counts.
    if (!baseline || !end || !objectiveOf.has(first.goalId!)) return [];
    return [{ pairId: first.pairId, side: first.goalOwner!, perspective: first.perspective!, objective: objectiveOf.get(first.goalId!) ?? null, baseline: baseline.score!, end: end.score! }];
  });
}

/** The change of a group of goals: how many, mean baseline, mean end, mean change. */
const changeValue = (changes: readonly LedgerChange[]) => ({
  goals: changes.length,
  meanBaseline: mean(changes.map((c) => c.baseline)),
  meanEnd: mean(changes.map((c) => c.end)),
  meanChange: mean(changes.map((c) => c.end - c.baseline)),
});
const changeFigure = (changes: readonly LedgerChange[]) => figure(changes.map((c) => c.pairId), () => changeValue(changes));
type ChangeFigure = Figure<ReturnType<typeof changeValue>>;

/**
 * The two-way ledger's aggregate: mean change from baseline to end per side (executive goals, mentor goals)
 * and per objective, each as the goal owners see themselves and as their partners see them. Every figure
 * under the k-anonymity rule; the objectives are a partition, so they are suppressed as one (partitionFigures).
 */
export function ledgerInsights(program: ProgramDoc, rows: readonly LedgerRow[]) {
  const changes = ledgerChanges(rows);
  const perspectives = ['self', 'partner'] as const;
  const sides = (['mentee', 'mentor'] as const).map((side) => ({
    side,
    self: changeFigure(changes.filter((c) => c.side === side && c.perspective === 'self')),
    partner: changeFigure(changes.filter((c) => c.side === side && c.perspective === 'partner')),
  }));
  const keys: (string | null)[] = [...program.objectives, null];
  const byPerspective = Object.fromEntries(perspectives.map((perspective) => {
    const groups = keys.map((objective) => {
      const mine = changes.filter((c) => c.perspective === perspective && c.objective === objective);
      return { key: objective, contributors: mine.map((c) => c.pairId), compute: () => changeValue(mine) };
    });
    return [perspective, new Map(partitionFigures(groups).map((g) => [g.key, g.figure]))];
  })) as Record<(typeof perspectives)[number], Map<string | null, ChangeFigure>>;
  const objectives = keys
    .map((objective) => ({ objective, self: byPerspective.self.get(objective)!, partner: byPerspective.partner.get(objective)! }))
    // Objectives nobody rated against stay out (a figure of no pairs says nothing), except the programme's own list.
    .filter((o) => o.objective !== null || changes.some((c) => c.objective === null));
  return { sides, objectives };
}

/**
 * Programme aggregates, built only from status and numeric fields and from already-redacted learnings.
 * Each figure goes through figure() with the pairs whose data it is computed from, so every figure
 * is withheld until at least five distinct pairs contributed to it.
 */
export async function programInsights(store: Store, program: ProgramDoc, now = new Date()) {
  const [pairs, activity, learnings, learningPairs, ledger] = await Promise.all([
    programPairs(store, program),
    programActivity(store, program),
    program.programLearningsEnabled ? programLearnings(store, program) : Promise.resolve([]),
    program.programLearningsEnabled ? learningPairIds(store, program) : Promise.resolve([]),
    programLedger(store, program),
  ]);
  const of = (type: ActivityRow['type']) => activity.filter((a) => a.type === type);
  const [sessions, goals, commitments] = [of('session'), of('goal'), of('commitment')];
  const ratings = of('feedback').filter((a) => typeof a.rating === 'number');
  const held = sessions.filter((s) => s.status === 'held');
  const heldBy = new Map<string, number>();
  for (const s of held) heldBy.set(s.pairId, (heldBy.get(s.pairId) ?? 0) + 1);
  // Cadence, among the pairs that should have met by now and have met at least once (a pair that never met contributes no data).
  const due = pairs.filter((p) => p.status !== 'ended' && expectedSessions(program, p, now) > 0 && heldBy.has(p.id));
  return {
    programId: program.id,
    pairCount: pairs.length,
    minimumPairs: LIMITS.insightsMinPairs,
    pairs: figure(pairs.map((p) => p.id), () => ({
      active: pairs.filter((p) => p.status === 'active').length,
      paused: pairs.filter((p) => p.status === 'paused').length,
      ended: pairs.filter((p) => p.status === 'ended').length,
      sessionsExpectedByCadence: pairs.reduce((n, p) => n + expectedSessions(program, p, now), 0),
    })),
    sessions: figure(pairIdsOf(sessions), () => ({
      planned: sessions.length, held: held.length, cancelled: count(sessions, 'cancelled'),
    })),
    cadence: figure(due.map((p) => p.id), () => {
      const onCadence = due.filter((p) => heldBy.get(p.id)! >= expectedSessions(program, p, now)).length;
      return { pairsDue: due.length, onCadence, percent: Math.round((onCadence / due.length) * 100) };
    }),
    goals: figure(pairIdsOf(goals), () => ({
      total: goals.length,
      achieved: count(goals, 'achieved'),
      atRisk: count(goals, 'atRisk'),
      progress: PROGRESS_BUCKETS.map((b) => ({ ...b, goals: goals.filter((g) => (g.progress ?? 0) >= b.from && (g.progress ?? 0) <= b.to).length })),
    })),
    commitments: figure(pairIdsOf(commitments), () => ({
      made: commitments.length, kept: count(commitments, 'kept'), open: count(commitments, 'open'),
    })),
    feedback: figure(pairIdsOf(ratings), () => ({
      responses: ratings.length,
      averageRating: Math.round((ratings.reduce((a, b) => a + b.rating!, 0) / ratings.length) * 10) / 10,
    })),
    ledger: ledgerInsights(program, ledger),
    learnings: program.programLearningsEnabled
      ? figure(learningPairs, () => learnings
        .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
        .map((l) => ({ text: l.text, sharedOn: l.sharedAt.slice(0, 10) })))
      : ({ shown: false, reason: LEARNINGS_OFF } as Figure<{ text: string; sharedOn: string }[]>),
  };
}

export type ProgramInsights = Awaited<ReturnType<typeof programInsights>>;

/** A cell start that a spreadsheet would run as a formula: = + - @ (after spaces or quotes), or a tab / carriage return. */
const FORMULA_START = /^[\s"]*[=+\-@]|^[\t\r]/;

/**
 * CSV injection (OWASP): a spreadsheet may split a cell wherever it finds , or ; (German Excel) or a tab,
 * whatever the quotes say, so the start of every such piece of a field, not only the field's own start,
 * gets a leading apostrophe when it would run as a formula.
 */
export function neutraliseCell(value: unknown): string {
  return String(value ?? '')
    .split(/(?<=[,;\t\r\n])/)
    .map((piece) => (FORMULA_START.test(piece) ? `'${piece}` : piece))
    .join('');
}

/** Every field quoted and neutralised: safe to open in any spreadsheet, whichever delimiter it splits on. */
export function safeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((r) => r.map(neutraliseCell)), { quoted: true, quoted_empty: true });
}

type Rows = (string | number)[][];
function figureRows<T>(section: string, f: Figure<T>, rows: (value: T) => Rows): Rows {
  return f.shown ? rows(f.value).map((r) => [section, ...r]) : [[section, 'withheld', f.reason]];
}

/** The insights as CSV rows (section, figure, value): the same figures the view shows, withheld ones with the reason. */
export function insightsCsv(program: ProgramDoc, i: ProgramInsights): string {
  return safeCsv([
    ['section', 'figure', 'value'], ['programme', 'name', program.name], ['programme', 'pairs', i.pairCount],
    ...figureRows('pairs', i.pairs, (v) => [['active', v.active], ['paused', v.paused], ['ended', v.ended], ['sessions expected by cadence', v.sessionsExpectedByCadence]]),
    ...figureRows('sessions', i.sessions, (v) => [['planned', v.planned], ['held', v.held], ['cancelled', v.cancelled]]),
    ...figureRows('cadence', i.cadence, (v) => [['pairs due a session', v.pairsDue], ['pairs on cadence', v.onCadence], ['adherence %', v.percent]]),
    ...figureRows('goals', i.goals, (v) => [['total', v.total], ['achieved', v.achieved], ['at risk', v.atRisk], ...v.progress.map((b) => [`progress ${b.from}–${b.to} %`, b.goals])]),
    ...figureRows('commitments', i.commitments, (v) => [['made', v.made], ['kept', v.kept], ['open', v.open]]),
    ...figureRows('feedback', i.feedback, (v) => [['responses', v.responses], ['average rating (1–5)', v.averageRating]]),
    ...ledgerRows(i.ledger),
    ...figureRows('programme learning', i.learnings, (v) => v.map((l) => [l.sharedOn, l.text])),
  ]);
}

const SIDE_LABELS = { mentee: 'executive goals', mentor: 'mentor goals' } as const;
const VIEW_LABELS = { self: 'self view', partner: 'partner view' } as const;

/** The ledger's figures, one section per group and view, withheld ones with the reason. */
function ledgerRows(ledger: ProgramInsights['ledger']): Rows {
  const change = (section: string, f: Figure<{ goals: number; meanBaseline: number; meanEnd: number; meanChange: number }>) =>
    figureRows(section, f, (v) => [['goals', v.goals], ['mean baseline (1–5)', v.meanBaseline], ['mean end (1–5)', v.meanEnd], ['mean change', v.meanChange]]);
  return [
    ...ledger.sides.flatMap((s) => (['self', 'partner'] as const).flatMap((view) => change(`ledger: ${SIDE_LABELS[s.side]}, ${VIEW_LABELS[view]}`, s[view]))),
    ...ledger.objectives.flatMap((o) => (['self', 'partner'] as const).flatMap((view) => change(`ledger: ${o.objective ?? 'no objective'}, ${VIEW_LABELS[view]}`, o[view]))),
  ];
}
