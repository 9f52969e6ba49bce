// The programme's app rollout document (programs container, partition programId, id `appRollout`), and who
// in a tenant already has the app (their installation tells the app's catalogue id).
import type { AppRolloutDoc } from '../domain/appRollout';
import type { Stored } from './collection';
import type { Store } from './database';

export function findAppRollout(
  store: Store,
  tenantId: string,
  programId: string,
): Promise<Stored<AppRolloutDoc> | undefined> {
  return store.appRollouts.find({ tenantId, programId }, 'appRollout');
}

/** Creates the first one; a concurrent start gives AlreadyExists. */
export function createAppRollout(store: Store, doc: AppRolloutDoc): Promise<Stored<AppRolloutDoc>> {
  return store.appRollouts.create(doc);
}

/** Replaces it if unchanged since `ifMatch`: a concurrent start gives StaleWrite. */
export function replaceAppRollout(store: Store, doc: AppRolloutDoc, ifMatch: string): Promise<Stored<AppRolloutDoc>> {
  return store.appRollouts.replace(doc, ifMatch);
}

/** Someone in the tenant whose Teams has the app (an installed conversation reference), if anyone. */
export async function someoneWithTheApp(store: Store, tenantId: string): Promise<string | undefined> {
  const [first] = await store.people.query<{ userId: string }>(
    tenantId,
    { where: "c.type = 'conversationReference' AND c.status = 'installed'", parameters: [] },
    undefined,
    'TOP 1 c.userId',
  );
  return first?.userId;
}
