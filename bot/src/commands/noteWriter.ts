import { badRequest } from '../domain/errors';
import type { Caller, NoteDoc, NoteVisibility, SessionDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { newId, nowIso } from './ids';

/** Saves a note; private unless the author chose the pair level. */
export async function noteCreator(
  store: Store,
  caller: Caller,
  session: SessionDoc,
  props: { body: string; visibility: NoteVisibility },
  idempotencyKey?: string,
): Promise<Stored<NoteDoc>> {
  const id = newId(caller, `note:${session.id}`, idempotencyKey);
  const now = nowIso();
  const note: NoteDoc = {
    id,
    type: 'note',
    tenantId: session.tenantId,
    pairId: session.pairId,
    programId: session.programId,
    sessionId: session.id,
    authorId: caller.userId,
    body: props.body,
    visibility: props.visibility,
    createdAt: now,
    updatedAt: now,
  };
  return store.notes.create(note, { idempotencyKey });
}

/** The author edits the note; a stale ETag is refused so that no edit is silently overwritten. */
export async function noteUpdater(
  store: Store,
  note: NoteDoc,
  changes: { body?: string; visibility?: NoteVisibility },
  ifMatch: string,
): Promise<Stored<NoteDoc>> {
  if (changes.body === undefined && changes.visibility === undefined)
    throw badRequest('Send body or visibility.', [{ field: 'body', message: 'no changes' }]);
  return store.notes.replace({ ...note, ...changes, updatedAt: nowIso() }, ifMatch);
}
