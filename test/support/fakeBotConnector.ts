// Stand-in for the Bot Connector service (it lives outside our system): records what the bot sends
// to /v3/conversations/:conversationId/activities[/:replyToId], answering as the service does.
// It can enforce Teams' rate limits (429 + Retry-After), inject failures (429, 5xx, 403/404 with
// Teams' error codes) and add latency, so the sender is tested against the behaviour it must survive.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  activity: { type: string; text?: string; [key: string]: unknown };
  /** The Authorization header the bot sent (its Bot Framework access token), if any. */
  authorization?: string;
}

export interface Injection {
  status: number;
  /** Teams' error code in the body: ConversationBlockedByUser, BotNotInConversationRoster, … */
  code?: string;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

export interface FakeBotConnectorOptions {
  /** Enforce Teams' per-conversation limits (7/1 s, 8/2 s, 60/30 s): 429 with Retry-After when exceeded. */
  enforceConversationLimits?: boolean;
  /** Enforce one limit on all sends of the app (per second): 429 with Retry-After when exceeded. */
  appLimitPerSecond?: number;
  /** Decide a failure for one POST (called for every attempt, before limits are checked). */
  inject?: (request: {
    conversationId: string;
    attempt: number;
    activity: SentActivity['activity'];
  }) => Injection | undefined;
  latencyMs?: number;
  /**
   * Cut the connection for one POST without answering (the socket is destroyed before the activity
   * is accepted, as when a load balancer or a reused keep-alive socket drops the request).
   */
  dropConnection?: (request: { conversationId: string; attempt: number }) => boolean;
}

export interface FakeBotConnector {
  url: string;
  /** Activities accepted (2xx), in order. */
  sent: SentActivity[];
  /** Every POST, answered or refused. */
  attempts: number;
  /** Every HTTP request that reached the connector, on any path: a forged serviceUrl must see none. */
  requests: number;
  /** 429s answered because a limit was exceeded (not injected ones). */
  limitRejections: number;
  /** Connections cut by `dropConnection`. */
  dropped: number;
  /** Called after each accepted activity. */
  onAccepted?: (sent: SentActivity) => void;
  stop(): Promise<void>;
}

const CONVERSATION_WINDOWS = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30_000 },
];

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const sent: SentActivity[] = [];
  const accepted = new Map<string, number[]>();
  const appAccepted: number[] = [];
  const attemptsPerConversation = new Map<string, number>();
  const json = (
    res: import('node:http').ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  const state: FakeBotConnector = {
    url: '',
    sent,
    attempts: 0,
    requests: 0,
    limitRejections: 0,
    dropped: 0,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    state.requests++;
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return json(res, 404, { error: { code: 'NotFound' } });
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      state.attempts++;
      const conversationId = decodeURIComponent(match[1]!);
      const activity = JSON.parse(raw) as SentActivity['activity'];
      const attempt = (attemptsPerConversation.get(conversationId) ?? 0) + 1;
      attemptsPerConversation.set(conversationId, attempt);
      if (options.dropConnection?.({ conversationId, attempt })) {
        state.dropped++;
        req.socket.destroy();
        return;
      }

      const injected = options.inject?.({ conversationId, attempt, activity });
      if (injected) {
        return json(
          res,
          injected.status,
          { error: { code: injected.code ?? `Http${injected.status}`, message: 'injected by the fake connector' } },
          injected.retryAfter !== undefined ? { 'retry-after': String(injected.retryAfter) } : {},
        );
      }
      const now = Date.now();
      const times = (accepted.get(conversationId) ?? []).filter((t) => t > now - 30_000);
      const overConversation =
        options.enforceConversationLimits &&
        CONVERSATION_WINDOWS.some((w) => times.filter((t) => t > now - w.ms).length >= w.limit);
      while (appAccepted.length && appAccepted[0]! <= now - 1000) appAccepted.shift();
      const overApp = options.appLimitPerSecond !== undefined && appAccepted.length >= options.appLimitPerSecond;
      if (overConversation || overApp) {
        state.limitRejections++;
        return json(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': '1' });
      }
      times.push(now);
      accepted.set(conversationId, times);
      appAccepted.push(now);
      const record: SentActivity = {
        conversationId,
        ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
        activity,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      };
      sent.push(record);
      json(res, 200, { id: `activity-${sent.length}` });
      state.onAccepted?.(record);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
