import { stringify } from 'csv-stringify/sync';
import { figure, partitionFigures, type Figure } from '../domain/kAnonymity';
import { LIMITS } from '../domain/limits';
import type { PairDoc, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { programAggregates, PROGRESS_BUCKETS, type PairInsightsDoc, type PairLedgerChange } from './insightsAggregates';

const DAY = 86400_000;

/** Sessions a pair should have held by `now` at the programme's cadence (none before its first cadence period ends). */
export function expectedSessions(program: ProgramDoc, pair: Pick<PairDoc, 'createdAt'>, now: Date): number {
  const until = Math.min(now.getTime(), Date.parse(`${program.endsOn}T23:59:59Z`));
  return Math.max(0, Math.floor((until - Date.parse(pair.createdAt)) / (program.cadenceDays * DAY)));
}

const LEARNINGS_OFF = 'Programme learnings are turned off for this programme.';

/** One goal's change from baseline to end in one perspective (both ratings given). */
interface LedgerChange extends PairLedgerChange {
  pairId: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: readonly number[]) => round1(values.reduce((a, b) => a + b, 0) / values.length);

/** The change of a group of goals: how many, mean baseline, mean end, mean change. */
const changeValue = (changes: readonly LedgerChange[]) => ({
  goals: changes.length,
  meanBaseline: mean(changes.map((c) => c.baseline)),
  meanEnd: mean(changes.map((c) => c.end)),
  meanChange: mean(changes.map((c) => c.end - c.baseline)),
});
const changeFigure = (changes: readonly LedgerChange[]) =>
  figure(
    changes.map((c) => c.pairId),
    () => changeValue(changes),
  );
type ChangeFigure = Figure<ReturnType<typeof changeValue>>;

/**
 * The two-way ledger's aggregate: mean change from baseline to end per side (executive goals, mentor goals)
 * and per objective, each as the goal owners see themselves and as their partners see them. Every figure
 * under the k-anonymity rule; the objectives are a partition, so they are suppressed as one (partitionFigures).
 */
export function ledgerInsights(program: ProgramDoc, changes: readonly LedgerChange[]) {
  const perspectives = ['self', 'partner'] as const;
  const sides = (['mentee', 'mentor'] as const).map((side) => ({
    side,
    self: changeFigure(changes.filter((c) => c.side === side && c.perspective === 'self')),
    partner: changeFigure(changes.filter((c) => c.side === side && c.perspective === 'partner')),
  }));
  const keys: (string | null)[] = [...program.objectives, null];
  const byPerspective = Object.fromEntries(
    perspectives.map((perspective) => {
      const groups = keys.map((objective) => {
        const mine = changes.filter((c) => c.perspective === perspective && c.objective === objective);
        return { key: objective, contributors: mine.map((c) => c.pairId), compute: () => changeValue(mine) };
      });
      return [perspective, new Map(partitionFigures(groups).map((g) => [g.key, g.figure]))];
    }),
  ) as Record<(typeof perspectives)[number], Map<string | null, ChangeFigure>>;
  const objectives = keys
    .map((objective) => ({
      objective,
      self: byPerspective.self.get(objective)!,
      partner: byPerspective.partner.get(objective)!,
    }))
    // Objectives nobody rated against stay out (a figure of no pairs says nothing), except the programme's own list.
    .filter((o) => o.objective !== null || changes.some((c) => c.objective === null));
  return { sides, objectives };
}

const sum = (aggregates: readonly PairInsightsDoc[], value: (a: PairInsightsDoc) => number) =>
  aggregates.reduce((n, a) => n + value(a), 0);
const idsOf = (aggregates: readonly PairInsightsDoc[]) => aggregates.map((a) => a.pairId);

/**
 * Programme aggregates, built from the per-pair aggregates (status and numeric fields only) that the change
 * feed consumer keeps up to date (insightsAggregates.ts), and from already-redacted learnings: two
 * single-partition queries, whatever the programme's size. Each figure goes through figure() with the pairs
 * whose data it is computed from, so every figure is withheld until at least five distinct pairs contributed to it.
 */
export async function programInsights(store: Store, program: ProgramDoc, now = new Date()) {
  const { pairs, learnings: all } = await programAggregates(store, program);
  const learnings = program.programLearningsEnabled ? all : [];
  const withSessions = pairs.filter((p) => p.sessions.planned > 0);
  const withGoals = pairs.filter((p) => p.goals.total > 0);
  const withCommitments = pairs.filter((p) => p.commitments.made > 0);
  const withRatings = pairs.filter((p) => p.feedback.responses > 0);
  // Cadence, among the pairs that should have met by now and have met at least once (a pair that never met contributes no data).
  const due = pairs.filter((p) => p.status !== 'ended' && expectedSessions(program, p, now) > 0 && p.sessions.held > 0);
  const responses = sum(withRatings, (p) => p.feedback.responses);
  return {
    programId: program.id,
    pairCount: pairs.length,
    minimumPairs: LIMITS.insightsMinPairs,
    pairs: figure(idsOf(pairs), () => ({
      active: pairs.filter((p) => p.status === 'active').length,
      paused: pairs.filter((p) => p.status === 'paused').length,
      ended: pairs.filter((p) => p.status === 'ended').length,
      sessionsExpectedByCadence: sum(pairs, (p) => expectedSessions(program, p, now)),
    })),
    sessions: figure(idsOf(withSessions), () => ({
      planned: sum(pairs, (p) => p.sessions.planned),
      held: sum(pairs, (p) => p.sessions.held),
      cancelled: sum(pairs, (p) => p.sessions.cancelled),
    })),
    cadence: figure(idsOf(due), () => {
      const onCadence = due.filter((p) => p.sessions.held >= expectedSessions(program, p, now)).length;
      return { pairsDue: due.length, onCadence, percent: Math.round((onCadence / due.length) * 100) };
    }),
    goals: figure(idsOf(withGoals), () => ({
      total: sum(pairs, (p) => p.goals.total),
      achieved: sum(pairs, (p) => p.goals.achieved),
      atRisk: sum(pairs, (p) => p.goals.atRisk),
      progress: PROGRESS_BUCKETS.map((b, i) => ({ ...b, goals: sum(pairs, (p) => p.goals.progress[i] ?? 0) })),
    })),
    commitments: figure(idsOf(withCommitments), () => ({
      made: sum(pairs, (p) => p.commitments.made),
      kept: sum(pairs, (p) => p.commitments.kept),
      open: sum(pairs, (p) => p.commitments.open),
    })),
    feedback: figure(idsOf(withRatings), () => ({
      responses,
      averageRating: Math.round((sum(withRatings, (p) => p.feedback.ratingSum) / responses) * 10) / 10,
    })),
    ledger: ledgerInsights(
      program,
      pairs.flatMap((p) => p.ledger.map((c) => ({ pairId: p.pairId, ...c }))),
    ),
    learnings: program.programLearningsEnabled
      ? figure(idsOf(pairs.filter((p) => p.sharedLearnings > 0)), () =>
          learnings
            .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
            .map((l) => ({ text: l.text, sharedOn: l.sharedAt.slice(0, 10) })),
        )
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
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { quoted: true, quoted_empty: true },
  );
}

type Rows = (string | number)[][];
function figureRows<T>(section: string, f: Figure<T>, rows: (value: T) => Rows): Rows {
  return f.shown ? rows(f.value).map((r) => [section, ...r]) : [[section, 'withheld', f.reason]];
}

/** The insights as CSV rows (section, figure, value): the same figures the view shows, withheld ones with the reason. */
export function insightsCsv(program: ProgramDoc, i: ProgramInsights): string {
  return safeCsv([
    ['section', 'figure', 'value'],
    ['programme', 'name', program.name],
    ['programme', 'pairs', i.pairCount],
    ...figureRows('pairs', i.pairs, (v) => [
      ['active', v.active],
      ['paused', v.paused],
      ['ended', v.ended],
      ['sessions expected by cadence', v.sessionsExpectedByCadence],
    ]),
    ...figureRows('sessions', i.sessions, (v) => [
      ['planned', v.planned],
      ['held', v.held],
      ['cancelled', v.cancelled],
    ]),
    ...figureRows('cadence', i.cadence, (v) => [
      ['pairs due a session', v.pairsDue],
      ['pairs on cadence', v.onCadence],
      ['adherence %', v.percent],
    ]),
    ...figureRows('goals', i.goals, (v) => [
      ['total', v.total],
      ['achieved', v.achieved],
      ['at risk', v.atRisk],
      ...v.progress.map((b) => [`progress ${b.from}–${b.to} %`, b.goals]),
    ]),
    ...figureRows('commitments', i.commitments, (v) => [
      ['made', v.made],
      ['kept', v.kept],
      ['open', v.open],
    ]),
    ...figureRows('feedback', i.feedback, (v) => [
      ['responses', v.responses],
      ['average rating (1–5)', v.averageRating],
    ]),
    ...ledgerRows(i.ledger),
    ...figureRows('programme learning', i.learnings, (v) => v.map((l) => [l.sharedOn, l.text])),
  ]);
}

const SIDE_LABELS = { mentee: 'executive goals', mentor: 'mentor goals' } as const;
const VIEW_LABELS = { self: 'self view', partner: 'partner view' } as const;

/** The ledger's figures, one section per group and view, withheld ones with the reason. */
function ledgerRows(ledger: ProgramInsights['ledger']): Rows {
  const change = (
    section: string,
    f: Figure<{ goals: number; meanBaseline: number; meanEnd: number; meanChange: number }>,
  ) =>
    figureRows(section, f, (v) => [
      ['goals', v.goals],
      ['mean baseline (1–5)', v.meanBaseline],
      ['mean end (1–5)', v.meanEnd],
      ['mean change', v.meanChange],
    ]);
  return [
    ...ledger.sides.flatMap((s) =>
      (['self', 'partner'] as const).flatMap((view) =>
        change(`ledger: ${SIDE_LABELS[s.side]}, ${VIEW_LABELS[view]}`, s[view]),
      ),
    ),
    ...ledger.objectives.flatMap((o) =>
      (['self', 'partner'] as const).flatMap((view) =>
        change(`ledger: ${o.objective ?? 'no objective'}, ${VIEW_LABELS[view]}`, o[view]),
      ),
    ),
  ];
}
