import type { ProgramDoc, UnmatchedNoticeDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';
import type { ParticipantDoc } from '../domain/model';

export const unmatchedNoticeId = (programId: string) => `unmatched-${programId}`;

/**
 * Tells each person matching left without a partner, and why: one notice per person and programme in
 * their own partition (a newer notice replaces the older), which the tab shows and the bot may deliver.
 * Only participants of the programme are told; anyone else in the list is ignored.
 */
export async function unmatchedNotifier(
  store: Store,
  program: ProgramDoc,
  participants: readonly ParticipantDoc[],
  unmatched: readonly { id: string; reason: string }[],
): Promise<UnmatchedNoticeDoc[]> {
  const known = new Set(participants.map((p) => p.userId));
  const now = nowIso();
  const people = store.people as unknown as { upsert(doc: UnmatchedNoticeDoc): Promise<UnmatchedNoticeDoc> };
  return Promise.all(
    unmatched
      .filter((u) => known.has(u.id))
      .map((u) =>
        people.upsert({
          id: unmatchedNoticeId(program.id),
          type: 'unmatchedNotice',
          tenantId: program.tenantId,
          userId: u.id,
          programId: program.id,
          programName: program.name,
          reason: u.reason,
          createdAt: now,
          updatedAt: now,
        }),
      ),
  );
}
