import { figure } from '../domain/kAnonymity';
import type { ProgramDoc } from '../domain/model';
import {
  contentDeletionAt,
  effectiveRetentionDays,
  RETENTION_FLOOR_DAYS,
  RETENTION_NOTICE_DAYS,
  retentionNoticeTimes,
} from '../domain/retention';
import type { Store } from '../store/database';
import { programContentKinds, programPairs } from '../store/queries';
import { nowIso } from './ids';
import { withChanges, type ProgramChanges } from './programUpdater';

/** The kinds of content retention deletes, as the preview counts them. */
export const DELETED_KINDS = ['goal', 'session', 'note', 'takeaway', 'commitment', 'feedback', 'assessment'] as const;

const day = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString().slice(0, 10));

/**
 * What retention would do with these settings (none: the current ones), before the admin saves them:
 * per pair whether and when its content goes (against the date today's settings give), when the
 * members are told, and how much of each kind, as figures across at least five pairs.
 */
export async function retentionPreview(store: Store, program: ProgramDoc, changes: ProgramChanges, now = new Date()) {
  const proposed = withChanges(program, changes, nowIso());
  const [pairs, content] = await Promise.all([programPairs(store, program), programContentKinds(store, program)]);
  const rows = pairs
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((pair) => {
      const deletesAt = contentDeletionAt(proposed, pair);
      return {
        pairId: pair.id,
        mentor: pair.mentor,
        mentee: pair.mentee,
        status: pair.status,
        endedOn: pair.status === 'ended' ? day(Date.parse(pair.endedAt ?? pair.updatedAt)) : null,
        deletesOn: pair.contentDeletedAt ? null : day(deletesAt),
        currentlyDeletesOn: pair.contentDeletedAt ? null : day(contentDeletionAt(program, pair)),
        deletedOn: pair.contentDeletedAt ? pair.contentDeletedAt.slice(0, 10) : null,
        noticesOn:
          deletesAt === undefined || pair.contentDeletedAt
            ? []
            : retentionNoticeTimes(deletesAt, now.getTime()).map((n) => day(n.dueAt)!),
      };
    });
  const scheduled = new Set(rows.filter((r) => r.deletesOn !== null).map((r) => r.pairId));
  const going = content.filter((c) => scheduled.has(c.pairId));
  return {
    retentionDays: effectiveRetentionDays(proposed.retentionDays),
    floorDays: RETENTION_FLOOR_DAYS,
    noticeDays: [...RETENTION_NOTICE_DAYS],
    programEndsOn: proposed.endsOn,
    pairs: rows,
    content: figure(
      going.map((c) => c.pairId),
      () =>
        Object.fromEntries(DELETED_KINDS.map((kind) => [kind, going.filter((c) => c.type === kind).length])) as Record<
          (typeof DELETED_KINDS)[number],
          number
        >,
    ),
  };
}
