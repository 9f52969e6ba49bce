// One run of the reminder job: find due reminders (any tenant), claim each with an ETag-conditional
// write and a lease, decide at send time whether it is still wanted, send it through the bot, and
// record sent / failed (reason) / skipped. A worker that dies mid-send leaves a claim whose lease
// runs out; the next run takes it over, so nothing is lost. Two workers never both hold a claim.
import { randomUUID } from 'node:crypto';
import { isMomentOpen, momentOfSubject } from '../domain/assessments';
import type {
  AssessmentDoc, AssessmentMoment, CommitmentDoc, ConversationReferenceDoc, GoalDoc, PairDoc, PairRole, ProgramDoc, SessionDoc, TakeawayDoc,
} from '../domain/model';
import { pairRoleOf } from '../domain/model';
import { ASSESSMENT, MINUTE, NOTICE, RETENTION_NOTICE, type ReminderDoc, type ReminderKind, type ReminderSettingsDoc } from '../domain/reminders';
import type { ActivityNotice } from '../domain/activities';
import type { FeedOutcome } from '../activityFeed/activityFeed';
import { findConversationReference } from '../store/conversations';
import type { Store } from '../store/database';
import { pairFollowThrough } from '../store/queries';
import { findReminderSettings } from '../store/reminders';
import { preferencesOf } from '../commands/reminderPlanner';
import { markUnreachable } from '../commands/conversationRecorder';
import { noticePreviewIn } from '../i18n/messages';

/** What a reminder card shows, loaded at send time so it is current. */
export interface ReminderContent {
  reminder: ReminderDoc;
  pair: PairDoc;
  viewerRole: PairRole;
  session?: SessionDoc;
  commitment?: CommitmentDoc;
  timeZone: string;
  /** The recipient's locale as Teams last told the bot (their conversation reference), for dates. */
  locale?: string;
  /** Retention notice: when the pair's content is deleted (UTC ISO 8601). */
  retentionDeletesAt?: string;
  /** The ledger's ask (the end moment's is the close-out): the pair's goals, their ratings, and for the end what was kept. */
  ledger?: LedgerAsk;
}

export interface LedgerAsk {
  moment: AssessmentMoment;
  program: ProgramDoc;
  goals: GoalDoc[];
  assessments: AssessmentDoc[];
  commitments: CommitmentDoc[];
  /** Every takeaway of the pair; the card shows only those the recipient may read. */
  takeaways: TakeawayDoc[];
  /** The recipient's locale as Teams last reported it: dates on the card in their format. */
  locale?: string;
}

export type SendResult =
  | { kind: 'sent' }
  /** 412/429/502/503/504: worth another try, after retryAfterMs when Teams said so. */
  | { kind: 'retry'; status: number; reason: string; retryAfterMs?: number }
  /** 403/404 codes that mean this person cannot be reached until something changes. */
  | { kind: 'unreachable'; reason: string }
  | { kind: 'failed'; reason: string };

/** The bot side of delivery (bot/src/teams implements it). */
export interface ReminderDelivery {
  send(reference: ConversationReferenceDoc, content: ReminderContent, signal?: AbortSignal): Promise<SendResult>;
  /** Installs the app for the user through Microsoft Graph; undefined when not configured. */
  installForUser?(tenantId: string, userId: string): Promise<'requested' | 'forbidden' | 'failed'>;
  /** A notice in the person's activity feed; undefined when there is no feed (the bot sends notices). */
  notify?(tenantId: string, userId: string, notice: ActivityNotice): Promise<FeedOutcome>;
}

export interface RunOptions {
  now?: () => number;
  signal?: AbortSignal;
  workerId?: string;
  /** How long a claim holds before another worker may take it over. */
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  /** In-process attempts per send before the reminder is put back with a later sendAt. */
  attemptsPerRun?: number;
  /** Runs (with backoff) after which a retryable failure is recorded as failed. */
  maxRuns?: number;
  /** Upper bound of one backoff wait inside a run. */
  maxBackoffMs?: number;
}

export interface RunTotals {
  sent: number;
  failed: number;
  skipped: number;
}

/** 403/404 codes after which sending to the person stops until they are reachable again. */
export const UNREACHABLE_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'ConversationNotFound', 'BotDisabledByAdmin', 'MessageWritesBlocked']);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'deferred' | 'lost';

export async function runDueReminders(store: Store, delivery: ReminderDelivery, options: RunOptions = {}): Promise<RunTotals> {
  const now = options.now ?? Date.now;
  const workerId = options.workerId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 2 * MINUTE;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 32;
  const totals: RunTotals = { sent: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  const queue: ReminderDoc[] = [];
  let inFlight = 0;
  let exhausted = false;
  let fetching: Promise<void> | undefined;
  let settled: () => void = () => {};
  let oneSettled = new Promise<void>((resolve) => (settled = resolve));

  // The next page of due reminders, fetched as soon as the queue runs dry while the other workers are
  // still sending (no pause between batches). Reminders of this run still waiting for their claim
  // come back in the page and are left out; a page of only those waits for a send to finish.
  const refill = (): Promise<void> =>
    (fetching ??= (async () => {
      const page = await store.reminders.due(new Date(now()).toISOString(), batchSize);
      const fresh = page.filter((r) => !seen.has(r.id));
      for (const r of fresh) seen.add(r.id);
      queue.push(...fresh);
      if (fresh.length === 0) {
        if (page.length < batchSize || inFlight === 0) exhausted = true;
        else await oneSettled;
      }
    })().finally(() => (fetching = undefined)));

  const worker = async (): Promise<void> => {
    for (;;) {
      if (options.signal?.aborted) return;
      const next = queue.shift();
      if (!next) {
        if (exhausted) return;
        await refill();
        continue;
      }
      inFlight++;
      try {
        const o = await processOne(store, delivery, next, { ...options, now, workerId, leaseMs });
        if (o === 'sent' || o === 'failed' || o === 'skipped') totals[o]++;
      } finally {
        inFlight--;
        settled();
        oneSettled = new Promise<void>((resolve) => (settled = resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return totals;
}

type Resolved = Required<Pick<RunOptions, 'now' | 'workerId' | 'leaseMs'>> & RunOptions;

async function processOne(store: Store, delivery: ReminderDelivery, found: ReminderDoc, options: Resolved): Promise<Outcome> {
  if (options.signal?.aborted) return 'lost';
  const at = () => new Date(options.now()).toISOString();
  const claimedAt = options.now();
  // The claim and the reads it needs go out together: one round trip of waiting instead of several.
  const [claim, recipient] = await Promise.allSettled([
    store.reminders.replace(
      { ...found, state: 'claimed', claimedBy: options.workerId, leaseUntil: new Date(claimedAt + options.leaseMs).toISOString(), updatedAt: at() },
      found._etag ?? '',
    ),
    loadRecipient(store, found),
  ]);
  if (claim.status === 'rejected') {
    // Another worker claimed it (or the planner changed it) first.
    if ((claim.reason as { status?: number }).status === 412) return 'lost';
    throw claim.reason;
  }
  const claimed = claim.value;
  if (recipient.status === 'rejected') {
    // The claim holds; its lease runs out and a later run tries again.
    throw recipient.reason;
  }
  let { reference } = recipient.value;

  // Our claim was taken over (our lease ran out mid-send): the other worker records the outcome.
  const unlessTakenOver = async (write: () => Promise<unknown>, outcome: Outcome): Promise<Outcome> => {
    try {
      await write();
      return outcome;
    } catch (error) {
      if ((error as { status?: number }).status === 412) return 'lost';
      throw error;
    }
  };
  const finish = (state: 'sent' | 'failed' | 'skipped', reason?: string, channel?: 'activityFeed' | 'bot'): Promise<Outcome> => {
    const { claimedBy: _c, leaseUntil: _l, ...rest } = claimed;
    return unlessTakenOver(
      () => store.reminders.replace({ ...rest, state, outcome: { at: at(), ...(reason ? { reason } : {}), ...(channel ? { channel } : {}) }, updatedAt: at() }, claimed._etag ?? ''),
      state,
    );
  };
  const deferBy = (delayMs: number, reason: string): Promise<Outcome> => {
    const { claimedBy: _c, leaseUntil: _l, ...rest } = claimed;
    const stamp = options.now();
    return unlessTakenOver(
      () => store.reminders.replace(
        { ...rest, state: 'planned', sendAt: new Date(stamp + delayMs).toISOString(), attempts: claimed.attempts + 1, outcome: { at: new Date(stamp).toISOString(), reason }, updatedAt: new Date(stamp).toISOString() },
        claimed._etag ?? '',
      ),
      'deferred',
    );
  };

  const decision = contentOf(claimed, recipient.value, options.now());
  if ('skip' in decision) return finish('skipped', decision.skip);
  // A notice goes to the activity feed first; the bot takes it when the feed cannot (and says why in the record).
  let feedUnavailable: string | undefined;
  if (claimed.kind === NOTICE && claimed.notice) {
    // The feed shows the manifest's template in the reader's Teams language; the preview line is ours to translate.
    const notice = { ...claimed.notice, preview: noticePreviewIn(reference?.reference.locale, claimed.notice.preview) };
    const fed = delivery.notify ? await delivery.notify(claimed.tenantId, claimed.recipientId, notice) : { kind: 'unavailable' as const, reason: 'FeedNotConfigured' as const };
    if (fed.kind === 'sent') return finish('sent', undefined, 'activityFeed');
    if (fed.kind === 'retry') {
      if (claimed.attempts + 1 >= (options.maxRuns ?? 6)) return finish('failed', fed.reason, 'activityFeed');
      return deferBy(fed.retryAfterMs ?? backoffMs(claimed.attempts + 3, 1000, 15 * MINUTE), fed.reason);
    }
    feedUnavailable = fed.reason;
  }
  const channel = claimed.kind === NOTICE ? 'bot' as const : undefined;
  if (!reference) {
    if (delivery.installForUser && claimed.attempts < 3) {
      const asked = await delivery.installForUser(claimed.tenantId, claimed.recipientId);
      if (asked === 'forbidden') return finish('failed', 'InstallNotPermitted', channel);
      if (asked === 'requested') {
        // Teams sends the bot an install event carrying the conversation reference. Already here: send
        // now. Later: the event re-plans the person's reminders, which makes this one due again.
        reference = await findConversationReference(store, claimed.tenantId, claimed.recipientId);
        if (!reference) return deferBy(2 * MINUTE, 'WaitingForInstall');
      }
    }
    if (!reference) return finish('failed', 'NotInstalled', channel);
  }
  if (reference.status !== 'installed') return finish('failed', reference.unreachableReason ?? 'BotNotInConversationRoster', channel);

  const attempts = options.attemptsPerRun ?? 3;
  // Waits inside this run end well before the lease does, so that no other worker takes the claim over
  // while this one may still send; a longer wait puts the reminder back with a later sendAt instead.
  const waitUntil = claimedAt + options.leaseMs / 2;
  let last: SendResult = { kind: 'failed', reason: 'NotSent' };
  for (let attempt = 0; attempt < attempts; attempt++) {
    // Stopped before this send (shutdown, or a test's kill): the claim stays, as after a crash, and
    // another worker takes it over once the lease runs out.
    if (options.signal?.aborted) return 'lost';
    last = await delivery.send(reference, decision.content, options.signal);
    if (last.kind === 'retry' && options.signal?.aborted) return 'lost';
    if (last.kind !== 'retry' || attempt + 1 >= attempts) break;
    const wait = last.retryAfterMs ?? backoffMs(attempt, 250, options.maxBackoffMs ?? 8000);
    if (options.now() + wait > waitUntil) break;
    await sleep(wait, options.signal);
  }
  if (last.kind === 'sent') return finish('sent', feedUnavailable, channel);
  if (last.kind === 'unreachable') {
    await markUnreachable(store, claimed.tenantId, claimed.recipientId, last.reason);
    return finish('failed', last.reason, channel);
  }
  if (last.kind === 'retry') {
    if (claimed.attempts + 1 >= (options.maxRuns ?? 6)) return finish('failed', last.reason, channel);
    return deferBy(last.retryAfterMs ?? backoffMs(claimed.attempts + 3, 1000, 15 * MINUTE), last.reason);
  }
  return finish('failed', last.reason, channel);
}

const SESSION_KINDS: ReminderKind[] = ['prepare', 'startingSoon', 'captureTakeaways'];

interface Recipient {
  settings?: ReminderSettingsDoc;
  reference?: ConversationReferenceDoc;
  pair?: PairDoc;
  /** The session or commitment the reminder is about (the pair itself for `stalled`). */
  subject?: SessionDoc | CommitmentDoc;
  /** The ledger's ask: the programme and the pair's follow-through content. */
  followThrough?: { program?: ProgramDoc; docs: { type: string }[] };
}

/** Everything a send needs, read in parallel. */
async function loadRecipient(store: Store, reminder: ReminderDoc): Promise<Recipient> {
  const ledger = reminder.kind === ASSESSMENT;
  const [settings, reference, pair, subject, docs, program] = await Promise.all([
    findReminderSettings(store, reminder.tenantId, reminder.recipientId),
    findConversationReference(store, reminder.tenantId, reminder.recipientId),
    store.pairs.find(reminder.tenantId, reminder.pairId, reminder.pairId),
    reminder.kind === 'stalled' || reminder.kind === RETENTION_NOTICE || reminder.kind === NOTICE || ledger ? undefined : store.pairs.find(reminder.tenantId, reminder.pairId, reminder.subjectId),
    ledger ? pairFollowThrough(store, reminder.tenantId, reminder.pairId) : undefined,
    ledger ? store.programs.find(reminder.tenantId, reminder.programId, reminder.programId) : undefined,
  ]);
  return {
    ...(docs ? { followThrough: { ...(program?.type === 'program' ? { program } : {}), docs } } : {}),
    ...(settings ? { settings } : {}),
    ...(reference ? { reference } : {}),
    ...(pair?.type === 'pair' ? { pair } : {}),
    ...(subject?.type === 'session' || subject?.type === 'commitment' ? { subject } : {}),
  };
}

/** What the card shows, or why the reminder is no longer wanted. */
const localeOf = (reference: Recipient['reference']): { locale?: string } =>
  (reference?.reference.locale ? { locale: reference.reference.locale } : {});

function contentOf(reminder: ReminderDoc, recipient: Recipient, now: number): { content: ReminderContent } | { skip: string } {
  const { settings, reference, pair, subject } = recipient;
  if (reminder.kind === RETENTION_NOTICE) return retentionNoticeContent(reminder, recipient);
  if (reminder.kind === NOTICE) return noticeContent(reminder, recipient);
  if (settings?.disabledKinds.includes(reminder.kind)) return { skip: 'TurnedOffInSettings' };
  if (settings?.snoozedUntil && Date.parse(settings.snoozedUntil) > now) return { skip: 'Snoozed' };
  if (!pair || pair.status !== 'active') return { skip: 'PairNotActive' };
  const viewerRole = pairRoleOf(pair, reminder.recipientId);
  if (!viewerRole) return { skip: 'NoLongerInPair' };
  const { timeZone } = preferencesOf(reminder.recipientId, settings, reference);
  const base = { reminder, pair, viewerRole, timeZone, ...localeOf(reference) };
  if (SESSION_KINDS.includes(reminder.kind)) {
    const session = subject;
    if (session?.type !== 'session' || session.status === 'cancelled') return { skip: 'SessionCancelled' };
    if (reminder.kind !== 'captureTakeaways' && session.scheduledAt !== reminder.plannedFor) return { skip: 'SessionMoved' };
    if (reminder.kind === 'startingSoon' && Date.parse(session.scheduledAt) + 5 * MINUTE < now) return { skip: 'TooLate' };
    return { content: { ...base, session } };
  }
  if (reminder.kind === ASSESSMENT) return ledgerContent(base, recipient.followThrough, now, reference?.reference.locale);
  if (reminder.kind === 'commitmentCheckIn') {
    const commitment = subject;
    if (commitment?.type !== 'commitment' || commitment.status !== 'open') return { skip: 'CommitmentClosed' };
    return { content: { ...base, commitment } };
  }
  return { content: base };
}

/** The ledger's ask, unless there is nothing to rate, the moment is not open (the programme moved), or the recipient already rated every goal. */
function ledgerContent(base: ReminderContent, followThrough: Recipient['followThrough'], now: number, locale?: string): { content: ReminderContent } | { skip: string } {
  const moment = momentOfSubject(base.reminder.subjectId);
  const program = followThrough?.program;
  if (!moment || !program) return { skip: 'NothingToAssess' };
  const of = <T>(type: string) => (followThrough?.docs ?? []).filter((d) => d.type === type) as unknown as T[];
  const goals = of<GoalDoc>('goal').filter((g) => g.status !== 'dropped').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (goals.length === 0) return { skip: 'NothingToAssess' };
  if (!isMomentOpen(program, moment, now)) return { skip: 'NotOpenYet' };
  const assessments = of<AssessmentDoc>('assessment');
  const rated = new Set(assessments.filter((a) => a.moment === moment && a.raterId === base.reminder.recipientId).map((a) => a.goalId));
  // The end's card is also the close-out: it goes even when every goal is rated.
  if (moment !== 'end' && goals.every((g) => rated.has(g.id))) return { skip: 'AlreadyRated' };
  return {
    content: {
      ...base,
      ledger: { moment, program, goals, assessments, commitments: of<CommitmentDoc>('commitment'), takeaways: of<TakeawayDoc>('takeaway'), ...(locale ? { locale } : {}) },
    },
  };
}

/** A retention notice goes whatever the settings say (it is the members' chance to export), while the pair's content is still there. */
function retentionNoticeContent(reminder: ReminderDoc, { settings, reference, pair }: Recipient): { content: ReminderContent } | { skip: string } {
  if (!pair || pair.status !== 'ended' || pair.contentDeletedAt) return { skip: 'NothingToDelete' };
  const viewerRole = pairRoleOf(pair, reminder.recipientId);
  if (!viewerRole) return { skip: 'NoLongerInPair' };
  const { timeZone } = preferencesOf(reminder.recipientId, settings, reference);
  return { content: { reminder, pair, viewerRole, timeZone, ...localeOf(reference), retentionDeletesAt: reminder.plannedFor } };
}

/** A notice is about something the person must act on now: snoozes and turned-off reminders do not hold it back. */
function noticeContent(reminder: ReminderDoc, { settings, reference, pair }: Recipient): { content: ReminderContent } | { skip: string } {
  if (!pair || pair.status === 'ended') return { skip: 'PairNotActive' };
  const viewerRole = pairRoleOf(pair, reminder.recipientId);
  if (!viewerRole) return { skip: 'NoLongerInPair' };
  const { timeZone } = preferencesOf(reminder.recipientId, settings, reference);
  return { content: { reminder, pair, viewerRole, timeZone, ...localeOf(reference) } };
}
