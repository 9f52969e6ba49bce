// Every read/write rule of the product. Programme admins appear only on programme resources:
// they never read private or pair content.
import { PROGRAM_ADMIN_ROLE, pairRoleOf, type Caller, type PairDoc } from '../domain/model';
import { ACTIONS, allow, and, type Rule, type SubjectKind } from './cancan';

const isProgramAdmin = (caller: Caller) => caller.roles.includes(PROGRAM_ADMIN_ROLE);
// can() has already checked that the subject and its pair are in the caller's tenant.
const isMemberOf = (caller: Caller, pair: PairDoc) => pairRoleOf(pair, caller.userId) !== undefined;
const isPairMember = (caller: Caller, subject: { pair: PairDoc }) => isMemberOf(caller, subject.pair);
const isActivePair = (_: Caller, subject: { pair: PairDoc }) => subject.pair.status !== 'ended';
const isAuthor = (
  caller: Caller,
  subject: { pair: PairDoc; note?: { authorId: string }; takeaway?: { authorId: string } },
) => (subject.note ?? subject.takeaway)?.authorId === caller.userId && isPairMember(caller, subject);

const isPartnerOfAuthor = (caller: Caller, subject: { takeaway: { authorId: string } }) =>
  subject.takeaway.authorId !== caller.userId;

export const rules: Rule<SubjectKind>[] = [
  allow('programs', ['create', 'list'], isProgramAdmin),
  allow('program', ['read', 'update', 'previewRetention', 'readInsights'], isProgramAdmin),
  // Participants: listed, added one by one, found in the directory, imported from a file, exported.
  allow(
    'program',
    ['listParticipants', 'addParticipant', 'searchDirectory', 'importParticipants', 'exportParticipants'],
    isProgramAdmin,
  ),
  // Pairs and matching: listed, created, paused or ended, suggested, and the unmatched told.
  allow('program', ['listPairs', 'createPair', 'updatePair', 'suggestMatches', 'notifyUnmatched'], isProgramAdmin),
  allow('program', ['read'], (_, s) => s.isParticipant),
  // Delivery health (reachable, last delivered, last failure): about people, never about content.
  allow('program', ['readDelivery'], isProgramAdmin),
  // Installing the app for the programme's participants (proactive installation): people, never content.
  allow('program', ['rollOutApp'], isProgramAdmin),
  // The audit trail: who administered what, never content.
  allow('program', ['readAudit'], isProgramAdmin),

  allow('pair', ['read', 'scanText'], isPairMember),
  allow(
    'pair',
    ['createGoal', 'createSession', 'createCommitment', 'linkMeeting', 'acknowledge'],
    and(isPairMember, isActivePair),
  ),
  // Booking through the calendar: finding times that suit both, then the meeting in the booker's calendar.
  allow('pair', ['bookSession'], and(isPairMember, isActivePair)),
  allow('goal', ['read'], isPairMember),
  allow('goal', ['update'], and(isPairMember, isActivePair)),
  // The two-way ledger: each member rates every goal of the pair (their own: self; the partner's: the
  // partner's view of them). Both members read every rating; only its rater changes it; no admin rule.
  allow('goal', ['assess'], and(isPairMember, isActivePair)),
  allow('assessment', ['read'], isPairMember),
  allow(
    'assessment',
    ['update'],
    and(isPairMember, isActivePair, (caller, s) => s.assessment.raterId === caller.userId),
  ),
  allow('session', ['read'], isPairMember),
  allow(
    'session',
    ['addAgendaItem', 'updateAgendaItem', 'createNote', 'createTakeaway'],
    and(isPairMember, isActivePair),
  ),
  allow('session', ['giveFeedback'], and(isPairMember, isActivePair)),
  // Only a session still to come moves or is cancelled; who may change its Outlook event is the calendar's rule (its organiser).
  allow(
    'session',
    ['reschedule', 'cancel'],
    and(isPairMember, isActivePair, (_, s) => s.session.status === 'scheduled'),
  ),
  allow('commitment', ['read'], isPairMember),
  allow('commitment', ['update'], and(isPairMember, isActivePair)),
  allow('meetingLink', ['read'], isPairMember),

  // Notes: the author always; the partner only when the author chose the pair level. A pair-level note
  // is the pair's shared page: both write in it (issue #4); only the author moves it between levels.
  allow('note', ['read'], isAuthor),
  allow('note', ['update', 'changeVisibility'], and(isAuthor, isActivePair)),
  allow(
    'note',
    ['read'],
    and(isPairMember, (_, s) => s.note.visibility === 'pair'),
  ),
  allow(
    'note',
    ['update'],
    and(isPairMember, isActivePair, (_, s) => s.note.visibility === 'pair'),
  ),

  // Takeaways, two keys: the author always; the partner once both agreed; only the partner turns the second key.
  allow('takeaway', ['read'], isAuthor),
  allow(
    'takeaway',
    ['read'],
    and(isPairMember, (_, s) => s.takeaway.status === 'shared'),
  ),
  // To decide, the partner reviews the text; it still is not among the pair's takeaways until approved.
  allow(
    'takeaway',
    ['review'],
    and(isPairMember, isActivePair, isPartnerOfAuthor, (_, s) => s.takeaway.status === 'awaitingConsent'),
  ),
  // Repeating a decision is the consent command's state check (409); a private takeaway is never reachable.
  allow(
    'takeaway',
    ['consent'],
    and(isPairMember, isActivePair, isPartnerOfAuthor, (_, s) => s.takeaway.status !== 'private'),
  ),
] as Rule<SubjectKind>[];

/** Every action, per kind: what abilities are reported for (the policy matrix checks each is in a rule). */
export const ACTIONS_BY_KIND: Record<SubjectKind, readonly string[]> = ACTIONS;
