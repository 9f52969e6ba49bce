import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import type { AgendaItem, SessionDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { onFreshCopy } from './concurrentChange';
import { nowIso } from './ids';

export interface AgendaItemProps {
  title: string;
  goalId?: string;
  minutes?: number;
  ownerId?: string;
}

/** Appends to the session's agenda; appends never conflict in meaning, so a concurrent change is retried. */
export async function agendaItemAdder(
  store: Store,
  session: Stored<SessionDoc>,
  props: AgendaItemProps,
  itemId: string = randomUUID(),
): Promise<{ session: Stored<SessionDoc>; item: AgendaItem }> {
  return onFreshCopy(
    session,
    () => store.sessions.get(session, session.id),
    async (current) => {
      const already = current.agenda.find((i) => i.id === itemId);
      if (already) return { session: current, item: already };
      if (current.agenda.length >= LIMITS.agendaItems)
        throw badRequest(`A session has at most ${LIMITS.agendaItems} agenda items.`, [
          { field: 'title', message: 'agenda is full' },
        ]);
      const item: AgendaItem = { id: itemId, title: props.title, done: false, ...pick(props) };
      const saved = await store.sessions.replace(
        { ...current, agenda: [...current.agenda, item], updatedAt: nowIso() },
        current._etag,
      );
      return { session: saved, item };
    },
  );
}

export interface AgendaItemChanges {
  title?: string;
  minutes?: number | null;
  done?: boolean;
  position?: number;
  timer?: 'start' | 'stop';
}

/** Edits, ticks, times or moves one agenda item, guarded by the session's ETag. */
export async function agendaItemUpdater(
  store: Store,
  session: SessionDoc,
  itemId: string,
  changes: AgendaItemChanges,
  ifMatch: string,
  now = new Date(),
): Promise<{ session: Stored<SessionDoc>; item: AgendaItem }> {
  const index = session.agenda.findIndex((i) => i.id === itemId);
  const found = session.agenda[index];
  if (!found) throw notFound('agenda item');
  // One timer runs at a time: starting this item's stops any other's.
  const others = session.agenda.map((i) => (i.id !== itemId && changes.timer === 'start' ? stopTimer(i, now) : i));
  let item: AgendaItem = { ...found };
  if (changes.title !== undefined) item.title = changes.title;
  if (changes.done !== undefined) item.done = changes.done;
  if (changes.minutes === null) delete item.minutes;
  else if (changes.minutes !== undefined) item.minutes = changes.minutes;
  if (changes.timer === 'start' && !item.startedAt) item.startedAt = now.toISOString();
  // Ticking an item off stops its timer too.
  if (changes.timer === 'stop' || changes.done === true) item = stopTimer(item, now);
  const agenda = others.filter((i) => i.id !== itemId);
  const position = Math.min(Math.max(changes.position ?? index, 0), agenda.length);
  agenda.splice(position, 0, item);
  const saved = await store.sessions.replace({ ...session, agenda, updatedAt: nowIso() }, ifMatch);
  return { session: saved, item };
}

/** Adds a running timer's time to the item's elapsed seconds and stops it. */
function stopTimer(item: AgendaItem, now: Date): AgendaItem {
  if (!item.startedAt) return item;
  const { startedAt, ...rest } = item;
  const ran = Math.max(0, Math.round((now.getTime() - Date.parse(startedAt)) / 1000));
  return { ...rest, elapsedSeconds: (item.elapsedSeconds ?? 0) + ran };
}

function pick(props: AgendaItemProps): Partial<AgendaItem> {
  return {
    ...(props.goalId ? { goalId: props.goalId } : {}),
    ...(props.minutes !== undefined ? { minutes: props.minutes } : {}),
    ...(props.ownerId ? { ownerId: props.ownerId } : {}),
  };
}
