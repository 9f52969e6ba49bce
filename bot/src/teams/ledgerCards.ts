// The two-way ledger's card: at each moment the bot asks a member to rate every goal of the pair (their own:
// how they see themselves; the partner's: how they see the partner), answered in place (Action.Execute).
// In the programme's last two weeks it is also the close-out: final assessment, the commitments kept, the
// takeaways the member chose to keep, and an invitation to export. User text goes through plainText().
import { ASSESSMENT_SCORE_MAX, ASSESSMENT_SCORE_MIN, type AssessmentMoment, type PairRole } from '../domain/model';
import type { ReminderContent } from '../jobs/reminderRun';
import { can } from '../policies';
import { MAX_ACTIONS, calendarDateText, plainText, spoken, type AdaptiveCard, type CardAction, type CardElement } from './cards';

export const ASSESSMENT_VERB = 'assessment.submit';
/** Goals on one card; more are rated in the tab. */
export const MAX_GOALS_ON_CARD = 6;
const MAX_LISTED = 5;

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const subtle = (value: string): CardElement => text(value, { isSubtle: true, spacing: 'Small' });

export const MOMENT_LABELS: Record<AssessmentMoment, string> = { baseline: 'baseline', midpoint: 'midpoint', end: 'end' };

const SCORE_CHOICES = Array.from({ length: ASSESSMENT_SCORE_MAX - ASSESSMENT_SCORE_MIN + 1 }, (_, i) => {
  const n = ASSESSMENT_SCORE_MIN + i;
  return { title: n === ASSESSMENT_SCORE_MIN ? `${n} – just starting` : n === ASSESSMENT_SCORE_MAX ? `${n} – goal reached` : String(n), value: String(n) };
});

const titles: Record<AssessmentMoment, (partner: string) => string> = {
  baseline: (partner) => `Where do you start? Rate your goals with ${partner}`,
  midpoint: (partner) => `Half-way: how far have you and ${partner} come?`,
  end: (partner) => `Your programme with ${partner} is closing`,
};

export interface LedgerCardLinks {
  myDataUrl: string;
  /** The pair in the personal tab. */
  pairUrl: string;
}

/** The ask (and at the end, the close-out) for one member; inputs carry what they rated before. */
export function ledgerCard(content: ReminderContent, markerId: string, links: LedgerCardLinks): AdaptiveCard {
  const { pair, viewerRole, reminder, ledger } = content;
  if (!ledger) throw new Error('a ledger card needs the ledger');
  const partner = plainText((viewerRole === 'mentor' ? pair.mentee : pair.mentor).name);
  const { moment } = ledger;
  const goals = ledger.goals.slice(0, MAX_GOALS_ON_CARD);
  const mine = (owner: PairRole) => owner === viewerRole;
  const previous = (goalId: string) => ledger.assessments.find((a) => a.goalId === goalId && a.moment === moment && a.raterId === reminder.recipientId);
  const title = titles[moment](partner);
  const body: CardElement[] = [
    text(title, { id: markerId, style: 'heading', size: 'Medium', weight: 'Bolder' }),
    text(moment === 'end'
      ? `The programme ends on ${calendarDateText(ledger.program.endsOn, ledger.locale)}. Give your final rating of each goal: yours as you see yourself, ${partner}’s as you see them.`
      : `Rate each goal from 1 (just starting) to 5 (goal reached): yours as you see yourself, ${partner}’s as you see them. You both see both ratings; your programme admin sees only totals across at least five pairs.`),
  ];
  for (const goal of goals) {
    const before = previous(goal.id);
    const goalTitle = plainText(goal.title);
    body.push(
      text(`${mine(goal.owner) ? 'Your goal' : `${partner}’s goal`}: ${goalTitle}`, { weight: 'Bolder', spacing: 'Medium', separator: true }),
      {
        type: 'Input.ChoiceSet', id: `score.${goal.id}`, style: 'compact', choices: SCORE_CHOICES,
        label: mine(goal.owner) ? `How far are you with it? (${MOMENT_LABELS[moment]})` : `How far is ${partner} with it? (${MOMENT_LABELS[moment]})`,
        placeholder: 'Choose 1 to 5',
        ...(before ? { value: String(before.score) } : {}),
      },
      { type: 'Input.Text', id: `note.${goal.id}`, label: 'Short note (optional)', maxLength: 280, ...(before?.note ? { value: before.note } : {}) },
    );
  }
  if (ledger.goals.length > goals.length) body.push(subtle(`Rate the other ${ledger.goals.length - goals.length} goals in the Reverse Mentoring tab.`));
  const actions: CardAction[] = [
    { type: 'Action.Execute', verb: ASSESSMENT_VERB, title: 'Save my ratings', tooltip: `Save your ${MOMENT_LABELS[moment]} ratings`, data: { pairId: pair.id, moment } },
    { type: 'Action.OpenUrl', title: 'Open the ledger', url: links.pairUrl, tooltip: 'See both ratings side by side in the Reverse Mentoring tab' },
  ];
  if (moment === 'end') {
    body.push(...closeOut(content));
    actions.push({ type: 'Action.OpenUrl', title: 'Export my data', url: links.myDataUrl, tooltip: 'Download what you wrote, under Your data in the Reverse Mentoring tab' });
  }
  if (actions.length > MAX_ACTIONS) throw new Error(`a card has at most ${MAX_ACTIONS} actions`);
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions, fallbackText: title,
    speak: spoken(`${title}. ${goals.length} goals to rate, each from 1 to 5, with an optional note.`) };
}

/** What the pair kept: the executive's commitments kept, and the takeaways this member may read and kept. */
function closeOut(content: ReminderContent): CardElement[] {
  const { pair, reminder, ledger } = content;
  const recipient = { tenantId: pair.tenantId, userId: reminder.recipientId, name: '', roles: [] };
  const commitments = ledger!.commitments;
  const kept = commitments.filter((c) => c.status === 'kept');
  const takeaways = ledger!.takeaways
    .filter((takeaway) => can(recipient, 'read', { kind: 'takeaway', takeaway, pair }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const list = (items: string[]) => items.slice(0, MAX_LISTED).map((item) => text(`- ${item}`, { spacing: 'Small' }));
  return [
    text('What you kept', { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
    text(commitments.length ? `Commitments kept: ${kept.length} of ${commitments.length}` : 'No commitments were recorded.', { weight: 'Bolder' }),
    ...list(kept.map((c) => `${plainText(c.text)}${c.evidence ? ` (${plainText(c.evidence)})` : ''}`)),
    text(takeaways.length ? `Takeaways you kept: ${takeaways.length}` : 'No takeaways kept yet.', { weight: 'Bolder', spacing: 'Medium' }),
    ...list(takeaways.map((t) => plainText(t.text))),
    subtle('Export what you wrote before the programme’s retention period ends: your programme admin cannot export it for you.'),
  ];
}
