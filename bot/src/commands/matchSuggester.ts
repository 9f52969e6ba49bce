import type { MatchResult } from '../domain/matching';
import type { ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { programPairs, programParticipants } from '../store/queries';
import { suggestMatchesInWorker } from './matchWorker';

/**
 * Suggests pairs among participants who are not in an active or paused pair; past pairs are not repeated,
 * rejected suggestions are not made again, and nobody is paired within their reporting line (each
 * participant's chain as the directory gave it at import, plus the managers recorded on participants).
 * The matching itself runs on a worker thread, so other requests go on meanwhile.
 */
export async function matchSuggester(
  store: Store,
  program: ProgramDoc,
  options: { avoidSameDepartment: boolean; rejected?: readonly { mentorId: string; menteeId: string }[] },
): Promise<MatchResult> {
  const [participants, pairs] = await Promise.all([programParticipants(store, program), programPairs(store, program)]);
  const busy = new Set(pairs.filter((p) => p.status !== 'ended').flatMap((p) => [p.mentor.id, p.mentee.id]));
  // Busy participants and managers outside the programme still count as links in someone's reporting line.
  const managers = new Map<string, string>();
  for (const p of participants) {
    const chain = [p.userId, ...(p.managerChain ?? (p.managerId ? [p.managerId] : []))];
    for (let i = 0; i + 1 < chain.length; i++) if (!managers.has(chain[i]!)) managers.set(chain[i]!, chain[i + 1]!);
  }
  return suggestMatchesInWorker({
    candidates: participants
      .filter((p) => !busy.has(p.userId))
      .map((p) => ({
        id: p.userId,
        name: p.name,
        role: p.role,
        skills: p.skills,
        interests: p.interests,
        ...(p.department ? { department: p.department } : {}),
        ...(p.managerId ? { managerId: p.managerId } : {}),
      })),
    previousPairs: pairs.map((p) => ({ mentorId: p.mentor.id, menteeId: p.mentee.id })),
    rejectedPairs: options.rejected ? [...options.rejected] : [],
    avoidSameDepartment: options.avoidSameDepartment,
    managers,
  });
}
