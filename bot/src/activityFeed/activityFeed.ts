// The activity feed port: a notice in one person's Teams activity feed, deep-linked into the personal tab.
// When the feed cannot take it (not configured, not permitted, the app not installed for that person) the
// caller falls back to the bot; throttling and outages are retried like the bot's sends.
import type { ActivityNotice } from '../domain/activities';

/** Why the feed could not take a notice; the caller sends it through the bot instead. */
export const FEED_UNAVAILABLE_REASONS = [
  'FeedNotConfigured',
  'FeedNotPermitted',
  'AppNotInstalledForUser',
  'SignInFailed',
  'GraphRefused',
] as const;
export type FeedUnavailableReason = (typeof FEED_UNAVAILABLE_REASONS)[number];

export type FeedOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; reason: 'Throttled' | 'GraphUnavailable'; retryAfterMs?: number }
  | { kind: 'unavailable'; reason: FeedUnavailableReason };

export interface ActivityFeed {
  notify(tenantId: string, recipientUserId: string, notice: ActivityNotice): Promise<FeedOutcome>;
}

/** No feed (development, or Graph not configured): every notice goes through the bot. */
export const noActivityFeed: ActivityFeed = {
  notify: async () => ({ kind: 'unavailable', reason: 'FeedNotConfigured' }),
};

/** The personal tab opened at `subEntityId` (Teams' deep link; the catalogue id of an organisation's app). */
export const personalTabDeepLink = (catalogAppId: string, subEntityId: string) =>
  `https://teams.microsoft.com/l/entity/${encodeURIComponent(catalogAppId)}/pairs?context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`;
