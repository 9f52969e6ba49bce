// The rollout a programme admin starts: the app installed for every participant who lacks it, one person
// at a time through Microsoft Graph, each failure with its reason and the fix. Names and states only.

export const INSTALL_REASONS = [
  'InstallNotPermitted',
  'InstallerIsNotTheApp',
  'AppNotAvailableToUser',
  'AppNotInCatalog',
  'CatalogIdUnknown',
  'SignInFailed',
  'GraphThrottled',
  'GraphUnavailable',
  'GraphRefused',
  'UserNotFound',
  'NotConfigured',
] as const;
export type InstallReason = (typeof INSTALL_REASONS)[number];

/** What the programme admin (or their IT team) does about each reason. */
export const INSTALL_FIXES: Record<InstallReason, string> = {
  InstallNotPermitted:
    'Microsoft Graph refused: the app registration lacks the application permission TeamsAppInstallation.ReadWriteSelfForUser.All. A Privileged Role Administrator or Global Administrator grants it (admin guide, "Grant the permissions"), then start again.',
  InstallerIsNotTheApp:
    'Microsoft Graph says the signed-in app is not this Teams app: the manifest’s webApplicationInfo.id must be the Entra app the server signs in as (AAD_APP_CLIENT_ID). Re-run provisioning so both match, then start again.',
  AppNotAvailableToUser:
    'Teams does not let this person have the app. In the Teams admin center → Teams apps → Manage apps → Reverse Mentoring, make it available to them (Everyone, or a group they are in), and check that custom apps are allowed org-wide.',
  AppNotInCatalog:
    'The app is not published to your organisation’s app catalogue (only there can it be installed for others). A Teams administrator approves or uploads it under Manage apps; then install it yourself from Apps → Built for your org and start again.',
  CatalogIdUnknown:
    'The server could not find the app in your organisation’s catalogue through your own installation. Install Reverse Mentoring from Apps → Built for your org (not an uploaded copy), then start again.',
  SignInFailed:
    'The server could not sign in to Microsoft Entra ID as the app. Check the federated credential on the app registration (provisioning creates it; admin guide, "Grant the permissions") and the App Service identity.',
  GraphThrottled:
    'Microsoft Graph kept throttling the installs. Start again later: people who already have the app are skipped.',
  GraphUnavailable: 'Microsoft Graph was unavailable. Start again later: people who already have the app are skipped.',
  GraphRefused:
    'Microsoft Graph refused the install. Start again later; if it persists, check the server’s logs for the status code.',
  UserNotFound:
    'This person is not in your directory any more (left the organisation?). Remove them from the programme.',
  NotConfigured:
    'Proactive installation is not configured on the server: it needs the app’s manifest id (TEAMS_APP_ID, set by the Azure deployment) or TEAMS_APP_CATALOG_ID, and credentials for Microsoft Graph.',
};

export const ROLLOUT_STATUSES = ['running', 'finished', 'interrupted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** A running rollout whose heartbeat is older than this was cut off (restart, crash) and may be started again. */
export const ROLLOUT_STALE_MS = 2 * 60_000;
/** Installs per second a rollout asks Graph for, per tenant; 429s are honoured on top. */
export const ROLLOUT_INSTALLS_PER_SECOND = 5;
/** Failures kept on the rollout document (the rest are counted only). */
export const ROLLOUT_FAILURES_KEPT = 2000;

export interface RolloutFailure {
  userId: string;
  name: string;
  reason: InstallReason;
}

/** One per programme (id `appRollout`, partition programId): the latest rollout and its progress. */
export interface AppRolloutDoc {
  id: 'appRollout';
  type: 'appRollout';
  tenantId: string;
  programId: string;
  status: 'running' | 'finished';
  startedBy: string;
  startedAt: string;
  /** Written with every progress update; a stale one means the run was cut off. */
  heartbeatAt: string;
  finishedAt?: string;
  /** Why the run stopped before installing for anyone (e.g. the catalogue id could not be found). */
  problem?: InstallReason;
  total: number;
  /** Asked Teams to install (201): the person gets the app within minutes. */
  installed: number;
  /** Already had the app (a chat with the bot, or Graph's 409). */
  alreadyHad: number;
  failed: number;
  failures: RolloutFailure[];
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** What the admin sees of a rollout document: running ones whose heartbeat stopped are interrupted. */
export function rolloutStatus(doc: Pick<AppRolloutDoc, 'status' | 'heartbeatAt'>, now: number): RolloutStatus {
  if (doc.status === 'finished') return 'finished';
  return now - Date.parse(doc.heartbeatAt) > ROLLOUT_STALE_MS ? 'interrupted' : 'running';
}

export type InstallOutcome =
  | { kind: 'installed' }
  | { kind: 'alreadyInstalled' }
  /** Worth trying again later: throttled (429), Graph or the network unavailable. */
  | { kind: 'retry'; reason: InstallReason; retryAfterMs?: number }
  | { kind: 'failed'; reason: InstallReason };

export type CatalogLookup = { catalogId: string } | { reason: InstallReason };

/** Installing the app for one person: the port app rollouts use (jobs/appRollout.ts); teams/proactiveInstall.ts installs through Microsoft Graph. */
export interface TeamsAppInstaller {
  install(tenantId: string, userId: string, catalogId: string): Promise<InstallOutcome>;
  /** The app's id in the organisation's catalogue: configured, known, or read from the installation of someone who has the app. */
  catalogId(tenantId: string, holderUserId: string | undefined): Promise<CatalogLookup>;
}

/** Reasons that hold for everyone in the tenant: the run stops at the first, with the fix, instead of failing each person. */
export const TENANT_WIDE_REASONS: ReadonlySet<InstallReason> = new Set([
  'InstallNotPermitted',
  'InstallerIsNotTheApp',
  'AppNotInCatalog',
  'SignInFailed',
]);
