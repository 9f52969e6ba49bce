import { munkres } from 'munkres';

/**
 * Pure matching engine for the reverse-mentoring programme.
 *
 * Junior employees (role `mentor`) are paired with senior executives
 * (role `mentee`). Pairs are scored with a "two-way ledger" and the set of
 * pairs is chosen by an optimal assignment (maximum total score, then the
 * largest number of pairs). suggestMatches solves it with the `munkres`
 * package; solveAssignment is our own shortest-augmenting-path Hungarian
 * algorithm (Jonker–Volgenant style, O(n²·m)) for matrices with forbidden
 * cells, and the reference the benchmark measures munkres against.
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
 * Algorithm: shortest augmenting paths with potentials (Hungarian / Jonker–
 * Volgenant), O(n²·m) for n = min(rows, cols), m = max(rows, cols). Forbidden
 * cells are not replaced by a "big M" constant (which would lose precision);
 * instead every quantity is a pair (number of forbidden cells, finite cost)
 * compared lexicographically, which is an ordered group so the algorithm
 * stays exact.
 *
 * Throws RangeError for ragged matrices, NaN or -Infinity.
 */
export function solveAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  const cols = cost[0]?.length ?? 0;
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
    }
  }
  const result = new Array<number>(rows).fill(-1);
  if (cols === 0) return result;

  // The core algorithm needs n <= m; transpose when there are more rows than columns.
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const lo = new Float64Array(n * m);
  const hi = new Uint8Array(n * m);
  for (let r = 0; r < rows; r++) {
    const row = cost[r]!;
    for (let c = 0; c < cols; c++) {
      const v = row[c]!;
      const k = transpose ? c * m + r : r * m + c;
      if (v === Infinity) hi[k] = 1;
      else lo[k] = v;
    }
  }

  const assigned = hungarian(n, m, lo, hi);
  for (let i = 0; i < n; i++) {
    const j = assigned[i]!;
    if (j < 0 || hi[i * m + j] === 1) continue; // forbidden cell = not assigned
    if (transpose) result[j] = i;
    else result[i] = j;
  }
  return result;
}

/**
 * Minimum-cost assignment of every row of an n×m matrix (n <= m) whose cells
 * cost the pair (hi, lo), compared lexicographically. Returns row -> column.
 * Classic O(n²·m) shortest augmenting path formulation with row/column
 * potentials; arrays are 1-based internally (index 0 is the virtual source).
 */
function hungarian(n: number, m: number, lo: Float64Array, hi: Uint8Array): Int32Array {
  const uH = new Float64Array(n + 1);
  const uL = new Float64Array(n + 1);
  const vH = new Float64Array(m + 1);
  const vL = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j]: row (1-based) matched to column j, 0 = free
  const way = new Int32Array(m + 1);
  const minH = new Float64Array(m + 1);
  const minL = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);

  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minH.fill(Infinity);
    minL.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      const rowOff = (i0 - 1) * m - 1;
      const ui0H = uH[i0]!;
      const ui0L = uL[i0]!;
      let dH = Infinity;
      let dL = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j] === 1) continue;
        const k = rowOff + j;
        const curH = hi[k]! - ui0H - vH[j]!;
        const curL = lo[k]! - ui0L - vL[j]!;
        let mh = minH[j]!;
        let ml = minL[j]!;
        if (curH < mh || (curH === mh && curL < ml)) {
          mh = curH;
          ml = curL;
          minH[j] = mh;
          minL[j] = ml;
          way[j] = j0;
        }
        // On ties prefer a free column: it ends the search immediately
        // (this matters a lot for matrices with many equal costs).
        if (mh < dH || (mh === dH && (ml < dL || (ml === dL && p[j] === 0 && p[j1] !== 0)))) {
          dH = mh;
          dL = ml;
          j1 = j;
        }
      }
      // n <= m guarantees an unused column, and every cell is finite in pair form.
      if (j1 === 0) throw new Error('solveAssignment: internal error (no augmenting column)');
      for (let j = 0; j <= m; j++) {
        if (used[j] === 1) {
          const r = p[j]!;
          uH[r] = uH[r]! + dH;
          uL[r] = uL[r]! + dL;
          vH[j] = vH[j]! - dH;
          vL[j] = vL[j]! - dL;
        } else {
          minH[j] = minH[j]! - dH;
          minL[j] = minL[j]! - dL;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    // Augment along the alternating path.
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  const rowToCol = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) {
    const r = p[j]!;
    if (r > 0) rowToCol[r - 1] = j - 1;
  }
  return rowToCol;
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
  // --- dedupe (first occurrence wins), split by role ---------------------
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
  const M = mentors.length;
  const E = mentees.length;

  // --- reporting lines ----------------------------------------------------
  const managerCache = new Map<string, string[]>();
  const managersOf = (id: string): string[] => {
    let cached = managerCache.get(id);
    if (cached) return cached;
    cached = [];
    const fromList = byId.get(id)?.managerId;
    if (typeof fromList === 'string' && fromList !== '' && fromList !== id) cached.push(fromList);
    const fromDirectory = options.managerOf?.(id);
    if (typeof fromDirectory === 'string' && fromDirectory !== '' && fromDirectory !== id && fromDirectory !== fromList) {
      cached.push(fromDirectory);
    }
    managerCache.set(id, cached);
    return cached;
  };
  /** Everyone above `id` within MAX_CHAIN_DEPTH levels (cycle-safe). */
  const ancestorsOf = (id: string): Set<string> => {
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
  // --- compatibility and scores (mentor-major M×E) ------------------------
  // Everything below is index based so 500×500 stays cheap.
  const forbidden = new Uint8Array(M * E);
  const forbid = (a: number, b: number, flag: number): void => {
    forbidden[a * E + b] = forbidden[a * E + b]! | flag;
  };
  const mentorIndex = new Map(mentors.map((p, i) => [p.candidate.id, i] as const));
  const menteeIndex = new Map(mentees.map((p, i) => [p.candidate.id, i] as const));

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

  // Terms -> small integers; per mentor, stamp its skills/interests, then
  // count each executive's matching interests/skills.
  const termIds = new Map<string, number>();
  const idsOf = (terms: Map<string, string>): Int32Array => {
    const out = new Int32Array(terms.size);
    let i = 0;
    for (const key of terms.keys()) {
      let id = termIds.get(key);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(key, id);
      }
      out[i++] = id;
    }
    return out;
  };
  const mentorSkillIds = mentors.map((p) => idsOf(p.skills));
  const mentorInterestIds = mentors.map((p) => idsOf(p.interests));
  const menteeSkillIds = mentees.map((p) => idsOf(p.skills));
  const menteeInterestIds = mentees.map((p) => idsOf(p.interests));
  const skillStamp = new Int32Array(termIds.size);
  const interestStamp = new Int32Array(termIds.size);
  const score = new Int32Array(M * E);
  for (let a = 0; a < M; a++) {
    const stamp = a + 1;
    for (const t of mentorSkillIds[a]!) skillStamp[t] = stamp;
    for (const t of mentorInterestIds[a]!) interestStamp[t] = stamp;
    for (let b = 0; b < E; b++) {
      const k = a * E + b;
      if (forbidden[k] !== 0) continue;
      let teach = 0;
      for (const t of menteeInterestIds[b]!) if (skillStamp[t] === stamp) teach++;
      let share = 0;
      for (const t of menteeSkillIds[b]!) if (interestStamp[t] === stamp) share++;
      score[k] = TEACH_WEIGHT * teach + SHARE_WEIGHT * share;
    }
  }

  // --- optimal assignment -------------------------------------------------
  // Rows are the smaller side, so every row gets a column. An allowed cell
  // costs -(score·K + 1) < 0 with K > max possible pair count, so the
  // minimum is lexicographic: total score first, then number of pairs.
  // A forbidden cell costs 0, exactly what "leave this row unassigned" costs:
  // since rows <= columns this is the usual dummy-column construction folded
  // into the matrix, and any row landing on a forbidden cell is reported as
  // unassigned (it is never suggested).
  const menteeOf = new Int32Array(M).fill(-1);
  const mentorOf = new Int32Array(E).fill(-1);
  if (M > 0 && E > 0) {
    const rowsAreMentors = M <= E;
    const R = rowsAreMentors ? M : E;
    const C = rowsAreMentors ? E : M;
    const K = Math.min(M, E) + 1;
    const cost: number[][] = [];
    for (let r = 0; r < R; r++) {
      const row = new Array<number>(C);
      for (let c = 0; c < C; c++) {
        const k = rowsAreMentors ? r * E + c : c * E + r;
        row[c] = forbidden[k] === 0 ? -(score[k]! * K + 1) : 0;
      }
      cost.push(row);
    }
    // The `munkres` package solves this rectangular, all-finite matrix to the same optimum as
    // solveAssignment, about 3–4× faster (scripts/bench/matching.ts), so it does the work here.
    const assignment = new Int32Array(R).fill(-1);
    for (const [r, c] of munkres(cost)) assignment[r] = c;
    for (let r = 0; r < R; r++) {
      const c = assignment[r]!;
      if (c < 0) continue;
      const a = rowsAreMentors ? r : c;
      const b = rowsAreMentors ? c : r;
      if (forbidden[a * E + b] !== 0) continue;
      menteeOf[a] = b;
      mentorOf[b] = a;
    }
  }

  // --- pairs with reasons ---------------------------------------------------
  const pairs: SuggestedPair[] = [];
  for (let a = 0; a < M; a++) {
    const b = menteeOf[a]!;
    if (b < 0) continue;
    const mentor = mentors[a]!;
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
  }
  // Ids are unique after dedupe, so this order is total.
  pairs.sort((x, y) => compareIds(x.mentorId, y.mentorId) || compareIds(x.menteeId, y.menteeId));

  // --- unmatched, in input order -------------------------------------------
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

  return { pairs, unmatched };
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
