import { badRequest } from '../domain/errors';
import type { Caller, PairDoc, SessionDoc, TakeawayDoc, TakeawayVisibility } from '../domain/model';
import { findSensitiveContent, redactSensitiveContent, type Finding } from '../domain/sensitiveContent';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { programParticipants } from '../store/queries';
import { newId, nowIso } from './ids';

/** People's names the scanner looks for: everyone in the programme. */
export async function knownNamesOf(store: Store, pair: PairDoc): Promise<string[]> {
  const program = await store.programDocs.findById(pair.tenantId, pair.programId);
  const participants = program ? await programParticipants(store, program) : [];
  return [...new Set([pair.mentor.name, pair.mentee.name, ...participants.map((p) => p.name)])];
}

/** `regions`: where the author's national phone numbers come from (their Teams locale's region). */
export async function scanText(
  store: Store,
  pair: PairDoc,
  text: string,
  regions: readonly string[] = [],
): Promise<Finding[]> {
  return findSensitiveContent(text, { knownNames: await knownNamesOf(store, pair), regions });
}

/**
 * Writes a takeaway. Asked for at pair or programme level, it waits for the partner's consent and
 * stays the author's alone until then; the programme copy is stored redacted.
 */
export async function takeawayCreator(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  session: SessionDoc,
  props: { text: string; visibility: TakeawayVisibility },
  idempotencyKey?: string,
  regions: readonly string[] = [],
): Promise<Stored<TakeawayDoc>> {
  if (props.visibility === 'program') {
    const program = await store.programDocs.findById(pair.tenantId, pair.programId);
    if (program && !program.programLearningsEnabled)
      throw badRequest('This programme does not collect programme-level learnings; share with your pair instead.', [
        { field: 'visibility', message: 'programme level is turned off' },
      ]);
  }
  const findings = props.visibility === 'private' ? [] : await scanText(store, pair, props.text, regions);
  const id = newId(caller, `takeaway:${session.id}`, idempotencyKey);
  const now = nowIso();
  const takeaway: TakeawayDoc = {
    id,
    type: 'takeaway',
    tenantId: pair.tenantId,
    pairId: pair.id,
    programId: pair.programId,
    sessionId: session.id,
    authorId: caller.userId,
    text: props.text,
    requestedVisibility: props.visibility,
    status: props.visibility === 'private' ? 'private' : 'awaitingConsent',
    findings,
    ...(props.visibility === 'program' ? { programText: redactSensitiveContent(props.text, findings) } : {}),
    createdAt: now,
    updatedAt: now,
  };
  return store.takeaways.create(takeaway, { idempotencyKey });
}
