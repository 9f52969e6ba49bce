// The two-way ledger's card: at each moment the bot asks a member to rate every goal of the pair (their own:
// how they see themselves; the partner's: how they see the partner), answered in place (Action.Execute).
// In the programme's last two weeks it is also the close-out: final assessment, the commitments kept, the
// takeaways the member chose to keep, and an invitation to export. User text goes through plainText().
import { ASSESSMENT_SCORE_MAX, ASSESSMENT_SCORE_MIN, type AssessmentMoment, type PairRole } from '../domain/model';
import type { ReminderContent } from '../jobs/reminderRun';
import { wordsFor, type Words } from '../i18n/messages';
import { can } from '../policies';
import {
  MAX_ACTIONS,
  calendarDateText,
  inDirectionOf,
  plainText,
  spoken,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './cards';

export const ASSESSMENT_VERB = 'assessment.submit';
/** Goals on one card; more are rated in the tab. */
export const MAX_GOALS_ON_CARD = 6;
const MAX_LISTED = 5;

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const subtle = (value: string): CardElement => text(value, { isSubtle: true, spacing: 'Small' });

/** The moment's name in the reader's language ("baseline", "Ausgangslage", …). */
export const momentLabel = (words: Words, moment: AssessmentMoment) => words.t(`moment.${moment}`);

const scoreChoices = (words: Words) =>
  Array.from({ length: ASSESSMENT_SCORE_MAX - ASSESSMENT_SCORE_MIN + 1 }, (_, i) => {
    const n = ASSESSMENT_SCORE_MIN + i;
    return {
      title:
        n === ASSESSMENT_SCORE_MIN
          ? words.t('ledger.score.min', { score: n })
          : n === ASSESSMENT_SCORE_MAX
            ? words.t('ledger.score.max', { score: n })
            : String(n),
      value: String(n),
    };
  });

export interface LedgerCardLinks {
  myDataUrl: string;
  /** The pair in the personal tab. */
  pairUrl: string;
}

/** The ask (and at the end, the close-out) for one member; inputs carry what they rated before. */
export function ledgerCard(content: ReminderContent, markerId: string, links: LedgerCardLinks): AdaptiveCard {
  const { pair, viewerRole, reminder, ledger } = content;
  if (!ledger) throw new Error('a ledger card needs the ledger');
  const words = wordsFor(ledger.locale ?? content.locale);
  const stage = (m: AssessmentMoment) => momentLabel(words, m);
  const partner = plainText((viewerRole === 'mentor' ? pair.mentee : pair.mentor).name);
  const { moment } = ledger;
  const goals = ledger.goals.slice(0, MAX_GOALS_ON_CARD);
  const mine = (owner: PairRole) => owner === viewerRole;
  const previous = (goalId: string) =>
    ledger.assessments.find((a) => a.goalId === goalId && a.moment === moment && a.raterId === reminder.recipientId);
  const title = words.t(`ledger.title.${moment}`, { partner });
  const body: CardElement[] = [
    text(title, { id: markerId, style: 'heading', size: 'Medium', weight: 'Bolder' }),
    text(
      moment === 'end'
        ? words.t('ledger.intro.end', { date: calendarDateText(ledger.program.endsOn, ledger.locale), partner })
        : words.t('ledger.intro', { partner }),
    ),
  ];
  for (const goal of goals) {
    const before = previous(goal.id);
    const goalTitle = plainText(goal.title);
    body.push(
      text(
        mine(goal.owner)
          ? words.t('ledger.goal.own', { title: goalTitle })
          : words.t('ledger.goal.partner', { partner, title: goalTitle }),
        { weight: 'Bolder', spacing: 'Medium', separator: true },
      ),
      {
        type: 'Input.ChoiceSet',
        id: `score.${goal.id}`,
        style: 'compact',
        choices: scoreChoices(words),
        label: mine(goal.owner)
          ? words.t('ledger.howFar.own', { moment: stage(moment) })
          : words.t('ledger.howFar.partner', { partner, moment: stage(moment) }),
        placeholder: words.t('ledger.choose'),
        ...(before ? { value: String(before.score) } : {}),
      },
      {
        type: 'Input.Text',
        id: `note.${goal.id}`,
        label: words.t('ledger.note'),
        maxLength: 280,
        ...(before?.note ? { value: before.note } : {}),
      },
    );
  }
  if (ledger.goals.length > goals.length)
    body.push(subtle(words.t('ledger.more', { count: ledger.goals.length - goals.length })));
  const actions: CardAction[] = [
    {
      type: 'Action.Execute',
      verb: ASSESSMENT_VERB,
      title: words.t('ledger.save'),
      tooltip: words.t('ledger.save.tooltip', { moment: stage(moment) }),
      data: { pairId: pair.id, moment },
    },
    {
      type: 'Action.OpenUrl',
      title: words.t('ledger.open'),
      url: links.pairUrl,
      tooltip: words.t('ledger.open.tooltip'),
    },
  ];
  if (moment === 'end') {
    body.push(...closeOut(content, words));
    actions.push({
      type: 'Action.OpenUrl',
      title: words.t('retention.export'),
      url: links.myDataUrl,
      tooltip: words.t('ledger.export.tooltip'),
    });
  }
  if (actions.length > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return inDirectionOf(words, {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
    fallbackText: title,
    speak: spoken(words.t('ledger.speak', { title, count: goals.length })),
  } satisfies AdaptiveCard);
}

/** What the pair kept: the executive's commitments kept, and the takeaways this member may read and kept. */
function closeOut(content: ReminderContent, words: Words): CardElement[] {
  const { pair, reminder, ledger } = content;
  const recipient = { tenantId: pair.tenantId, userId: reminder.recipientId, name: '', roles: [] };
  const commitments = ledger!.commitments;
  const kept = commitments.filter((c) => c.status === 'kept');
  const takeaways = ledger!.takeaways
    .filter((takeaway) => can(recipient, 'read', { kind: 'takeaway', takeaway, pair }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const list = (items: string[]) => items.slice(0, MAX_LISTED).map((item) => text(`- ${item}`, { spacing: 'Small' }));
  return [
    text(words.t('ledger.kept.title'), { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
    text(
      commitments.length
        ? words.t('ledger.kept.commitments', { kept: kept.length, total: commitments.length })
        : words.t('ledger.kept.noCommitments'),
      { weight: 'Bolder' },
    ),
    ...list(kept.map((c) => `${plainText(c.text)}${c.evidence ? ` (${plainText(c.evidence)})` : ''}`)),
    text(
      takeaways.length
        ? words.t('ledger.kept.takeaways', { count: takeaways.length })
        : words.t('ledger.kept.noTakeaways'),
      { weight: 'Bolder', spacing: 'Medium' },
    ),
    ...list(takeaways.map((t) => plainText(t.text))),
    subtle(words.t('ledger.kept.export')),
  ];
}
