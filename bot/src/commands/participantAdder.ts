import { badRequest } from '../domain/errors';
import type { PairRole, ParticipantDoc, ProgramDoc } from '../domain/model';
import type { Directory, DirectoryCaller } from '../directory';
import type { Stored } from '../store/collection';
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
export async function participantAdder(
  store: Store,
  program: ProgramDoc,
  props: ParticipantProps,
): Promise<{ participant: Stored<ParticipantDoc>; created: boolean }> {
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

/**
 * Adds a participant with their reporting line (matching never pairs within one): from the directory where
 * there is one, above the manager given or else above the person; without a directory, only the manager given.
 */
export async function participantEnroller(
  store: Store,
  directory: Directory | undefined,
  who: DirectoryCaller,
  program: ProgramDoc,
  props: ParticipantProps,
): Promise<{ participant: Stored<ParticipantDoc>; created: boolean }> {
  const above = (id: string) => (directory ? directory.managerChain(who, id) : Promise.resolve([]));
  const chain = props.managerId ? [props.managerId, ...(await above(props.managerId))] : await above(props.id);
  const managerChain = chain.filter((m) => m !== props.id);
  return participantAdder(store, program, {
    ...props,
    ...(managerChain[0] && !props.managerId ? { managerId: managerChain[0] } : {}),
    managerChain,
  });
}
