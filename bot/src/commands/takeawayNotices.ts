// The two keys, told: the partner learns a takeaway waits for their approval, the author learns the
// decision. Neither notice carries the takeaway's text: it opens the pair's takeaways in the tab.
import { noticeSubPage } from '../domain/activities';
import type { Caller, PairDoc, TakeawayDoc } from '../domain/model';
import type { Store } from '../store/database';
import { noticeSender } from './noticeSender';

/** After a takeaway was written: its author's partner, when it waits for their consent. */
export async function awaitingApprovalNotice(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  takeaway: TakeawayDoc,
): Promise<void> {
  if (takeaway.status !== 'awaitingConsent') return;
  const recipientId = pair.mentor.id === takeaway.authorId ? pair.mentee.id : pair.mentor.id;
  await noticeSender(store, {
    pair,
    recipientId,
    about: takeaway.id,
    notice: {
      type: 'takeawayAwaitingApproval',
      parameters: { partner: caller.name },
      preview: 'Review it and decide whether it is shared.',
      subPageId: noticeSubPage(pair.id, 'takeaways'),
    },
  });
}

/** After the partner decided: the author. */
export async function decisionNotice(
  store: Store,
  caller: Caller,
  pair: PairDoc,
  takeaway: TakeawayDoc,
): Promise<void> {
  if (takeaway.status !== 'shared' && takeaway.status !== 'declined') return;
  const approved = takeaway.status === 'shared';
  await noticeSender(store, {
    pair,
    recipientId: takeaway.authorId,
    about: `${takeaway.id}:${takeaway.status}`,
    notice: {
      type: approved ? 'takeawayApproved' : 'takeawayDeclined',
      parameters: { partner: caller.name },
      preview: approved ? 'It is now shared at the level you asked for.' : 'It stays private to you.',
      subPageId: noticeSubPage(pair.id, 'takeaways'),
    },
  });
}
