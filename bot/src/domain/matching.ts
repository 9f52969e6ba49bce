/**
 * Pure matching engine for the reverse-mentoring programme.
 *
 * Junior employees (role `mentor`) are paired with senior executives
 * (role `mentee`). Pairs are scored with a "two-way ledger" and the set of
 * pairs is chosen by an optimal assignment (maximum total score, then the
 * largest number of pairs), solved by our Jonker–Volgenant (LAPJV) solver on
 * typed arrays (`assign`; `solveAssignment` adds forbidden cells). It beats
 * the `munkres` package on the matcher's own matrices (scripts/bench/matching.ts).
 * Large programmes run it in a worker thread (commands/matchSuggester.ts).
 *
 * No I/O: the only outside call is the optional `options.managerOf` lookup.
 */

export interface MatchCandidate {
  id: string;
  name: string;
  role: 'mentor' | 'mentee';
  skills: readonly string[];
  interests: readonly string[];
  department?: string;
  /** Id of this person's manager (may be someone not in the candidate list). */
  managerId?: string;
}

export interface MatchOptions {
  /** Never suggest these again (checked in both directions). */
  previousPairs?: readonly { mentorId: string; menteeId: string }[];
  avoidSameDepartment?: boolean;
  /** Suggestions an admin rejected: not suggested again (mentor → executive, this direction only). */
  rejectedPairs?: readonly { mentorId: string; menteeId: string }[];
  /** Directory lookup, used for people outside the candidate list as well as candidates. */
  managerOf?: (id: string) => string | undefined;
}

export interface SuggestedPair {
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: string[];
}

export interface Unmatched {
  id: string;
  reason: string;
}

export interface MatchResult {
  pairs: SuggestedPair[];
  unmatched: Unmatched[];
}

/** How far up a management chain we walk before giving up. */
const MAX_CHAIN_DEPTH = 50;
/** Weight of "what the junior teaches" (mentor skills ∩ executive interests). */
const TEACH_WEIGHT = 2;
/** Weight of "what the executive shares back" (executive skills ∩ mentor interests). */
const SHARE_WEIGHT = 1;

const FORBID_REPORTING_LINE = 1;
const FORBID_PREVIOUS_PAIR = 2;
const FORBID_SAME_DEPARTMENT = 4;
const FORBID_REJECTED = 8;

// ---------------------------------------------------------------------------
// Assignment solver
// ---------------------------------------------------------------------------

/**
 * Solves the (rectangular) assignment problem.
 *
 * `cost[r][c]` is the cost of assigning row `r` to column `c`; `Infinity`
 * marks a forbidden cell, which is never assigned. Returns, for each row, the
 * assigned column or -1.
 *
 * Objective (lexicographic): first assign as many rows as possible using
 * allowed cells only (that is min(rows, cols) when nothing is forbidden), then
 * minimise the total cost among those assignments. A row stays unassigned
 * (-1) when it has no allowed column left, e.g. every column is forbidden.
 *
 * Forbidden cells become "unassigned" (cost 0) and allowed cells are shifted
 * by B = max + n·(max − min) + 1 below zero, so one more assigned row always
 * outweighs any difference in cost; exact for integer costs, as exact as
 * floating point otherwise. Throws RangeError for ragged matrices, NaN,
 * -Infinity, or finite costs so far apart that the shift overflows.
 */
export function solveAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  const cols = cost[0]?.length ?? 0;
  let min = Infinity;
  let max = -Infinity;
  let forbidden = false;
  for (let r = 0; r < rows; r++) {
    const row = cost[r];
    if (!row || row.length !== cols) {
      throw new RangeError(`solveAssignment: row ${r} has ${row?.length ?? 0} columns, expected ${cols}`);
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || Number.isNaN(v) || v === -Infinity) {
        throw new RangeError(`solveAssignment: invalid cost ${String(v)} at [${r}][${c}]`);
      }
      if (v === Infinity) forbidden = true;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  const result = new Array<number>(rows).fill(-1);
  if (cols === 0 || min === Infinity) return result;

  const n = Math.min(rows, cols);
  const shift = forbidden ? max + n * (max - min) + 1 : 0;
  if (!Number.isFinite(shift * (n + 1)))
    throw new RangeError('solveAssignment: finite costs too far apart to weigh against forbidden cells');
  const flat = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = cost[r]!;
    for (let c = 0; c < cols; c++) {
      const v = row[c]!;
      flat[r * cols + c] = v === Infinity ? 0 : v - shift;
    }
  }
  const assigned = assign(rows, cols, flat);
  for (let r = 0; r < rows; r++) {
    const c = assigned[r]!;
    if (c >= 0 && cost[r]![c] !== Infinity) result[r] = c;
  }
  return result;
}

/**
 * Minimum-cost assignment of a rows×cols matrix of finite costs, row-major:
 * min(rows, cols) pairs, each row and column at most once. Returns, for each
 * row, its column or -1 (only when rows > cols).
 */
export function assign(rows: number, cols: number, cost: Float64Array): Int32Array {
  if (cost.length !== rows * cols) throw new RangeError(`assign: ${cost.length} costs for a ${rows}×${cols} matrix`);
  if (rows <= cols) return lapjv(rows, cols, cost);
  // The solver needs rows <= cols: solve the transpose and read it back.
  const transposed = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) transposed[c * rows + r] = cost[r * cols + c]!;
  const colToRow = lapjv(cols, rows, transposed);
  const result = new Int32Array(rows).fill(-1);
  for (let c = 0; c < cols; c++) result[colToRow[c]!] = c;
  return result;
}

/**
 * Jonker–Volgenant (LAPJV, 1987) for n rows <= m columns, every row assigned:
 * column reduction with reduction transfer (square matrices only), two
 * passes of augmenting row reduction, then shortest augmenting paths
 * (Dijkstra over columns, a whole batch of equally near columns at a time,
 * stopping at the first free one). Before the paths row by row, rounds of
 * augmenting along tight cells with one shared dual raise per round, which is
 * where the matcher's tie-heavy matrices are won. Only column potentials `v`
 * are kept; a row's potential is its least reduced cost. On a rectangular
 * matrix the columns left free keep v = 0, the largest potential, which is
 * what makes the partial column assignment optimal; column reduction would
 * break that, so it only runs on square matrices.
 */
function lapjv(n: number, m: number, cost: Float64Array): Int32Array {
  const x = new Int32Array(n).fill(-1); // row -> column
  const y = new Int32Array(m).fill(-1); // column -> row
  if (n === 0) return x;
  if (m === 1) {
    x[0] = 0;
    return x;
  }
  const v = new Float64Array(m);
  const free = new Int32Array(n);
  let numFree = 0;

  if (n === m) {
    // Column reduction: v[j] = the column's least cost, read row by row (the matrix is row-major).
    const argMin = new Int32Array(m);
    v.fill(Infinity);
    for (let i = 0; i < n; i++) {
      const off = i * m;
      for (let j = 0; j < m; j++) {
        const c = cost[off + j]!;
        if (c < v[j]!) {
          v[j] = c;
          argMin[j] = i;
        }
      }
    }
    // Each column goes to its cheapest row, unless that row already holds a cheaper column
    // (columns in reverse order, as Jonker and Volgenant do).
    const matches = new Int32Array(n);
    for (let j = m - 1; j >= 0; j--) {
      const i = argMin[j]!;
      if (++matches[i]! === 1) {
        x[i] = j;
        y[j] = i;
      } else if (v[j]! < v[x[i]!]!) {
        y[x[i]!] = -1;
        x[i] = j;
        y[j] = i;
      }
    }
    // Reduction transfer: a row holding one column keeps it at its least reduced cost, tied with the runner-up.
    for (let i = 0; i < n; i++) {
      if (matches[i] === 0) {
        free[numFree++] = i;
      } else if (matches[i] === 1) {
        const j1 = x[i]!;
        const off = i * m;
        let least = Infinity;
        for (let j = 0; j < m; j++) {
          if (j === j1) continue;
          const h = cost[off + j]! - v[j]!;
          if (h < least) least = h;
        }
        v[j1] = v[j1]! - least;
      }
    }
  } else {
    for (let i = 0; i < n; i++) free[i] = i;
    numFree = n;
  }

  // Augmenting row reduction, twice: a free row takes its best column, lowering that column's potential
  // to the row's runner-up so the row keeps it, and the column's former row becomes free. Rows can
  // bounce a column between them by tiny steps for a long time, so the work is capped at 4 scans per
  // row; whatever is still free then is left to the augmenting paths (every step keeps the invariants).
  let budget = 4 * n;
  for (let pass = 0; pass < 2 && numFree > 0; pass++) {
    let k = 0;
    const previous = numFree;
    numFree = 0;
    while (k < previous) {
      if (budget-- <= 0) {
        while (k < previous) free[numFree++] = free[k++]!;
        break;
      }
      const i = free[k++]!;
      const off = i * m;
      // Least (u1 at j1) and second least (u2 at j2) reduced cost; among tied least columns j1 is a
      // free one if there is one, which matters on matrices with few distinct costs.
      let u1 = cost[off]! - v[0]!;
      let u2 = Infinity;
      let j1 = 0;
      let j2 = -1;
      for (let j = 1; j < m; j++) {
        const h = cost[off + j]! - v[j]!;
        if (h < u1) {
          u2 = u1;
          j2 = j1;
          u1 = h;
          j1 = j;
        } else if (h === u1) {
          u2 = h;
          if (y[j1]! >= 0 && y[j]! < 0) {
            j2 = j1;
            j1 = j;
          } else {
            j2 = j;
          }
        } else if (h < u2) {
          u2 = h;
          j2 = j;
        }
      }
      let i0 = y[j1]!;
      if (u1 < u2) {
        v[j1] = v[j1]! - (u2 - u1);
      } else if (i0 >= 0) {
        // A tie among taken columns only: take the runner-up; its row tries again next pass.
        j1 = j2;
        i0 = y[j1]!;
      }
      x[i] = j1;
      y[j1] = i;
      if (i0 >= 0) {
        x[i0] = -1;
        // A strictly better column was taken from i0: try i0 again at once; after a tie, next pass.
        if (u1 < u2) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }

  // Then, while that pays: augment along tight cells only, and raise the duals of all free rows at once
  // (one shortest-path search from all of them) so that the next shortest augmenting paths turn tight.
  // On the matcher's matrices (few distinct costs) path lengths take few values and a handful of rounds
  // place every row; with many distinct costs a round places few rows (under a quarter of those left),
  // and each row searches alone.
  const search = new ShortestPaths(m, cost, v, x, y);
  while (numFree > 0) {
    const before = numFree;
    numFree = augmentTight(n, m, cost, v, x, y, free, numFree);
    if (numFree === 0 || (before - numFree) * 4 < before) break;
    search.run(free, numFree);
    let left = 0;
    for (let f = 0; f < numFree; f++) if (x[free[f]!]! < 0) free[left++] = free[f]!;
    numFree = left;
  }
  for (let f = 0; f < numFree; f++) search.run(free.subarray(f, f + 1), 1);
  return x;
}

/**
 * Dijkstra over columns from one or more free rows (each at distance 0, measured in reduced costs),
 * settling a whole batch of equally near columns at a time and stopping at the first free column.
 * It then moves the potentials of the settled columns, so that every shortest augmenting path becomes
 * tight, and augments along the one it found. Loops run over all columns in order with a settled
 * flag: sequential reads beat a shrinking list of indices.
 */
class ShortestPaths {
  private readonly d: Float64Array;
  private readonly pred: Int32Array;
  private readonly settled: Uint8Array;
  /** Settled columns, in the order they were settled. */
  private readonly order: Int32Array;

  constructor(
    private readonly m: number,
    private readonly cost: Float64Array,
    private readonly v: Float64Array,
    private readonly x: Int32Array,
    private readonly y: Int32Array,
  ) {
    this.d = new Float64Array(m);
    this.pred = new Int32Array(m);
    this.settled = new Uint8Array(m);
    this.order = new Int32Array(m);
  }

  run(sources: Int32Array, count: number): void {
    const { m, cost, v, x, y, d, pred, settled, order } = this;
    d.fill(Infinity);
    settled.fill(0);
    for (let s = 0; s < count; s++) {
      const i = sources[s]!;
      const off = i * m;
      let u = Infinity;
      for (let j = 0; j < m; j++) {
        const h = cost[off + j]! - v[j]!;
        if (h < u) u = h;
      }
      for (let j = 0; j < m; j++) {
        const h = cost[off + j]! - v[j]! - u;
        if (h < d[j]!) {
          d[j] = h;
          pred[j] = i;
        }
      }
    }
    let settledCount = 0;
    let next = 0; // order[next, settledCount) are settled at distance `least` and wait to be scanned
    let least = 0;
    let end = -1;
    while (end < 0) {
      if (next === settledCount) {
        // Every settled column is scanned: settle the nearest columns left.
        least = Infinity;
        for (let j = 0; j < m; j++) if (settled[j] === 0 && d[j]! < least) least = d[j]!;
        for (let j = 0; j < m; j++) {
          if (settled[j] === 0 && d[j] === least) {
            settled[j] = 1;
            order[settledCount++] = j;
            if (y[j]! < 0) end = j;
          }
        }
        if (end >= 0) break;
      }
      // Scan the row holding the next settled column: can it bring other columns nearer?
      const j1 = order[next++]!;
      const i = y[j1]!;
      const off = i * m;
      const h = cost[off + j1]! - v[j1]! - least;
      for (let j = 0; j < m; j++) {
        if (settled[j] !== 0) continue;
        const reduced = cost[off + j]! - v[j]! - h;
        if (reduced < d[j]!) {
          d[j] = reduced;
          pred[j] = i;
          if (reduced === least) {
            settled[j] = 1;
            order[settledCount++] = j;
            if (y[j]! < 0) {
              end = j;
              break;
            }
          }
        }
      }
    }
    // Settled columns move their potentials by how much nearer than the path's end they were.
    for (let k = 0; k < settledCount; k++) {
      const j = order[k]!;
      v[j] = v[j]! + d[j]! - least;
    }
    // Flip the alternating path back to the free row it started from.
    let j = end;
    for (;;) {
      const i = pred[j]!;
      y[j] = i;
      const previous = x[i]!;
      x[i] = j;
      if (previous < 0) break;
      j = previous;
    }
  }
}

/**
 * Augmenting paths along tight cells only (c − v equal to the row's least reduced cost), found by
 * depth-first search over per-row lists of tight columns: the duals stay as they are, so this costs
 * the cells it looks at rather than a whole row per visited row. Returns how many rows are still free
 * (compacted at the front of `free`).
 */
function augmentTight(
  n: number,
  m: number,
  cost: Float64Array,
  v: Float64Array,
  x: Int32Array,
  y: Int32Array,
  free: Int32Array,
  numFree: number,
): number {
  if (numFree === 0) return 0;
  // Tight columns of every row, CSR: tight[start[i], start[i + 1]).
  const start = new Int32Array(n + 1);
  let tight = new Int32Array(4 * n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const off = i * m;
    let least = Infinity;
    const first = size;
    for (let j = 0; j < m; j++) {
      const h = cost[off + j]! - v[j]!;
      if (h > least) continue;
      if (h < least) {
        least = h;
        size = first;
      }
      if (size === tight.length) {
        const grown = new Int32Array(tight.length * 2);
        grown.set(tight);
        tight = grown;
      }
      tight[size++] = j;
    }
    start[i + 1] = size;
  }
  const seen = new Int32Array(n); // the search that last entered the row, 1-based
  const rowStack = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const via = new Int32Array(n); // the column through which the row on the stack was entered
  let left = 0;
  for (let f = 0; f < numFree; f++) {
    const root = free[f]!;
    let depth = 0;
    let end = -1;
    rowStack[0] = root;
    seen[root] = f + 1;
    for (let e = start[root]!; e < start[root + 1]! && end < 0; e++) if (y[tight[e]!]! < 0) end = tight[e]!;
    nextEdge[0] = start[root]!;
    while (end < 0 && depth >= 0) {
      const i = rowStack[depth]!;
      if (nextEdge[depth] === start[i + 1]) {
        depth--;
        continue;
      }
      const j = tight[nextEdge[depth]!++]!;
      const k = y[j]!;
      if (seen[k] === f + 1) continue;
      seen[k] = f + 1;
      depth++;
      rowStack[depth] = k;
      via[depth] = j;
      nextEdge[depth] = start[k]!;
      // A free tight column ends the path at once.
      for (let e = start[k]!; e < start[k + 1]!; e++) {
        if (y[tight[e]!]! < 0) {
          end = tight[e]!;
          break;
        }
      }
    }
    if (end < 0) {
      free[left++] = root;
      continue;
    }
    // Flip the path: each row on the stack takes the column that led to the next one, the last the free column.
    for (let level = depth; level >= 0; level--) {
      const i = rowStack[level]!;
      x[i] = end;
      y[end] = i;
      end = via[level]!;
    }
  }
  return left;
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

interface Person {
  candidate: MatchCandidate;
  /** normalised term -> first spelling seen, in input order */
  skills: Map<string, string>;
  interests: Map<string, string>;
  department: string | undefined;
}

function normaliseTerm(s: string): string {
  return s.trim().toLowerCase();
}

function termMap(list: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const raw of list) {
    if (typeof raw !== 'string') continue;
    const key = normaliseTerm(raw);
    if (key !== '' && !out.has(key)) out.set(key, raw.trim());
  }
  return out;
}

function normaliseDepartment(d: string | undefined): string | undefined {
  if (typeof d !== 'string') return undefined;
  const key = normaliseTerm(d);
  return key === '' ? undefined : key;
}

/** Display spellings (from `a`, in `a`'s order) of the terms `a` and `b` share. */
function overlap(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, display] of a) if (b.has(key)) out.push(display);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function joinCauses(causes: string[]): string {
  if (causes.length <= 1) return causes[0] ?? '';
  return `${causes.slice(0, -1).join(', ')} or ${causes[causes.length - 1]}`;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Suggests mentor/executive pairs.
 *
 * Score = 2·|mentor.skills ∩ executive.interests| + 1·|executive.skills ∩ mentor.interests|
 * (case-insensitive, trimmed). Forbidden pairs: either person is in the
 * other's management chain (via candidates' managerId and options.managerOf),
 * previously paired (either direction), or same department when
 * avoidSameDepartment is set. The chosen pairs maximise the total score and,
 * among equal totals, the number of pairs; so score-0 pairs only appear when
 * they cost nobody a better partner.
 */
export function suggestMatches(candidates: readonly MatchCandidate[], options: MatchOptions = {}): MatchResult {
  const problem = matchingProblem(candidates, options);
  const assignment = optimalAssignment(problem);
  return { pairs: pairsWithReasons(problem, assignment.menteeOf), unmatched: unmatchedOf(problem, assignment) };
}

/** Who is paired with whom: the mentee index of each mentor and the mentor index of each mentee (-1: nobody). */
interface Assignment {
  menteeOf: Int32Array;
  mentorOf: Int32Array;
}

/** The assignment that maximises the total score, then the number of pairs; forbidden cells stay unassigned. */
function optimalAssignment(problem: MatchingProblem): Assignment {
  const M = problem.mentors.length;
  const E = problem.mentees.length;
  const menteeOf = new Int32Array(M).fill(-1);
  const mentorOf = new Int32Array(E).fill(-1);
  if (M === 0 || E === 0) return { menteeOf, mentorOf };
  const { rows, cols, cost } = costMatrix(problem);
  const assignment = assign(rows, cols, cost);
  const rowsAreMentors = M <= E;
  for (let r = 0; r < rows; r++) {
    const c = assignment[r]!;
    if (c < 0) continue;
    const a = rowsAreMentors ? r : c;
    const b = rowsAreMentors ? c : r;
    if (problem.forbidden[a * E + b] !== 0) continue;
    menteeOf[a] = b;
    mentorOf[b] = a;
  }
  return { menteeOf, mentorOf };
}

/** The chosen pairs with their score and the reasons an admin reads, ordered by mentor id then executive id. */
function pairsWithReasons({ mentors, mentees }: MatchingProblem, menteeOf: Int32Array): SuggestedPair[] {
  const pairs: SuggestedPair[] = [];
  mentors.forEach((mentor, a) => {
    const b = menteeOf[a]!;
    if (b < 0) return;
    const mentee = mentees[b]!;
    const teaches = overlap(mentor.skills, mentee.interests);
    const shares = overlap(mentee.skills, mentor.interests);
    const reasons: string[] = [];
    if (teaches.length > 0) reasons.push(`Mentor's skills match the executive's interests: ${teaches.join(', ')}`);
    if (shares.length > 0) reasons.push(`Executive can share back: ${shares.join(', ')}`);
    if (teaches.length === 0 && shares.length === 0) {
      reasons.push('No shared skills or interests; paired to give everyone a partner');
    }
    if (mentor.department !== undefined && mentee.department !== undefined && mentor.department !== mentee.department) {
      reasons.push('Different departments');
    }
    pairs.push({
      mentorId: mentor.candidate.id,
      menteeId: mentee.candidate.id,
      score: TEACH_WEIGHT * teaches.length + SHARE_WEIGHT * shares.length,
      reasons,
    });
  });
  // Ids are unique after dedupe, so this order is total.
  return pairs.sort((x, y) => compareIds(x.mentorId, y.mentorId) || compareIds(x.menteeId, y.menteeId));
}

/** Everyone left without a partner, in input order, with the reason. */
function unmatchedOf(
  { order, invalid, mentors, mentees, mentorIndex, menteeIndex, forbidden }: MatchingProblem,
  { menteeOf, mentorOf }: Assignment,
): Unmatched[] {
  const M = mentors.length;
  const E = mentees.length;
  const unmatched: Unmatched[] = [];
  for (const c of order) {
    if (invalid.has(c.id)) {
      unmatched.push({ id: c.id, reason: `Unknown role "${String(c.role)}"; expected "mentor" or "mentee"` });
      continue;
    }
    const a = mentorIndex.get(c.id);
    if (a !== undefined) {
      if (menteeOf[a]! >= 0) continue;
      unmatched.push({ id: c.id, reason: unmatchedReason('mentor', M, E, (b) => forbidden[a * E + b]!) });
      continue;
    }
    const b = menteeIndex.get(c.id);
    if (b !== undefined && mentorOf[b]! < 0) {
      unmatched.push({ id: c.id, reason: unmatchedReason('mentee', E, M, (a) => forbidden[a * E + b]!) });
    }
  }
  return unmatched;
}

/** Candidates after dedupe, split by role, with forbidden pairs and term ids: everything the cost matrix needs. */
interface MatchingProblem {
  order: MatchCandidate[];
  invalid: Set<string>;
  mentors: Person[];
  mentees: Person[];
  mentorIndex: Map<string, number>;
  menteeIndex: Map<string, number>;
  /** Mentor-major M×E: why a pair is forbidden (FORBID_* flags), 0 if allowed. */
  forbidden: Uint8Array;
  mentorSkillIds: Int32Array[];
  mentorInterestIds: Int32Array[];
  menteeSkillIds: Int32Array[];
  menteeInterestIds: Int32Array[];
  termCount: number;
}

function matchingProblem(candidates: readonly MatchCandidate[], options: MatchOptions): MatchingProblem {
  const { byId, order, mentors, mentees, invalid } = candidatesByRole(candidates);
  const mentorIndex = new Map(mentors.map((p, i) => [p.candidate.id, i] as const));
  const menteeIndex = new Map(mentees.map((p, i) => [p.candidate.id, i] as const));
  const forbidden = forbiddenPairs(
    { mentors, mentees, mentorIndex, menteeIndex },
    reportingLines(byId, options),
    options,
  );
  const terms = termIds();
  return {
    order,
    invalid,
    mentors,
    mentees,
    mentorIndex,
    menteeIndex,
    forbidden,
    mentorSkillIds: mentors.map((p) => terms.idsOf(p.skills)),
    mentorInterestIds: mentors.map((p) => terms.idsOf(p.interests)),
    menteeSkillIds: mentees.map((p) => terms.idsOf(p.skills)),
    menteeInterestIds: mentees.map((p) => terms.idsOf(p.interests)),
    termCount: terms.count(),
  };
}

/** Candidates once each (the first occurrence wins), in input order, split by role; an unknown role is invalid. */
function candidatesByRole(candidates: readonly MatchCandidate[]) {
  const byId = new Map<string, MatchCandidate>();
  const order: MatchCandidate[] = [];
  for (const c of candidates) {
    if (!c || typeof c.id !== 'string' || byId.has(c.id)) continue;
    byId.set(c.id, c);
    order.push(c);
  }
  const toPerson = (c: MatchCandidate): Person => ({
    candidate: c,
    skills: termMap(c.skills),
    interests: termMap(c.interests),
    department: normaliseDepartment(c.department),
  });
  const mentors: Person[] = [];
  const mentees: Person[] = [];
  const invalid = new Set<string>();
  for (const c of order) {
    if (c.role === 'mentor') mentors.push(toPerson(c));
    else if (c.role === 'mentee') mentees.push(toPerson(c));
    else invalid.add(c.id);
  }
  return { byId, order, mentors, mentees, invalid };
}

/** Everyone above a person within MAX_CHAIN_DEPTH levels (cycle-safe): the candidates' managerId and options.managerOf. */
function reportingLines(byId: ReadonlyMap<string, MatchCandidate>, options: MatchOptions): (id: string) => Set<string> {
  const managerCache = new Map<string, string[]>();
  const managersOf = (id: string): string[] => {
    let cached = managerCache.get(id);
    if (cached) return cached;
    cached = [];
    const fromList = byId.get(id)?.managerId;
    if (typeof fromList === 'string' && fromList !== '' && fromList !== id) cached.push(fromList);
    const fromDirectory = options.managerOf?.(id);
    if (
      typeof fromDirectory === 'string' &&
      fromDirectory !== '' &&
      fromDirectory !== id &&
      fromDirectory !== fromList
    ) {
      cached.push(fromDirectory);
    }
    managerCache.set(id, cached);
    return cached;
  };
  return (id: string): Set<string> => {
    const seen = new Set<string>();
    let frontier = [id];
    for (let depth = 0; depth < MAX_CHAIN_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const x of frontier) {
        for (const mgr of managersOf(x)) {
          if (mgr === id || seen.has(mgr)) continue;
          seen.add(mgr);
          next.push(mgr);
        }
      }
      frontier = next;
    }
    return seen;
  };
}

/**
 * Mentor-major M×E: why each pair is forbidden (FORBID_* flags), 0 if allowed: one is above the other in a
 * reporting line, they were paired before (either direction), the admin rejected the pair, or (on request)
 * they are in the same department. Index based, so 4,000×4,000 stays cheap.
 */
function forbiddenPairs(
  sides: Pick<MatchingProblem, 'mentors' | 'mentees' | 'mentorIndex' | 'menteeIndex'>,
  ancestorsOf: (id: string) => Set<string>,
  options: MatchOptions,
): Uint8Array {
  const { mentors, mentees, mentorIndex, menteeIndex } = sides;
  const M = mentors.length;
  const E = mentees.length;
  const forbidden = new Uint8Array(M * E);
  const forbid = (a: number, b: number, flag: number): void => {
    forbidden[a * E + b] = forbidden[a * E + b]! | flag;
  };

  mentors.forEach((p, a) => {
    for (const up of ancestorsOf(p.candidate.id)) {
      const b = menteeIndex.get(up);
      if (b !== undefined) forbid(a, b, FORBID_REPORTING_LINE);
    }
  });
  mentees.forEach((p, b) => {
    for (const up of ancestorsOf(p.candidate.id)) {
      const a = mentorIndex.get(up);
      if (a !== undefined) forbid(a, b, FORBID_REPORTING_LINE);
    }
  });

  for (const pp of options.previousPairs ?? []) {
    if (!pp) continue;
    // Checked in both directions: the same two people were paired before.
    let a = mentorIndex.get(pp.mentorId);
    let b = menteeIndex.get(pp.menteeId);
    if (a !== undefined && b !== undefined) forbid(a, b, FORBID_PREVIOUS_PAIR);
    a = mentorIndex.get(pp.menteeId);
    b = menteeIndex.get(pp.mentorId);
    if (a !== undefined && b !== undefined) forbid(a, b, FORBID_PREVIOUS_PAIR);
  }

  for (const rp of options.rejectedPairs ?? []) {
    const a = rp ? mentorIndex.get(rp.mentorId) : undefined;
    const b = rp ? menteeIndex.get(rp.menteeId) : undefined;
    if (a !== undefined && b !== undefined) forbid(a, b, FORBID_REJECTED);
  }

  if (options.avoidSameDepartment === true) {
    for (let a = 0; a < M; a++) {
      const d = mentors[a]!.department;
      if (d === undefined) continue;
      for (let b = 0; b < E; b++) if (mentees[b]!.department === d) forbid(a, b, FORBID_SAME_DEPARTMENT);
    }
  }
  return forbidden;
}

/** Terms as small integers, so scoring compares numbers. */
function termIds() {
  const ids = new Map<string, number>();
  return {
    idsOf(terms: Map<string, string>): Int32Array {
      const out = new Int32Array(terms.size);
      let i = 0;
      for (const key of terms.keys()) {
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
        }
        out[i++] = id;
      }
      return out;
    },
    count: () => ids.size,
  };
}

/**
 * The cost matrix of the optimal assignment, rows the smaller side (so every row gets a column),
 * row-major. An allowed cell costs -(score·K + 1) < 0 with K > the largest possible number of pairs,
 * so the minimum is lexicographic: total score first, then number of pairs. A forbidden cell costs 0,
 * exactly what "leave this row unassigned" costs: since rows <= columns this is the usual
 * dummy-column construction folded into the matrix, and a row landing on a forbidden cell is reported
 * as unassigned (it is never suggested).
 */
function costMatrix(problem: MatchingProblem): { rows: number; cols: number; cost: Float64Array } {
  const { mentors, mentees, forbidden } = problem;
  const M = mentors.length;
  const E = mentees.length;
  const rowsAreMentors = M <= E;
  const rows = rowsAreMentors ? M : E;
  const cols = rowsAreMentors ? E : M;
  const K = Math.min(M, E) + 1;
  // Row r and column c score TEACH·|teach(r) ∩ learn(c)| + SHARE·|share(r) ∩ hear(c)|: counted from
  // per-term lists of columns, so the work is the number of shared terms, not rows × cols × terms.
  const rowTeach = rowsAreMentors ? problem.mentorSkillIds : problem.menteeInterestIds;
  const rowShare = rowsAreMentors ? problem.mentorInterestIds : problem.menteeSkillIds;
  const colsWith = (ids: Int32Array[]): Int32Array[] => {
    const sizes = new Int32Array(problem.termCount);
    for (const list of ids) for (const t of list) sizes[t]!++;
    const out = Array.from(sizes, (size) => new Int32Array(size));
    sizes.fill(0);
    ids.forEach((list, c) => {
      for (const t of list) out[t]![sizes[t]!++] = c;
    });
    return out;
  };
  const teachTo = colsWith(rowsAreMentors ? problem.menteeInterestIds : problem.mentorSkillIds);
  const shareTo = colsWith(rowsAreMentors ? problem.menteeSkillIds : problem.mentorInterestIds);
  const cost = new Float64Array(rows * cols);
  const score = new Int32Array(cols);
  for (let r = 0; r < rows; r++) {
    for (const t of rowTeach[r]!) for (const c of teachTo[t]!) score[c]! += TEACH_WEIGHT;
    for (const t of rowShare[r]!) for (const c of shareTo[t]!) score[c]! += SHARE_WEIGHT;
    const off = r * cols;
    for (let c = 0; c < cols; c++) {
      const allowed = forbidden[rowsAreMentors ? r * E + c : c * E + r] === 0;
      cost[off + c] = allowed ? -(score[c]! * K + 1) : 0;
      score[c] = 0;
    }
  }
  return { rows, cols, cost };
}

/** The matrix suggestMatches solves, for the benchmark that runs other solvers on it. */
export function matchingCostMatrix(
  candidates: readonly MatchCandidate[],
  options: MatchOptions = {},
): { rows: number; cols: number; cost: Float64Array } {
  return costMatrix(matchingProblem(candidates, options));
}

/**
 * Explains why a person was left without a partner. `own`/`other` are the
 * sizes of this person's side and the opposite side; `flagsWith(i)` gives the
 * forbidden-flags of the pair with the i-th person on the opposite side.
 */
function unmatchedReason(
  role: 'mentor' | 'mentee',
  own: number,
  other: number,
  flagsWith: (i: number) => number,
): string {
  const self = role === 'mentor' ? 'mentor' : 'executive';
  const partner = role === 'mentor' ? 'executive' : 'mentor';
  if (other === 0) return `No ${partner}s in the candidate list`;

  let compatible = 0;
  let causes = 0;
  for (let i = 0; i < other; i++) {
    const f = flagsWith(i);
    if (f === 0) compatible++;
    else causes |= f;
  }
  if (compatible === 0) {
    const phrases: string[] = [];
    if (causes & FORBID_REPORTING_LINE) phrases.push(`is in this ${self}'s reporting line`);
    if (causes & FORBID_PREVIOUS_PAIR) phrases.push('was paired before');
    if (causes & FORBID_SAME_DEPARTMENT) phrases.push('is in the same department');
    if (causes & FORBID_REJECTED) phrases.push('was rejected by the admin');
    const every = other === 1 ? `the only ${partner}` : `every ${partner}`;
    return `No ${partner} available: ${every} ${joinCauses(phrases)}`;
  }

  // Compatible partners exist but an optimal assignment never leaves a
  // compatible pair both unmatched, so every one of them was taken.
  const taken =
    compatible === 1
      ? `the only compatible ${partner} was paired with another ${self}`
      : `all ${compatible} compatible ${partner}s were paired with other ${self}s`;
  if (own > other) {
    return `More ${self}s than ${partner}s (${plural(own, self)}, ${plural(other, partner)}); ${taken}`;
  }
  return `${taken.charAt(0).toUpperCase()}${taken.slice(1)} for a better overall match`;
}
