// Proactive sends: each reminder goes out through CloudAdapter.continueConversationAsync, after the
// throttle has room. The connector client's own retry policy is removed so that retries follow one
// rule (ours: only 412/429/502/503/504, Retry-After first, else backoff with jitter) and every HTTP
// attempt is counted against Teams' limits; Retry-After is read from the raw response.
import {
  ActivityTypes,
  CardFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationReferenceDoc } from '../domain/model';
import type { ReminderContent, ReminderDelivery, SendResult } from '../jobs/reminderRun';
import type { SendThrottle } from './sendThrottle';
import { reminderCard, type CardLinks } from './reminderCards';

const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);

/** Teams' 403/404 codes after which sending to the person stops until they are reachable again. */
export const UNREACHABLE_CODES = new Set([
  'BotNotInConversationRoster',
  'ConversationBlockedByUser',
  'ConversationNotFound',
  'BotDisabledByAdmin',
  'MessageWritesBlocked',
]);

interface PipelineLike {
  removePolicy(options: { phase?: string; name?: string }): unknown;
  addPolicy(
    policy: {
      name: string;
      sendRequest(
        request: unknown,
        next: (r: unknown) => Promise<{ headers: { get(name: string): string | undefined } }>,
      ): Promise<unknown>;
    },
    options?: { phase?: string },
  ): void;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Transport failures without an HTTP answer (the request may never have reached Teams): a reset or
 * refused connection ("socket hang up" is ECONNRESET), a timeout, a name lookup that failed for now.
 * They are retried like a 503; the connection pool's stale keep-alive sockets cause most of them.
 */
const TRANSPORT_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

/** Turns a failed send into what the job does next. */
export function classifySendError(error: unknown, retryAfter: string | undefined): SendResult {
  const e = error as { statusCode?: number; code?: string; name?: string; details?: { error?: { code?: string } } };
  const status = e.statusCode;
  const code = e.details?.error?.code ?? (typeof e.code === 'string' ? e.code : undefined);
  if (
    status === undefined &&
    ((code && TRANSPORT_ERROR_CODES.has(code)) || e.name === 'AbortError' || e.name === 'TimeoutError')
  ) {
    return { kind: 'retry', status: 0, reason: code ?? e.name ?? 'NetworkError' };
  }
  if (status !== undefined && RETRYABLE_STATUSES.has(status)) {
    const wait = retryAfterMs(retryAfter);
    return {
      kind: 'retry',
      status,
      reason: status === 429 ? 'Throttled' : 'ServiceUnavailable',
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  if ((status === 403 || status === 404) && code && UNREACHABLE_CODES.has(code))
    return { kind: 'unreachable', reason: code };
  if (status === 404) return { kind: 'unreachable', reason: 'ConversationNotFound' };
  return { kind: 'failed', reason: code ?? (status ? `Http${status}` : 'NetworkError') };
}

export interface ProactiveSenderOptions {
  adapter: CloudAdapter;
  botAppId: string;
  throttle: SendThrottle;
  log: Logger;
  installForUser?: ReminderDelivery['installForUser'];
  links: CardLinks;
}

export function createReminderDelivery(options: ProactiveSenderOptions): ReminderDelivery {
  const { adapter, botAppId, throttle, log } = options;
  return {
    ...(options.installForUser ? { installForUser: options.installForUser } : {}),
    async send(
      referenceDoc: ConversationReferenceDoc,
      content: ReminderContent,
      signal?: AbortSignal,
    ): Promise<SendResult> {
      // With a registration the bot's token goes with every send: only to serviceUrls a Bot Framework token named.
      if (botAppId && referenceDoc.authenticatedBy !== 'botFrameworkToken')
        return { kind: 'unreachable', reason: 'ServiceUrlNotAuthenticated' };
      const reference = referenceDoc.reference as Partial<ConversationReference>;
      const conversationId = reference.conversation!.id;
      await throttle.acquire(referenceDoc.tenantId, conversationId, signal);
      if (signal?.aborted) return { kind: 'retry', status: 0, reason: 'Aborted' };
      const card = reminderCard(content, options.links);
      let result: SendResult = { kind: 'failed', reason: 'NotSent' };
      // continueConversationAsync resolves even when the send inside fails: the outcome is decided in here.
      await adapter
        .continueConversationAsync(botAppId, reference, async (context: TurnContext) => {
          let retryAfter: string | undefined;
          const client = context.turnState.get(adapter.ConnectorClientKey) as
            { client?: { pipeline?: PipelineLike } } | undefined;
          const pipeline = client?.client?.pipeline;
          if (pipeline) {
            pipeline.removePolicy({ phase: 'Retry' });
            pipeline.addPolicy(
              {
                name: 'readRetryAfter',
                async sendRequest(request, next) {
                  const response = await next(request);
                  retryAfter = response.headers.get('retry-after');
                  return response;
                },
                // In the retry phase, the raw response is seen before deserialisation turns it into an error.
              },
              { phase: 'Retry' },
            );
          }
          try {
            await context.sendActivity({
              type: ActivityTypes.Message,
              attachments: [CardFactory.adaptiveCard(card)],
              summary: card.fallbackText,
              // Teams shows a notification for proactive messages only when asked to.
              channelData: { notification: { alert: true } },
            });
            result = { kind: 'sent' };
          } catch (error) {
            result = classifySendError(error, retryAfter);
            if (result.kind === 'retry' && result.retryAfterMs !== undefined && result.status === 429)
              throttle.pauseConversation(conversationId, result.retryAfterMs);
          }
        })
        .catch((error: unknown) => {
          // Failures before the send (e.g. getting the bot's token) land here.
          log.warn({ err: error }, 'proactive send could not start');
          result = classifySendError(error, undefined);
        });
      return result;
    },
  };
}
