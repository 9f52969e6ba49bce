// Activity feed notices through Microsoft Graph as the app (application permission TeamsActivity.Send):
//   POST /users/{id}/teamwork/sendActivityNotification
//        { topic: { source: 'text', value, webUrl: <deep link into the personal tab> }, activityType,
//          previewText, templateParameters, teamsAppId } → 204
// The app must be installed for the recipient (the rollout does that). Sent as the app rather than on behalf
// of the person who acted, so that the same notice can come from a bot card action or a timed job.
import type { Logger } from 'pino';
import type { ActivityNotice } from '../domain/activities';
import type { GraphCredentialFor } from '../graph/appCredential';
import { GraphFailure, graphRequester, type GraphRequestOptions } from '../graph/graphRequest';
import { personalTabDeepLink, type ActivityFeed, type FeedOutcome } from './activityFeed';

export interface GraphActivityFeedOptions extends Pick<
  GraphRequestOptions,
  'sleep' | 'maxWaitMs' | 'maxRetries' | 'fetch'
> {
  graphBaseUrl: string;
  credentialFor: GraphCredentialFor;
  /** The app's id in the tenant's catalogue, for the deep link and to name the app among the recipient's installs. */
  catalogAppId: (tenantId: string) => Promise<string | undefined>;
  /** The topic Teams shows under the notice. */
  topic: string;
  log: Logger;
}

export const FEED_PERMISSION = 'TeamsActivity.Send';
const PREVIEW_LIMIT = 150;

function outcomeOf(error: GraphFailure): FeedOutcome {
  if (error.status === 429)
    return {
      kind: 'retry',
      reason: 'Throttled',
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  if (error.status === 0 || error.status >= 500)
    return {
      kind: 'retry',
      reason: 'GraphUnavailable',
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  if (error.status === 401) return { kind: 'unavailable', reason: 'SignInFailed' };
  // "Missing role permissions … requires one of 'TeamsActivity.Send'": no admin consent.
  if (error.status === 403 && /role|permission|scope/i.test(error.message) && !/installed/i.test(error.message))
    return { kind: 'unavailable', reason: 'FeedNotPermitted' };
  // "… not authorized to generate custom text notifications … Ensure that the expected Teams app is installed".
  if (error.status === 403 || error.status === 404) return { kind: 'unavailable', reason: 'AppNotInstalledForUser' };
  return { kind: 'unavailable', reason: 'GraphRefused' };
}

export function graphActivityFeed(options: GraphActivityFeedOptions): ActivityFeed {
  const request = graphRequester({ ...options, baseUrl: options.graphBaseUrl });
  const scope = `${new URL(options.graphBaseUrl).origin}/.default`;

  return {
    async notify(tenantId, recipientUserId, notice: ActivityNotice): Promise<FeedOutcome> {
      const catalogAppId = await options.catalogAppId(tenantId).catch(() => undefined);
      if (!catalogAppId) return { kind: 'unavailable', reason: 'FeedNotConfigured' };
      let token: string;
      try {
        const issued = await options.credentialFor(tenantId).getToken(scope);
        if (!issued) throw new Error('no token for Microsoft Graph');
        token = issued.token;
      } catch (error) {
        options.log.warn({ err: error }, 'signing in to Microsoft Graph as the app failed (activity feed)');
        return { kind: 'unavailable', reason: 'SignInFailed' };
      }
      try {
        await request(token, {
          method: 'POST',
          path: `users/${encodeURIComponent(recipientUserId)}/teamwork/sendActivityNotification`,
          body: {
            topic: {
              source: 'text',
              value: options.topic,
              webUrl: personalTabDeepLink(catalogAppId, notice.subPageId),
            },
            activityType: notice.type,
            previewText: { content: notice.preview.slice(0, PREVIEW_LIMIT) },
            templateParameters: Object.entries(notice.parameters).map(([name, value]) => ({ name, value })),
            teamsAppId: catalogAppId,
          },
        });
        return { kind: 'sent' };
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        const outcome = outcomeOf(error);
        if (outcome.kind === 'unavailable' && outcome.reason === 'GraphRefused')
          options.log.warn(
            { status: error.status, code: error.code },
            'activity notification refused by Microsoft Graph',
          );
        return outcome;
      }
    },
  };
}
