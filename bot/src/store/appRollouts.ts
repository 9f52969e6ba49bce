// The programme's app rollout document (programs container, partition programId, id `appRollout`), and who
// in a tenant already has the app (their installation tells the app's catalogue id).
import type { AppRolloutDoc } from '../domain/appRollout';
import type { ConversationReferenceDoc } from '../domain/model';
import type { Collection } from './collection';
import type { Store } from './database';

// The programs container holds programmes, participants and learnings; Store types it by those.
function rollouts(store: Store): Collection<AppRolloutDoc> {
  return store.programs as unknown as Collection<AppRolloutDoc>;
}

export function findAppRollout(store: Store, tenantId: string, programId: string): Promise<AppRolloutDoc | undefined> {
  return rollouts(store).find(tenantId, programId, 'appRollout');
}

/** Creates the first one; a concurrent start gives 409 (conflict). */
export function createAppRollout(store: Store, doc: AppRolloutDoc): Promise<AppRolloutDoc> {
  return rollouts(store).create(doc);
}

/** Replaces it if unchanged since `ifMatch`: a concurrent start gives 412. */
export function replaceAppRollout(store: Store, doc: AppRolloutDoc, ifMatch: string): Promise<AppRolloutDoc> {
  return rollouts(store).replace(doc, ifMatch);
}

/** Someone in the tenant whose Teams has the app (an installed conversation reference), if anyone. */
export async function someoneWithTheApp(store: Store, tenantId: string): Promise<string | undefined> {
  const people = store.people as unknown as Collection<ConversationReferenceDoc>;
  const [first] = await people.query<{ userId: string }>(
    tenantId,
    { where: "c.type = 'conversationReference' AND c.status = 'installed'", parameters: [] },
    undefined,
    'TOP 1 c.userId',
  );
  return first?.userId;
}
