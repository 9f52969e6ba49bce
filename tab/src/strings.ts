// Every string the tab shows, in one place. English here (the default), German in strings.de.ts, a chunk
// of its own that only German pages load (main.tsx, before the first render); `import { strings } from
// './strings'` stays the only import components need.

export const en = {
  appName: 'Reverse Mentoring',
  loading: 'Loading…',
  retry: 'Try again',
  save: 'Save',
  cancel: 'Cancel',
  add: 'Add',
  back: 'My pairs',
  signIn: {
    title: 'Development sign-in',
    developmentOnly: 'Development only',
    explanation: 'This server runs without Microsoft Entra ID, so you pick a demo user. In Teams, you are signed in automatically.',
    pick: 'Sign in as',
    button: 'Sign in',
    signOut: 'Sign out',
    signedInAs: (name: string) => `Signed in as ${name} (development)`,
    notInTeams: 'Open Reverse Mentoring in Microsoft Teams to sign in.',
    noUsers: 'No demo users are seeded. Mint a token with POST /api/dev/token.',
  },
  pairs: {
    title: 'My pairs',
    none: 'You are not in a pair yet',
    noneDetail: 'Your programme admin pairs you with a partner. You will get a message in Teams when it happens.',
    roleMentor: 'You mentor',
    roleMentee: 'Your mentor',
    nextSession: (when: string) => `Next session ${when}`,
    noSession: 'No session scheduled',
    open: (partner: string) => `Open pair with ${partner}`,
  },
  dashboard: {
    title: (partner: string) => `With ${partner}`,
    youAre: (role: 'mentor' | 'mentee') => (role === 'mentor' ? 'You are the mentor' : 'You are the executive'),
    ended: 'This pair has ended. Everything here is read-only.',
    readOnly: 'Read-only',
  },
  checklist: {
    title: 'Get started',
    progress: (done: number, all: number) => `${done} of ${all} done`,
    stepDone: 'Done',
    stepOpen: 'To do',
    meet: 'Schedule your first session',
    goals: 'Set a goal each: what will the mentor teach, what will the executive share back?',
    agenda: 'Add agenda items for your first session',
    agreement: 'Read and accept the confidentiality agreement',
    agreementTitle: 'Confidentiality agreement',
    agreementPoints: [
      'What is said in our sessions stays between us unless we both agree to share it.',
      'Notes are private to their author unless the author shares them with the pair.',
      'A takeaway reaches the pair or the programme only when both of us approve it.',
      'Programme admins see anonymised learnings and figures for at least five pairs, never our notes.',
      'We do not record sessions or forward notes without asking first.',
    ],
    accept: 'I accept',
    accepted: 'Accepted',
    partnerPending: (name: string) => `Waiting for ${name} to accept`,
  },
  goals: {
    title: 'Goals',
    none: 'No goals yet. Agree one goal each, with a measure you can check.',
    add: 'Add a goal',
    titleLabel: 'Goal',
    measureLabel: 'Success measure',
    ownerLabel: 'Whose goal',
    ownerMentor: 'Mentor',
    ownerMentee: 'Executive',
    progressLabel: (title: string) => `Progress of ${title}`,
    progressInput: 'Progress (%)',
    percent: (n: number) => `${n}%`,
    saveProgress: 'Save progress',
    edit: (title: string) => `Edit goal ${title}`,
    editLabel: 'Edit',
    statusLabel: 'Status',
    measure: (m: string) => `Measure: ${m}`,
    due: (d: string) => `Due ${d}`,
    status: {
      notStarted: 'Not started', onTrack: 'On track', atRisk: 'At risk', achieved: 'Achieved', dropped: 'Dropped',
    } as Record<string, string>,
  },
  session: {
    title: 'Next session',
    none: 'No session scheduled. Book one: the app finds times that suit you both.',
    book: 'Book in both calendars',
    move: 'Move',
    cancel: 'Cancel session',
    minutes: (n: number) => `${n} min`,
    join: 'Join meeting',
    calendar: 'Add to calendar',
    agenda: 'Agenda',
    noAgenda: 'No agenda yet. Add the topics you want to cover.',
    noneEnded: 'No sessions: this pair has ended.',
    moveUp: (title: string) => `Move "${title}" up`,
    moveDown: (title: string) => `Move "${title}" down`,
    history: 'Past sessions',
    noHistory: 'No past sessions yet.',
    status: { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' } as Record<string, string>,
  },
  commitments: {
    title: 'Executive commitments',
    none: 'No commitments yet. Record one here, or in a session.',
    status: { open: 'Open', kept: 'Kept', dropped: 'Dropped' } as Record<string, string>,
  },
  takeaways: {
    title: 'Takeaways',
    none: 'No takeaways you can see yet.',
    awaitingYou: 'Waiting for your approval',
    level: { private: 'Only you', pair: 'Your pair', program: 'Programme (anonymised)' } as Record<string, string>,
    status: { awaitingConsent: 'Waiting for your partner', declined: 'Declined by your partner' } as Record<string, string>,
    review: 'Review and decide',
    write: 'Write a takeaway',
    findingsCount: (n: number) => (n === 1 ? '1 sensitive part' : `${n} sensitive parts`),
    shared: 'Shared',
    yours: 'Your takeaways',
    programCopy: (text: string) => `The programme sees: ${text}`,
  },
  errors: {
    title: 'Something went wrong',
    network: 'Cannot reach the server. Check your connection and try again.',
  },
  myData: {
    links: 'Your links',
    admin: 'Programme admin view',
    open: 'Your data',
  },
  unavailable: {
    title: 'Not available yet',
    detail: 'This part of Reverse Mentoring is not available yet.',
  },
} as const;

/** `T` with its literal types widened: the same keys, arrays and function parameters, any text. Surface chunks
 * keep their own strings (en + de) in `pages/<Surface>/strings.ts`, typed with this, so they load with the chunk. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;

/** What every language provides: English's shape, so tsc rejects a translation that misses a key. */
export type Strings = Widen<typeof en>;

/** The strings the page speaks: English until `speak` puts another language in. */
export const strings: Strings = en;

type Catalogue = { [key: string]: unknown };
const isCatalogue = (value: unknown): value is Catalogue => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Puts a language into `strings` in place, before anything renders: modules that keep a section of it
 * (`const s = strings.pairs`) hold the same objects, so they speak it too.
 */
export function speak(language: Strings): void {
  const into = (target: Catalogue, source: Catalogue) => {
    for (const [key, value] of Object.entries(source)) {
      if (isCatalogue(value) && isCatalogue(target[key])) into(target[key] as Catalogue, value);
      else target[key] = value;
    }
  };
  into(strings as unknown as Catalogue, language as unknown as Catalogue);
}
