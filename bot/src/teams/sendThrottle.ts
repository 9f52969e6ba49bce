// Keeps proactive sends inside Teams' limits before Teams has to say 429: per conversation
// (7 per 1 s, 8 per 2 s, 60 per 30 s) and per tenant for the whole app. Each key keeps the times of
// its recent sends (a sliding window: exact for "N per window" limits, where a token bucket would
// either overshoot a window or leave capacity unused); a send waits until every window has room.

export interface RateWindow {
  limit: number;
  ms: number;
}

export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30_000 },
];

export const tenantWindows = (perSecond: number): RateWindow[] => [{ limit: perSecond, ms: 1000 }];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
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

export class SendThrottle {
  private readonly log = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly conversationWindows: readonly RateWindow[],
    private readonly tenantLimits: readonly RateWindow[],
    private readonly clock: () => number = Date.now,
  ) {}

  private waitFor(key: string, windows: readonly RateWindow[], now: number): number {
    const paused = this.pausedUntil.get(key);
    if (paused !== undefined && paused <= now) this.pausedUntil.delete(key);
    let wait = Math.max(0, (paused ?? 0) - now);
    const times = this.log.get(key);
    if (!times) return wait;
    const longest = Math.max(...windows.map((w) => w.ms));
    while (times.length && times[0]! <= now - longest) times.shift();
    if (!times.length) this.log.delete(key);
    for (const w of windows) {
      if (times.length < w.limit) continue;
      // The send `limit` sends back must leave the window before another fits.
      wait = Math.max(wait, times[times.length - w.limit]! + w.ms - now);
    }
    return wait;
  }

  private record(key: string, now: number): void {
    const times = this.log.get(key) ?? [];
    times.push(now);
    this.log.set(key, times);
    // Conversations sent to once are not looked at again: drop their history once it is out of every window.
    if (++this.recorded % 1000 === 0) {
      const longest = Math.max(...this.conversationWindows.map((w) => w.ms), ...this.tenantLimits.map((w) => w.ms));
      for (const [k, t] of this.log) if (t[t.length - 1]! <= now - longest) this.log.delete(k);
    }
  }

  private recorded = 0;

  /** Waits until one more send to this conversation (and tenant) fits every window, then counts it. */
  async acquire(tenantId: string, conversationId: string, signal?: AbortSignal): Promise<void> {
    const tenantKey = `tenant:${tenantId}`;
    const conversationKey = `conversation:${conversationId}`;
    for (;;) {
      const now = this.clock();
      const wait = Math.max(
        this.waitFor(tenantKey, this.tenantLimits, now),
        this.waitFor(conversationKey, this.conversationWindows, now),
      );
      if (wait <= 0 || signal?.aborted) {
        this.record(tenantKey, now);
        this.record(conversationKey, now);
        return;
      }
      await sleep(wait, signal);
    }
  }

  /** After a 429 with Retry-After: nothing more to this conversation until then. */
  pauseConversation(conversationId: string, ms: number): void {
    const key = `conversation:${conversationId}`;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.clock() + ms));
  }
}
