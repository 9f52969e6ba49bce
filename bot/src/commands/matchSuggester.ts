import { suggestMatches, type MatchResult } from '../domain/matching';
import type { ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { programPairs, programParticipants } from '../store/queries';

/** Suggests pairs among participants who are not in an active or paused pair; past pairs are not repeated. */
export async function matchSuggester(store: Store, program: ProgramDoc, options: { avoidSameDepartment: boolean }): Promise<MatchResult> {
  const [participants, pairs] = await Promise.all([programParticipants(store, program), programPairs(store, program)]);
  const busy = new Set(pairs.filter((p) => p.status !== 'ended').flatMap((p) => [p.mentor.id, p.mentee.id]));
  const managers = new Map(participants.map((p) => [p.userId, p.managerId]));
  return suggestMatches(
    participants
      .filter((p) => !busy.has(p.userId))
      .map((p) => ({
        id: p.userId, name: p.name, role: p.role, skills: p.skills, interests: p.interests,
        ...(p.department ? { department: p.department } : {}),
        ...(p.managerId ? { managerId: p.managerId } : {}),
      })),
    {
      previousPairs: pairs.map((p) => ({ mentorId: p.mentor.id, menteeId: p.mentee.id })),
      avoidSameDepartment: options.avoidSameDepartment,
      // Busy participants still count as links in someone's reporting line.
      managerOf: (id) => managers.get(id),
    },
  );
}
