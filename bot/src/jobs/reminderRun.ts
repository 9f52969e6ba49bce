// One run of the reminder job: find due reminders (any tenant), claim each with an ETag-conditional
// write and a lease, decide at send time whether it is still wanted, send it through the bot, and
// record sent / failed (reason) / skipped. A worker that dies mid-send leaves a claim whose lease
// runs out; the next run takes it over, so nothing is lost. Two workers never both hold a claim.
import { randomUUID } from 'node:crypto';
import { isMomentOpen, momentOfSubject } from '../domain/assessments';
import type {
  AssessmentDoc,
  AssessmentMoment,
  CommitmentDoc,
  ConversationReferenceDoc,
  GoalDoc,
  PairDoc,
  PairRole,
  ProgramDoc,
  SessionDoc,
  TakeawayDoc,
} from '../domain/model';
import { pairRoleOf } from '../domain/model';
import {
  ASSESSMENT,
  MINUTE,
  NOTICE,
  RETENTION_NOTICE,
  type ReminderDoc,
  type ReminderKind,
  type ReminderSettingsDoc,
} from '../domain/reminders';
import { noticeSubPage, type ActivityNotice } from '../domain/activities';
import type { FeedOutcome } from '../activityFeed/activityFeed';
import { findConversationReference } from '../store/conversations';
import { StaleWrite } from '../domain/errors';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { pairFollowThrough } from '../store/queries';
import { findReminderSettings } from '../store/reminders';
import { preferencesOf } from '../commands/reminderPlanner';
import { markUnreachable } from '../commands/conversationRecorder';
import { recordDeliveryOutcome } from '../store/deliveryOutcomes';
import { noticePreviewIn, wordsFor } from '../i18n/messages';

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

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'deferred' | 'lost';

export async function runDueReminders(
  store: Store,
  delivery: ReminderDelivery,
  options: RunOptions = {},
): Promise<RunTotals> {
  const now = options.now ?? Date.now;
  const workerId = options.workerId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 2 * MINUTE;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 32;
  const totals: RunTotals = { sent: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  const queue: Stored<ReminderDoc>[] = [];
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

/** Sends one due reminder: claim it, decide what it says, try the feed (notices; an assessment's pointer), reach the person, send, record. */
async function processOne(
  store: Store,
  delivery: ReminderDelivery,
  found: Stored<ReminderDoc>,
  options: Resolved,
): Promise<Outcome> {
  if (options.signal?.aborted) return 'lost';
  const claimedAt = options.now();
  const claim = await claimWithRecipient(store, found, options, claimedAt);
  if (claim === 'lost') return 'lost';
  const { claimed, recipient } = claim;
  const record = outcomeRecorder(store, claimed, options);

  const decision = contentOf(claimed, recipient, options.now());
  if ('skip' in decision) return record.finish('skipped', decision.skip);
  const fed = await notifyInFeed(delivery, claimed, decision.content, options, record);
  if (fed.outcome) return fed.outcome;
  const channel = claimed.kind === NOTICE || claimed.kind === ASSESSMENT ? ('bot' as const) : undefined;
  const reached = await reachRecipient(store, delivery, claimed, recipient.reference, record, channel);
  if ('outcome' in reached) return reached.outcome;

  const last = await sendWithRetries(delivery, reached.reference, decision.content, options, claimedAt);
  if (last === 'lost') return 'lost';
  return recordSend(store, claimed, last, record, options, {
    channel,
    ...(fed.feedUnavailable ? { feedUnavailable: fed.feedUnavailable } : {}),
  });
}

/** Claims the reminder (with its ETag) and reads what the send needs, in one round trip of waiting; 'lost' when another worker claimed it first. */
async function claimWithRecipient(
  store: Store,
  found: Stored<ReminderDoc>,
  options: Resolved,
  claimedAt: number,
): Promise<{ claimed: Stored<ReminderDoc>; recipient: Recipient } | 'lost'> {
  const [claim, recipient] = await Promise.allSettled([
    store.reminders.replace(
      {
        ...found,
        state: 'claimed',
        claimedBy: options.workerId,
        leaseUntil: new Date(claimedAt + options.leaseMs).toISOString(),
        updatedAt: new Date(options.now()).toISOString(),
      },
      found._etag,
    ),
    loadRecipient(store, found),
  ]);
  if (claim.status === 'rejected') {
    // Another worker claimed it (or the planner changed it) first.
    if (claim.reason instanceof StaleWrite) return 'lost';
    throw claim.reason;
  }
  // The claim holds; its lease runs out and a later run tries again.
  if (recipient.status === 'rejected') throw recipient.reason;
  return { claimed: claim.value, recipient: recipient.value };
}

type Channel = 'activityFeed' | 'bot';

interface OutcomeRecorder {
  /** Records the reminder as sent, failed or skipped, with the reason and channel. */
  finish(state: 'sent' | 'failed' | 'skipped', reason?: string, channel?: Channel): Promise<Outcome>;
  /** Puts the reminder back, due again after `delayMs`. */
  deferBy(delayMs: number, reason: string): Promise<Outcome>;
  /** Writes down part of the delivery while the claim holds (the feed took the pointer); 'lost' when our claim was taken over. */
  note(patch: Pick<ReminderDoc, 'feedSentAt'>): Promise<'noted' | 'lost'>;
}

/** Writes the outcome of a claimed reminder; when our claim was taken over (our lease ran out mid-send), the other worker records it. */
function outcomeRecorder(store: Store, claimed: Stored<ReminderDoc>, options: Resolved): OutcomeRecorder {
  const at = () => new Date(options.now()).toISOString();
  // The claim as last written (a note moves its ETag on), and the reminder as it is put down when the claim ends.
  let current = claimed;
  const released = () => {
    const { claimedBy: _c, leaseUntil: _l, ...rest } = current;
    return rest;
  };
  const unlessTakenOver = async (write: () => Promise<unknown>, outcome: Outcome): Promise<Outcome> => {
    try {
      await write();
      return outcome;
    } catch (error) {
      if (error instanceof StaleWrite) return 'lost';
      throw error;
    }
  };
  return {
    finish: async (state, reason, channel) => {
      const stamp = at();
      const outcome = await unlessTakenOver(
        () =>
          store.reminders.replace(
            {
              ...released(),
              state,
              outcome: { at: stamp, ...(reason ? { reason } : {}), ...(channel ? { channel } : {}) },
              updatedAt: stamp,
            },
            current._etag,
          ),
        state,
      );
      // The delivery report's per-person outcome (the reminder itself is the record: a failure here loses no reminder).
      if (outcome !== 'lost' && (state === 'sent' || state === 'failed')) {
        await recordDeliveryOutcome(store, {
          tenantId: claimed.tenantId,
          programId: claimed.programId,
          userId: claimed.recipientId,
          state,
          at: stamp,
          ...(reason ? { reason } : {}),
        }).catch(() => undefined);
      }
      return outcome;
    },
    deferBy: (delayMs, reason) => {
      const stamp = options.now();
      return unlessTakenOver(
        () =>
          store.reminders.replace(
            {
              ...released(),
              state: 'planned',
              sendAt: new Date(stamp + delayMs).toISOString(),
              attempts: claimed.attempts + 1,
              outcome: { at: new Date(stamp).toISOString(), reason },
              updatedAt: new Date(stamp).toISOString(),
            },
            current._etag,
          ),
        'deferred',
      );
    },
    note: async (patch) => {
      try {
        current = await store.reminders.replace({ ...current, ...patch, updatedAt: at() }, current._etag);
        return 'noted';
      } catch (error) {
        if (error instanceof StaleWrite) return 'lost';
        throw error;
      }
    },
  };
}

/**
 * A notice goes to the activity feed first; the bot takes it when the feed cannot (and the record says why).
 * An assessment's card always goes through the bot (it is answered in place); the feed carries "assessment due"
 * beside it, pointing to the tab's ledger, once: noted on the reminder as soon as the feed took it.
 */
async function notifyInFeed(
  delivery: ReminderDelivery,
  claimed: ReminderDoc,
  content: ReminderContent,
  options: Resolved,
  record: OutcomeRecorder,
): Promise<{ outcome?: Outcome; feedUnavailable?: string }> {
  const notice = feedNoticeOf(claimed, content);
  if (!notice) return {};
  const withCard = claimed.kind === ASSESSMENT;
  const fed = delivery.notify
    ? await delivery.notify(claimed.tenantId, claimed.recipientId, notice)
    : { kind: 'unavailable' as const, reason: 'FeedNotConfigured' as const };
  if (fed.kind === 'sent') {
    if (!withCard) return { outcome: await record.finish('sent', undefined, 'activityFeed') };
    return (await record.note({ feedSentAt: new Date(options.now()).toISOString() })) === 'lost'
      ? { outcome: 'lost' }
      : {};
  }
  if (fed.kind === 'retry') {
    if (claimed.attempts + 1 >= (options.maxRuns ?? 6))
      // The card does not wait for the feed any longer: it goes alone, and the record says why.
      return withCard
        ? { feedUnavailable: fed.reason }
        : { outcome: await record.finish('failed', fed.reason, 'activityFeed') };
    return {
      outcome: await record.deferBy(fed.retryAfterMs ?? backoffMs(claimed.attempts + 3, 1000, 15 * MINUTE), fed.reason),
    };
  }
  return { feedUnavailable: fed.reason };
}

/** What the feed shows for this reminder: a notice (its preview in the reader's language), an assessment's pointer not yet sent, or nothing. */
function feedNoticeOf(claimed: ReminderDoc, content: ReminderContent): ActivityNotice | undefined {
  // The feed shows the manifest's template in the reader's Teams language; the preview line is ours to translate.
  if (claimed.kind === NOTICE && claimed.notice)
    return { ...claimed.notice, preview: noticePreviewIn(content.locale, claimed.notice.preview) };
  if (claimed.kind === ASSESSMENT && !claimed.feedSentAt) return assessmentDueNotice(content);
  return undefined;
}

/**
 * "Your {stage} goal assessment is due": the stage (baseline, midpoint, end) and the preview (the card's title) in the
 * reader's language, since Teams fills the translated template with our values as given; it opens the pair's ledger.
 */
function assessmentDueNotice({ pair, viewerRole, locale, ledger }: ReminderContent): ActivityNotice | undefined {
  if (!ledger) return undefined;
  const words = wordsFor(locale);
  const partner = (viewerRole === 'mentor' ? pair.mentee : pair.mentor).name;
  return {
    type: 'assessmentDue',
    parameters: { stage: words.t(`moment.${ledger.moment}`) },
    preview: words.t(`ledger.title.${ledger.moment}`, { partner }),
    subPageId: noticeSubPage(pair.id, 'ledger'),
  };
}

/** The person's conversation reference, installing the app for them first if it can; else the outcome to record. */
async function reachRecipient(
  store: Store,
  delivery: ReminderDelivery,
  claimed: ReminderDoc,
  known: ConversationReferenceDoc | undefined,
  record: OutcomeRecorder,
  channel: Channel | undefined,
): Promise<{ reference: ConversationReferenceDoc } | { outcome: Outcome }> {
  let reference = known;
  if (!reference) {
    if (delivery.installForUser && claimed.attempts < 3) {
      const asked = await delivery.installForUser(claimed.tenantId, claimed.recipientId);
      if (asked === 'forbidden') return { outcome: await record.finish('failed', 'InstallNotPermitted', channel) };
      if (asked === 'requested') {
        // Teams sends the bot an install event carrying the conversation reference. Already here: send
        // now. Later: the event re-plans the person's reminders, which makes this one due again.
        reference = await findConversationReference(store, claimed.tenantId, claimed.recipientId);
        if (!reference) return { outcome: await record.deferBy(2 * MINUTE, 'WaitingForInstall') };
      }
    }
    if (!reference) return { outcome: await record.finish('failed', 'NotInstalled', channel) };
  }
  if (reference.status !== 'installed')
    return {
      outcome: await record.finish('failed', reference.unreachableReason ?? 'BotNotInConversationRoster', channel),
    };
  return { reference };
}

/**
 * Sends, retrying within this run. Waits end well before the lease does, so that no other worker takes the
 * claim over while this one may still send; a longer wait puts the reminder back with a later sendAt instead.
 * Stopped (shutdown, or a test's kill): 'lost', and the claim stays, as after a crash, until its lease runs out.
 */
async function sendWithRetries(
  delivery: ReminderDelivery,
  reference: ConversationReferenceDoc,
  content: ReminderContent,
  options: Resolved,
  claimedAt: number,
): Promise<SendResult | 'lost'> {
  const attempts = options.attemptsPerRun ?? 3;
  const waitUntil = claimedAt + options.leaseMs / 2;
  let last: SendResult = { kind: 'failed', reason: 'NotSent' };
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (options.signal?.aborted) return 'lost';
    last = await delivery.send(reference, content, options.signal);
    if (last.kind === 'retry' && options.signal?.aborted) return 'lost';
    if (last.kind !== 'retry' || attempt + 1 >= attempts) break;
    const wait = last.retryAfterMs ?? backoffMs(attempt, 250, options.maxBackoffMs ?? 8000);
    if (options.now() + wait > waitUntil) break;
    await sleep(wait, options.signal);
  }
  return last;
}

/** Records what the send came to: sent, unreachable (sending stops until they are reachable again), later, or failed. */
async function recordSend(
  store: Store,
  claimed: ReminderDoc,
  last: SendResult,
  record: OutcomeRecorder,
  options: Resolved,
  how: { channel?: Channel; feedUnavailable?: string },
): Promise<Outcome> {
  const { channel, feedUnavailable } = how;
  if (last.kind === 'sent') return record.finish('sent', feedUnavailable, channel);
  if (last.kind === 'unreachable') {
    await markUnreachable(store, claimed.tenantId, claimed.recipientId, last.reason);
    return record.finish('failed', last.reason, channel);
  }
  if (last.kind === 'retry') {
    if (claimed.attempts + 1 >= (options.maxRuns ?? 6)) return record.finish('failed', last.reason, channel);
    return record.deferBy(last.retryAfterMs ?? backoffMs(claimed.attempts + 3, 1000, 15 * MINUTE), last.reason);
  }
  return record.finish('failed', last.reason, channel);
}

const SESSION_KINDS: ReminderKind[] = ['prepare', 'startingSoon', 'captureTakeaways'];

interface Recipient {
  settings?: ReminderSettingsDoc;
  reference?: ConversationReferenceDoc;
  pair?: PairDoc;
  /** The session the reminder is about (session kinds). */
  session?: SessionDoc;
  /** The commitment the reminder is about (`commitmentCheckIn`). */
  commitment?: CommitmentDoc;
  /** The ledger's ask: the programme and the pair's follow-through content. */
  followThrough?: { program?: ProgramDoc; docs: { type: string }[] };
}

/** Everything a send needs, read in parallel. */
async function loadRecipient(store: Store, reminder: ReminderDoc): Promise<Recipient> {
  const ledger = reminder.kind === ASSESSMENT;
  const [settings, reference, pair, session, commitment, docs, program] = await Promise.all([
    findReminderSettings(store, reminder.tenantId, reminder.recipientId),
    findConversationReference(store, reminder.tenantId, reminder.recipientId),
    store.pairDocs.findById(reminder.tenantId, reminder.pairId),
    SESSION_KINDS.includes(reminder.kind) ? store.sessions.find(reminder, reminder.subjectId) : undefined,
    reminder.kind === 'commitmentCheckIn' ? store.commitments.find(reminder, reminder.subjectId) : undefined,
    ledger ? pairFollowThrough(store, reminder.tenantId, reminder.pairId) : undefined,
    ledger ? store.programDocs.findById(reminder.tenantId, reminder.programId) : undefined,
  ]);
  return {
    ...(docs ? { followThrough: { ...(program ? { program } : {}), docs } } : {}),
    ...(settings ? { settings } : {}),
    ...(reference ? { reference } : {}),
    ...(pair ? { pair } : {}),
    ...(session ? { session } : {}),
    ...(commitment ? { commitment } : {}),
  };
}

/** What the card shows, or why the reminder is no longer wanted. */
const localeOf = (reference: Recipient['reference']): { locale?: string } =>
  reference?.reference.locale ? { locale: reference.reference.locale } : {};

function contentOf(
  reminder: ReminderDoc,
  recipient: Recipient,
  now: number,
): { content: ReminderContent } | { skip: string } {
  const { settings, reference, pair } = recipient;
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
    const { session } = recipient;
    if (!session || session.status === 'cancelled') return { skip: 'SessionCancelled' };
    if (reminder.kind !== 'captureTakeaways' && session.scheduledAt !== reminder.plannedFor)
      return { skip: 'SessionMoved' };
    if (reminder.kind === 'startingSoon' && Date.parse(session.scheduledAt) + 5 * MINUTE < now)
      return { skip: 'TooLate' };
    return { content: { ...base, session } };
  }
  if (reminder.kind === ASSESSMENT)
    return ledgerContent(base, recipient.followThrough, now, reference?.reference.locale);
  if (reminder.kind === 'commitmentCheckIn') {
    const { commitment } = recipient;
    if (!commitment || commitment.status !== 'open') return { skip: 'CommitmentClosed' };
    return { content: { ...base, commitment } };
  }
  return { content: base };
}

/** The ledger's ask, unless there is nothing to rate, the moment is not open (the programme moved), or the recipient already rated every goal. */
function ledgerContent(
  base: ReminderContent,
  followThrough: Recipient['followThrough'],
  now: number,
  locale?: string,
): { content: ReminderContent } | { skip: string } {
  const moment = momentOfSubject(base.reminder.subjectId);
  const program = followThrough?.program;
  if (!moment || !program) return { skip: 'NothingToAssess' };
  const of = <T>(type: string) => (followThrough?.docs ?? []).filter((d) => d.type === type) as unknown as T[];
  const goals = of<GoalDoc>('goal')
    .filter((g) => g.status !== 'dropped')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (goals.length === 0) return { skip: 'NothingToAssess' };
  if (!isMomentOpen(program, moment, now)) return { skip: 'NotOpenYet' };
  const assessments = of<AssessmentDoc>('assessment');
  const rated = new Set(
    assessments.filter((a) => a.moment === moment && a.raterId === base.reminder.recipientId).map((a) => a.goalId),
  );
  // The end's card is also the close-out: it goes even when every goal is rated.
  if (moment !== 'end' && goals.every((g) => rated.has(g.id))) return { skip: 'AlreadyRated' };
  return {
    content: {
      ...base,
      ledger: {
        moment,
        program,
        goals,
        assessments,
        commitments: of<CommitmentDoc>('commitment'),
        takeaways: of<TakeawayDoc>('takeaway'),
        ...(locale ? { locale } : {}),
      },
    },
  };
}

/** A retention notice goes whatever the settings say (it is the members' chance to export), while the pair's content is still there. */
function retentionNoticeContent(
  reminder: ReminderDoc,
  { settings, reference, pair }: Recipient,
): { content: ReminderContent } | { skip: string } {
  if (!pair || pair.status !== 'ended' || pair.contentDeletedAt) return { skip: 'NothingToDelete' };
  const viewerRole = pairRoleOf(pair, reminder.recipientId);
  if (!viewerRole) return { skip: 'NoLongerInPair' };
  const { timeZone } = preferencesOf(reminder.recipientId, settings, reference);
  return {
    content: { reminder, pair, viewerRole, timeZone, ...localeOf(reference), retentionDeletesAt: reminder.plannedFor },
  };
}

/** A notice is about something the person must act on now: snoozes and turned-off reminders do not hold it back. */
function noticeContent(
  reminder: ReminderDoc,
  { settings, reference, pair }: Recipient,
): { content: ReminderContent } | { skip: string } {
  if (!pair || pair.status === 'ended') return { skip: 'PairNotActive' };
  const viewerRole = pairRoleOf(pair, reminder.recipientId);
  if (!viewerRole) return { skip: 'NoLongerInPair' };
  const { timeZone } = preferencesOf(reminder.recipientId, settings, reference);
  return { content: { reminder, pair, viewerRole, timeZone, ...localeOf(reference) } };
}
