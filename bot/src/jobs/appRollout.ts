// "Make the app available to all participants": a programme admin starts it, and the server installs the
// app (Microsoft Graph proactive installation) for every participant without it, paced under Graph's limits
// and honouring Retry-After, recording progress on the programme's rollout document. One run per programme:
// the document is claimed with an ETag, and a run whose heartbeat stops (restart) may be started again.
import type { Logger } from 'pino';
import {
  INSTALL_FIXES,
  ROLLOUT_FAILURES_KEPT,
  ROLLOUT_INSTALLS_PER_SECOND,
  TENANT_WIDE_REASONS,
  rolloutStatus,
  type AppRolloutDoc,
  type InstallReason,
  type TeamsAppInstaller,
} from '../domain/appRollout';
import { AppError } from '../domain/errors';
import type { Caller, ParticipantDoc, ProgramDoc } from '../domain/model';
import { lostRace } from '../commands/concurrentChange';
import { createAppRollout, findAppRollout, replaceAppRollout } from '../store/appRollouts';
import { reachableConversationReference } from '../store/conversations';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { programParticipants } from '../store/queries';

export interface AppRolloutOptions {
  installsPerSecond?: number;
  /** Longest wait before retrying one person after a 429 or 5xx. */
  maxRetryWaitMs?: number;
  /** How often progress is written while running. */
  flushEveryMs?: number;
}

export interface AppRollouts {
  /** False when proactive installation is not configured (no manifest or catalogue id, or no Graph credentials). */
  readonly available: boolean;
  /** Starts a run, or returns the one already running (`started: false`). */
  start(program: ProgramDoc, caller: Caller): Promise<{ doc: AppRolloutDoc; started: boolean }>;
  latest(program: ProgramDoc): Promise<AppRolloutDoc | undefined>;
  /** Resolves when this process's run for the programme has ended (tests, shutdown). */
  settled(programId: string): Promise<void>;
}

const ATTEMPTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAppRollouts(
  store: Store,
  installer: TeamsAppInstaller | undefined,
  log: Logger,
  options: AppRolloutOptions = {},
): AppRollouts {
  const perInstallMs = 1000 / (options.installsPerSecond ?? ROLLOUT_INSTALLS_PER_SECOND);
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
  const flushEveryMs = options.flushEveryMs ?? 1000;
  const running = new Map<string, Promise<void>>();

  /** One person: has the app already, asked Teams to install it, or why not (retrying 429/5xx). */
  async function installFor(
    tenantId: string,
    person: ParticipantDoc,
    catalogId: string,
  ): Promise<'alreadyHad' | 'installed' | InstallReason> {
    if (await reachableConversationReference(store, tenantId, person.userId)) return 'alreadyHad';
    let reason: InstallReason = 'GraphUnavailable';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const outcome = await installer!.install(tenantId, person.userId, catalogId);
      if (outcome.kind === 'installed') return 'installed';
      if (outcome.kind === 'alreadyInstalled') return 'alreadyHad';
      reason = outcome.reason;
      if (outcome.kind === 'failed') return reason;
      await sleep(Math.min(maxRetryWaitMs, outcome.retryAfterMs ?? 1000 * 2 ** attempt));
    }
    return reason;
  }

  async function run(claimed: Stored<AppRolloutDoc>, participants: ParticipantDoc[], catalogId: string): Promise<void> {
    let doc = claimed;
    let lastFlush = Date.now();
    let nextInstallAt = 0;
    const write = async (changes: Partial<AppRolloutDoc>) => {
      const stamp = new Date().toISOString();
      doc = await replaceAppRollout(store, { ...doc, ...changes, heartbeatAt: stamp, updatedAt: stamp }, doc._etag);
      lastFlush = Date.now();
    };
    const tally = { installed: 0, alreadyHad: 0, failed: 0, failures: [] as AppRolloutDoc['failures'] };
    const progress = () => ({
      installed: tally.installed,
      alreadyHad: tally.alreadyHad,
      failed: tally.failed,
      failures: [...tally.failures],
    });
    try {
      for (const person of participants) {
        const wait = nextInstallAt - Date.now();
        if (wait > 0) await sleep(wait);
        const result = await installFor(claimed.tenantId, person, catalogId);
        if (result !== 'alreadyHad') nextInstallAt = Date.now() + perInstallMs;
        if (result === 'alreadyHad' || result === 'installed') tally[result]++;
        else if (TENANT_WIDE_REASONS.has(result)) {
          await write({ ...progress(), status: 'finished', problem: result, finishedAt: new Date().toISOString() });
          return;
        } else {
          tally.failed++;
          if (tally.failures.length < ROLLOUT_FAILURES_KEPT)
            tally.failures.push({ userId: person.userId, name: person.name, reason: result });
        }
        if (Date.now() - lastFlush >= flushEveryMs) await write(progress());
      }
      await write({ ...progress(), status: 'finished', finishedAt: new Date().toISOString() });
    } catch (error) {
      // Another start took the document over (a stale write), or the store failed: the heartbeat stops and the admin sees "interrupted".
      if (!lostRace(error)) log.warn({ err: error, programId: claimed.programId }, 'app rollout stopped');
    }
  }

  return {
    available: installer !== undefined,

    latest: (program) => findAppRollout(store, program.tenantId, program.id),

    async start(program, caller) {
      if (!installer)
        // 409, not 5xx: the server works; its configuration does not allow this request (the fix is named).
        throw new AppError(409, 'rollout-unavailable', 'Rollout unavailable', INSTALL_FIXES.NotConfigured);
      const existing = await findAppRollout(store, program.tenantId, program.id);
      if (existing && rolloutStatus(existing, Date.now()) === 'running') return { doc: existing, started: false };
      const [lookup, participants] = await Promise.all([
        installer.catalogId(program.tenantId, caller.userId),
        programParticipants(store, program),
      ]);
      const stamp = new Date().toISOString();
      const fresh: AppRolloutDoc = {
        id: 'appRollout',
        type: 'appRollout',
        tenantId: program.tenantId,
        programId: program.id,
        status: 'catalogId' in lookup ? 'running' : 'finished',
        startedBy: caller.userId,
        startedAt: stamp,
        heartbeatAt: stamp,
        ...('reason' in lookup ? { problem: lookup.reason, finishedAt: stamp } : {}),
        total: participants.length,
        installed: 0,
        alreadyHad: 0,
        failed: 0,
        failures: [],
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      };
      let doc: Stored<AppRolloutDoc>;
      try {
        doc = existing ? await replaceAppRollout(store, fresh, existing._etag) : await createAppRollout(store, fresh);
      } catch (error) {
        // Someone else started one at the same moment: theirs is the run.
        if (!lostRace(error)) throw error;
        return { doc: (await findAppRollout(store, program.tenantId, program.id))!, started: false };
      }
      if ('catalogId' in lookup) {
        const work = run(
          doc,
          [...participants].sort((a, b) => a.name.localeCompare(b.name)),
          lookup.catalogId,
        ).finally(() => running.delete(program.id));
        running.set(program.id, work);
      }
      return { doc, started: true };
    },

    settled: async (programId) => {
      await running.get(programId);
    },
  };
}
