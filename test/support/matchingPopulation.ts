// Candidates for matching as an organisation would import them, for the matching tests and benchmark:
// the same seed gives the same programme.
import type { MatchCandidate, MatchOptions } from '../../bot/src/domain/matching';
import { seededRandom } from './seededRandom';

/**
 * A programme as an organisation would import it: topics drawn with Zipf-like popularity from 400, each
 * person 3–9 skills and interests; executives in one management tree, each mentor under a line manager
 * (not in the programme) who reports to an executive, so every mentor's reporting line holds several
 * executives; one person in twenty was paired before.
 */
export function realisticPopulation(
  seed: number,
  mentors: number,
  executives: number,
): { candidates: MatchCandidate[]; options: MatchOptions } {
  const rand = seededRandom(seed);
  const TOPICS = 400;
  const weights = Array.from({ length: TOPICS }, (_, i) => 1 / (i + 1) ** 0.8);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[TOPICS - 1]!;
  const topic = () => {
    const r = rand() * total;
    let lo = 0;
    let hi = TOPICS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return `topic ${lo}`;
  };
  const terms = () => Array.from({ length: 3 + Math.floor(rand() * 7) }, topic);
  const department = () => `Department ${Math.floor(rand() * 25)}`;
  const candidates: MatchCandidate[] = [];
  for (let i = 0; i < executives; i++) {
    candidates.push({
      id: `e${i}`,
      name: `Executive ${i}`,
      role: 'mentee',
      skills: terms(),
      interests: terms(),
      department: department(),
      ...(i > 0 ? { managerId: `e${Math.floor(rand() * i)}` } : {}),
    });
  }
  const lineManagers = Math.max(1, Math.ceil(mentors / 8));
  const managers = new Map<string, string>();
  for (let k = 0; k < lineManagers; k++) managers.set(`line${k}`, `e${Math.floor(rand() * executives)}`);
  for (let i = 0; i < mentors; i++) {
    candidates.push({
      id: `m${i}`,
      name: `Mentor ${i}`,
      role: 'mentor',
      skills: terms(),
      interests: terms(),
      department: department(),
      managerId: `line${Math.floor(rand() * lineManagers)}`,
    });
  }
  const previousPairs = Array.from({ length: Math.floor((mentors + executives) / 20) }, () => ({
    mentorId: `m${Math.floor(rand() * mentors)}`,
    menteeId: `e${Math.floor(rand() * executives)}`,
  }));
  return { candidates, options: { previousPairs, managerOf: (id) => managers.get(id) } };
}
