// The read side of the bot's commands: the caller's pairs (their own memberships, then each pair checked
// by the policy module), then the content each command shows. Reads go through bot/src/store only.
import type { Caller, GoalDoc, SessionDoc } from '../domain/model';
import { pairRoleOf } from '../domain/model';
import { can, visibleTakeawaysFilter } from '../policies';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { membershipsOf, nextSessionOf, pairDashboardContent } from '../store/queries';
import { agendaCard, goalsCard, nextSessionCard, noPairCard, type AdaptiveCard, type PairView } from './cards';

/** More pairs than this in one answer would be a wall of cards; nobody is in that many. */
const MAX_PAIRS = 5;

export interface ReplyContext {
  store: Store;
  caller: Caller;
  /** IANA time zone the times are shown in. */
  timeZone: string;
  now: Date;
  /** The reader's locale, as Teams sent it with the message. */
  locale?: string;
  /** Opens the personal tab at a place (the "Book" action of the next card). */
  links?: { tabUrl(subPageId: string): string };
}

/** The caller's pairs that are not ended and that the policy lets them read: one query + one point read each. */
export async function pairsOf(store: Store, caller: Caller): Promise<PairView[]> {
  const memberships = (await membershipsOf(store, caller)).filter((m) => m.status !== 'ended').slice(0, MAX_PAIRS);
  const views: PairView[] = [];
  for (const m of memberships) {
    const pair = await store.pairDocs.findById(caller.tenantId, m.pairId);
    if (!pair || pair.status === 'ended' || !can(caller, 'read', { kind: 'pair', pair })) continue;
    const viewerRole = pairRoleOf(pair, caller.userId);
    if (viewerRole) views.push({ pair, viewerRole });
  }
  return views;
}

async function forEachPair(
  ctx: ReplyContext,
  build: (view: PairView) => Promise<AdaptiveCard>,
): Promise<AdaptiveCard[]> {
  const views = await pairsOf(ctx.store, ctx.caller);
  if (views.length === 0) return [noPairCard(ctx.locale)];
  const cards: AdaptiveCard[] = [];
  for (const view of views) cards.push(await build(ctx.locale ? { ...view, locale: ctx.locale } : view));
  return cards;
}

/** A session the caller may read, or undefined. */
function readable(ctx: ReplyContext, view: PairView, session: SessionDoc | undefined): SessionDoc | undefined {
  return session && can(ctx.caller, 'read', { kind: 'session', session, pair: view.pair }) ? session : undefined;
}

export function agendaReply(ctx: ReplyContext): Promise<AdaptiveCard[]> {
  return forEachPair(ctx, async (view) => {
    const session = readable(ctx, view, await nextSessionOf(ctx.store, ctx.caller.tenantId, view.pair.id, ctx.now));
    const canTick = !!session && can(ctx.caller, 'updateAgendaItem', { kind: 'session', session, pair: view.pair });
    return agendaCard({ ...view, session, timeZone: ctx.timeZone, canTick });
  });
}

export function goalsReply(ctx: ReplyContext): Promise<AdaptiveCard[]> {
  return forEachPair(ctx, async (view) => {
    const content = await pairDashboardContent(ctx.store, view.pair, visibleTakeawaysFilter(ctx.caller));
    const goals = content
      .filter((d): d is Stored<GoalDoc> => d.type === 'goal')
      .filter((goal) => can(ctx.caller, 'read', { kind: 'goal', goal, pair: view.pair }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return goalsCard({ ...view, goals, ...(ctx.locale ? { locale: ctx.locale } : {}) });
  });
}

export function nextReply(ctx: ReplyContext): Promise<AdaptiveCard[]> {
  return forEachPair(ctx, async (view) => {
    const session = readable(ctx, view, await nextSessionOf(ctx.store, ctx.caller.tenantId, view.pair.id, ctx.now));
    const canBook = can(ctx.caller, 'bookSession', { kind: 'pair', pair: view.pair });
    return nextSessionCard({
      ...view,
      session,
      timeZone: ctx.timeZone,
      ...(canBook && ctx.links ? { bookUrl: ctx.links.tabUrl(`${view.pair.id}:book`) } : {}),
    });
  });
}
