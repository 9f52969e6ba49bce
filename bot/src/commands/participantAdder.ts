import { badRequest } from '../domain/errors';
import type { PairRole, ParticipantDoc, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

export interface ParticipantProps {
  id: string;
  name: string;
  email?: string;
  role: PairRole;
  skills: string[];
  interests: string[];
  department?: string;
  managerId?: string;
  /** The reporting line from the directory, direct manager first. */
  managerChain?: string[];
}

/** Adds or updates a participant; the document id is the person's directory id, so adding twice updates. */
export async function participantAdder(store: Store, program: ProgramDoc, props: ParticipantProps): Promise<{ participant: ParticipantDoc; created: boolean }> {
  const { doc: existing, otherKind } = await store.participants.findOrOtherKind(program, props.id);
  // Participants share the programme's partition; their id must never land on another kind of document.
  if (otherKind) throw badRequest('This id is not a person.', [{ field: 'id', message: 'not a valid person id' }]);
  const now = nowIso();
  const { id: userId, ...rest } = props;
  const doc: ParticipantDoc = {
    ...rest,
    id: userId,
    userId,
    type: 'participant',
    tenantId: program.tenantId,
    programId: program.id,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const participant = await store.participants.upsert(doc);
  return { participant, created: !existing };
}

