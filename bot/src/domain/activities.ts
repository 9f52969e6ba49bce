// Activity feed notices: what one person must act on or know, declared in the Teams manifest
// (`activities.activityTypes`, each with its template text) and sent through Microsoft Graph. The
// parameters each type's template uses are listed here once; the manifest test checks they agree.

export const ACTIVITY_TYPES = [
  'takeawayAwaitingApproval',
  'takeawayApproved',
  'takeawayDeclined',
  'sessionBooked',
  'sessionMoved',
  'sessionCancelled',
  'assessmentDue',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The template parameters each activity type's templateText names (besides Teams' own {actor}). */
export const ACTIVITY_TEMPLATE_PARAMETERS = {
  takeawayAwaitingApproval: ['partner'],
  takeawayApproved: ['partner'],
  takeawayDeclined: ['partner'],
  sessionBooked: ['partner', 'when'],
  sessionMoved: ['partner', 'when'],
  sessionCancelled: ['partner', 'when'],
  // Sent with the ledger's card when a baseline, midpoint or end rating is due (jobs/reminderRun.ts); the stage in the reader's language.
  assessmentDue: ['stage'],
} as const satisfies Record<ActivityType, readonly string[]>;

/** The English template texts, as the manifest declares them (Teams shows the manifest's translations; the bot's fallback card says the same from bot/src/i18n). */
export const ACTIVITY_TEMPLATES: Record<ActivityType, string> = {
  takeawayAwaitingApproval: '{partner} asks you to approve a takeaway',
  takeawayApproved: '{partner} approved your takeaway',
  takeawayDeclined: '{partner} declined to share your takeaway',
  sessionBooked: '{partner} booked your session for {when}',
  sessionMoved: '{partner} moved your session to {when}',
  sessionCancelled: '{partner} cancelled your session on {when}',
  assessmentDue: 'Your {stage} goal assessment is due',
};

export type ActivityParameters<T extends ActivityType> = Record<
  (typeof ACTIVITY_TEMPLATE_PARAMETERS)[T][number],
  string
>;

/** One notice for one person. `subPageId` is where the personal tab opens (Teams' deep-link context). */
export type ActivityNotice = {
  [T in ActivityType]: {
    type: T;
    parameters: ActivityParameters<T>;
    /** Teams shows the first 150 characters under the title. Never a note's or takeaway's text. */
    preview: string;
    subPageId: string;
  };
}[ActivityType];

/** Where in the personal tab a notice opens: the pair's dashboard, or a section of it. */
export const noticeSubPage = (pairId: string, section?: 'takeaways' | 'session' | 'ledger') =>
  section ? `${pairId}:${section}` : pairId;
