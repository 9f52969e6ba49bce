// Domain limits in one place: validation schemas and the tab read them from here.
export const LIMITS = {
  idLength: 128,
  nameLength: 200,
  titleLength: 200,
  successMeasureLength: 500,
  noteBodyLength: 20_000,
  takeawayTextLength: 4_000,
  commitmentTextLength: 1_000,
  /** A self-assessment's optional short note. */
  assessmentNoteLength: 280,
  listItems: 50,
  listItemLength: 100,
  agendaItems: 50,
  sessionMinutesMax: 480,
  agendaMinutesMax: 240,
  /** Minimum number of pairs behind any figure an admin may see. */
  insightsMinPairs: 5,
} as const;

export const DEV_TENANT_ID = '0d0d0d0d-0000-4000-8000-000000000001';
export const ACCESS_SCOPE = 'access_as_user';
