// Stand-in for Microsoft Entra ID's token endpoint and the parts of Microsoft Graph that book sessions
// through Microsoft 365 (all outside our system), over real HTTP and in their wire formats:
//   POST /{tenant}/oauth2/v2.0/token   on-behalf-of (jwt-bearer; the assertion's oid is the user) with the
//        delegated scopes the tenant consented to (AADSTS65001 when none), and client credentials (roles)
//   GET  /v1.0/users/{id}                                  User.ReadBasic.All
//   POST /v1.0/me/calendar/getSchedule                     Calendars.ReadBasic: scheduleItems, availabilityView, workingHours
//   POST /v1.0/me/events  GET|PATCH /v1.0/me/events/{id}  POST …/cancel  GET …/instances   Calendars.ReadWrite
//        (transactionId de-duplicates a repeated create; isOnlineMeeting makes a Teams meeting and its chat;
//        a daily recurrence keeps its local time in recurrenceTimeZone)
//   GET  /v1.0/me/onlineMeetings?$filter=JoinWebUrl eq '…'        OnlineMeetings.Read
//   POST /v1.0/chats/{id}/installedApps                            TeamsAppInstallation.ReadWriteAndConsentSelfForChat
//        (the app asks for resource-specific permissions: the plain Self permission is refused, and the consented
//        set must be the app's chat permissions; Self = the caller is the manifest's webApplicationInfo.id)
//   POST /v1.0/chats/{id}/tabs                                     TeamsTab.Create (the app installed there first)
//   POST /v1.0/users/{id}/teamwork/sendActivityNotification        application TeamsActivity.Send; the type declared
//        in the manifest, exactly its template parameters, a Teams deep link, the app installed for the recipient
// Outlook answers 403 ErrorAccessDenied without consent, Teams answers 403 Forbidden naming the scopes it wants;
// `throttle` makes the next matching requests answer 429 with Retry-After.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import { findIana } from 'windows-iana';
import type { GraphCredentialFor } from '../../bot/src/graph/appCredential';
import { entraOpenIdConfiguration } from './fakeGraphInstall';

const AUTHORITY = 'https://login.microsoftonline.com';
const MINUTE = 60_000;

export interface FakeMailbox {
  id: string;
  displayName: string;
  mail?: string;
  userPrincipalName: string;
  /** Outlook's working hours, as getSchedule reports them (Windows zone name). */
  workingHours?: { daysOfWeek: string[]; startTime: string; endTime: string; timeZone: { name: string } };
  /** Busy blocks besides the events booked through this fake. */
  busy?: { start: number; end: number; status?: 'busy' | 'tentative' | 'oof' | 'free' | 'workingElsewhere' }[];
  /** Free/busy not shared with the organisation: getSchedule answers an error for this person. */
  freeBusyHidden?: boolean;
  /** Has the Teams app installed personally (activity notices need it). */
  hasApp?: boolean;
}

export interface FakeTeamsApp {
  catalogId: string;
  /** The manifest's webApplicationInfo.id: who the "Self" permissions let manage the app. */
  webApplicationInfoId: string;
  resourceSpecific: { name: string; type: 'Application' | 'Delegated' }[];
  activityTypes: { type: string; templateText: string }[];
}

export interface FakeEvent {
  id: string;
  ownerId: string;
  organizerId: string;
  subject: string;
  body: string;
  start: number;
  end: number;
  /** Windows name the event was created in. */
  timeZone: string;
  attendees: { address: string; name?: string }[];
  joinUrl?: string;
  threadId?: string;
  transactionId?: string;
  type: 'singleInstance' | 'seriesMaster' | 'occurrence';
  seriesMasterId?: string;
  recurrence?: unknown;
  cancelled: boolean;
  cancelComment?: string;
}

export interface FakeChat {
  id: string;
  memberIds: string[];
  installedApps: { catalogId: string; consented: { permissionValue: string; permissionType: string }[] }[];
  tabs: { id: string; displayName: string; catalogId: string; configuration: Record<string, unknown> }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
  status: number;
}

export interface FakeGraphScheduling {
  url: string;
  requests: RecordedRequest[];
  /** Delegated scopes the tenant consented to for the app (change it to take consent away). */
  consentedScopes: Set<string>;
  /** Application permissions with admin consent. */
  roles: Set<string>;
  mailboxes: Map<string, FakeMailbox>;
  events: Map<string, FakeEvent>;
  chats: Map<string, FakeChat>;
  notifications: { recipientId: string; body: Record<string, unknown> }[];
  /** The next `times` requests matching `path` (and `method`) answer 429 with Retry-After. */
  throttle(match: { path: RegExp; method?: string }, times: number, retryAfterSeconds: number): void;
  clearThrottles(): void;
  /** Graph's page size limit for event lists (a smaller one makes the client follow @odata.nextLink). */
  maxPageSize: number;
  /** The Azure SDK HTTP client that carries https://login.microsoftonline.com to this server. */
  httpClient: HttpClient;
  /** Client-credentials credentials for the app, as @azure/identity builds them, reaching this server. */
  credentialFor: GraphCredentialFor;
  /** An access token for our API as Teams SSO would hand it over (what on-behalf-of exchanges). */
  userAssertion(userId: string): string;
  stop(): Promise<void>;
}

export interface FakeGraphSchedulingOptions {
  clientId: string;
  clientSecret: string;
  mailboxes: FakeMailbox[];
  teamsApp: FakeTeamsApp;
  consentedScopes?: string[];
  roles?: string[];
}

/** Every delegated scope Graph accepts for each operation (least privileged first). */
const ACCEPTS = {
  readUser: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  freeBusy: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  writeEvents: ['Calendars.ReadWrite'],
  readEvents: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  readMeetings: ['OnlineMeetings.Read', 'OnlineMeetings.ReadWrite'],
  installInChatWithConsent: [
    'TeamsAppInstallation.ReadWriteAndConsentSelfForChat',
    'TeamsAppInstallation.ReadWriteAndConsentForChat',
  ],
  installInChat: ['TeamsAppInstallation.ReadWriteSelfForChat', 'TeamsAppInstallation.ReadWriteForChat'],
  addTab: ['TeamsTab.Create', 'TeamsTab.ReadWriteSelfForChat', 'TeamsTab.ReadWriteForChat', 'TeamsTab.ReadWrite.All'],
  sendActivity: ['TeamsActivity.Send'],
};

type Issued =
  | { kind: 'delegated'; userId: string; scopes: Set<string>; appId: string }
  | { kind: 'app'; roles: Set<string>; appId: string };

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => resolve(raw));
  });

const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  if (body === undefined) return res.writeHead(status, headers).end();
  res
    .writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
};

const graphError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  send(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
      },
    },
    headers,
  );

/** The offset of an IANA zone at an instant, in ms (wall clock minus UTC). */
function offsetAt(zone: string, instant: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return (
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour) % 24,
      Number(parts.minute),
    ) -
    Math.floor(instant / MINUTE) * MINUTE
  );
}

/** Outlook's reading of a dateTimeTimeZone: the wall clock in the named (Windows) zone. Undefined for an unknown zone. */
function instantOf(value: { dateTime?: string; timeZone?: string } | undefined): number | undefined {
  if (!value?.dateTime || !value.timeZone) return undefined;
  const local = Date.parse(`${value.dateTime.slice(0, 19)}Z`);
  if (Number.isNaN(local)) return undefined;
  if (value.timeZone === 'UTC') return local;
  const iana = findIana(value.timeZone)[0];
  if (!iana) return undefined;
  const guess = local - offsetAt(iana, local);
  return local - offsetAt(iana, guess);
}

const utc = (instant: number) => ({
  dateTime: `${new Date(instant).toISOString().slice(0, 19)}.0000000`,
  timeZone: 'UTC',
});

function zonedDateTime(instant: number, windowsZone: string) {
  const iana = windowsZone === 'UTC' ? 'UTC' : (findIana(windowsZone)[0] ?? 'UTC');
  return {
    dateTime: `${new Date(instant + offsetAt(iana, instant)).toISOString().slice(0, 19)}.0000000`,
    timeZone: windowsZone,
  };
}

/** The oid claim of an unverified JWT (on-behalf-of trusts the assertion's signature check to Entra; this fake skips it). */
function oidOf(assertion: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      oid?: string;
    };
    return payload.oid;
  } catch {
    return undefined;
  }
}

export async function startFakeGraphScheduling(options: FakeGraphSchedulingOptions): Promise<FakeGraphScheduling> {
  let url = '';
  const tokens = new Map<string, Issued>();
  const throttles: { path: RegExp; method?: string; left: number; retryAfterSeconds: number }[] = [];

  const inner = createDefaultHttpClient();
  const httpClient: HttpClient = {
    sendRequest(request) {
      if (request.url.startsWith(AUTHORITY)) {
        request.url = url + request.url.slice(AUTHORITY.length);
        request.allowInsecureConnection = true;
      }
      return inner.sendRequest(request);
    },
  };
  const credentials = new Map<string, ClientSecretCredential>();

  const state: FakeGraphScheduling = {
    url: '',
    requests: [],
    consentedScopes: new Set(options.consentedScopes ?? []),
    roles: new Set(options.roles ?? []),
    mailboxes: new Map(options.mailboxes.map((m) => [m.id, m])),
    events: new Map(),
    chats: new Map(),
    notifications: [],
    throttle(match, times, retryAfterSeconds) {
      throttles.push({ ...match, left: times, retryAfterSeconds });
    },
    clearThrottles() {
      throttles.length = 0;
    },
    maxPageSize: 50,
    httpClient,
    credentialFor(tenantId) {
      let c = credentials.get(tenantId);
      if (!c) {
        c = new ClientSecretCredential(tenantId, options.clientId, options.clientSecret, {
          authorityHost: AUTHORITY,
          disableInstanceDiscovery: true,
          httpClient,
        });
        credentials.set(tenantId, c);
      }
      return c;
    },
    userAssertion(userId) {
      const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ oid: userId, scp: 'access_as_user', aud: options.clientId })}.signature`;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const addressOf = (m: FakeMailbox) => (m.mail ?? m.userPrincipalName).toLowerCase();
  const mailboxByAddress = (address: string) =>
    [...state.mailboxes.values()].find((m) => addressOf(m) === address.toLowerCase());
  const involves = (e: FakeEvent, userId: string) => {
    const m = state.mailboxes.get(userId);
    return (
      e.organizerId === userId || (m !== undefined && e.attendees.some((a) => a.address.toLowerCase() === addressOf(m)))
    );
  };

  function eventJson(e: FakeEvent, inUtc: boolean) {
    const when = (t: number) => (inUtc ? utc(t) : zonedDateTime(t, e.timeZone));
    const organizer = state.mailboxes.get(e.organizerId)!;
    return {
      '@odata.etag': `W/"${Buffer.from(`${e.id}:${e.start}`).toString('base64')}"`,
      id: e.id,
      iCalUId: `040000008200E00074C5B7101A82E008${Buffer.from(e.seriesMasterId ?? e.id)
        .toString('hex')
        .slice(0, 32)}`,
      subject: e.subject,
      type: e.type,
      ...(e.seriesMasterId ? { seriesMasterId: e.seriesMasterId } : {}),
      isCancelled: e.cancelled,
      isOrganizer: e.ownerId === e.organizerId,
      start: when(e.start),
      end: when(e.end),
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
      isOnlineMeeting: Boolean(e.joinUrl),
      onlineMeetingProvider: e.joinUrl ? 'teamsForBusiness' : 'unknown',
      onlineMeeting: e.joinUrl ? { joinUrl: e.joinUrl } : null,
      recurrence: e.recurrence ?? null,
      organizer: { emailAddress: { name: organizer.displayName, address: addressOf(organizer) } },
      attendees: e.attendees.map((a) => ({
        type: 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: a,
      })),
      ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    };
  }

  /** The events that make a person busy: occurrences and single meetings they organise or attend. */
  const busyEvents = (userId: string) =>
    [...state.events.values()].filter(
      (e) => !e.cancelled && e.type !== 'seriesMaster' && e.ownerId === e.organizerId && involves(e, userId),
    );

  function schedule(address: string, from: number, to: number, interval: number) {
    const m = mailboxByAddress(address);
    if (!m || m.freeBusyHidden) {
      return {
        scheduleId: address,
        availabilityView: '',
        scheduleItems: [],
        error: {
          message: m ? 'Free/busy information is not shared.' : 'The user or distribution list is not found.',
          responseCode: m ? 'ErrorNoFreeBusyAccess' : 'ErrorMailRecipientNotFound',
        },
      };
    }
    const items = [
      ...(m.busy ?? []).map((b) => ({ status: b.status ?? 'busy', start: b.start, end: b.end, subject: 'Busy' })),
      ...busyEvents(m.id).map((e) => ({ status: 'busy', start: e.start, end: e.end, subject: e.subject })),
    ]
      .filter((i) => i.end > from && i.start < to)
      .sort((a, b) => a.start - b.start);
    const code = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' } as Record<string, string>;
    let view = '';
    for (let t = from; t < to; t += interval * MINUTE) {
      const here = items.filter((i) => i.start < t + interval * MINUTE && i.end > t).map((i) => code[i.status] ?? '2');
      view += here.sort().pop() ?? '0';
    }
    return {
      scheduleId: address,
      availabilityView: view,
      scheduleItems: items.map((i) => ({
        isPrivate: false,
        status: i.status,
        subject: i.subject,
        location: '',
        isMeeting: false,
        isRecurring: false,
        isException: false,
        isReminderSet: false,
        start: utc(i.start),
        end: utc(i.end),
      })),
      workingHours: m.workingHours ?? {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '08:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: 'Pacific Standard Time' },
      },
    };
  }

  function createMeeting(organizer: FakeMailbox, attendees: { address: string; name?: string }[]) {
    const thread = `19:meeting_${Buffer.from(randomUUID()).toString('base64url').slice(0, 40)}@thread.v2`;
    const joinUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: 'tenant', Oid: organizer.id }))}`;
    const members = [
      organizer.id,
      ...attendees.map((a) => mailboxByAddress(a.address)?.id).filter((id): id is string => Boolean(id)),
    ];
    state.chats.set(thread, { id: thread, memberIds: members, installedApps: [], tabs: [] });
    return { joinUrl, thread };
  }

  /** Daily recurrence: occurrences at the same wall-clock time in recurrenceTimeZone, `interval` days apart. */
  function occurrencesOf(
    master: FakeEvent,
    recurrence: {
      pattern?: { type?: string; interval?: number };
      range?: { type?: string; numberOfOccurrences?: number; recurrenceTimeZone?: string };
    },
  ) {
    const zone = recurrence.range?.recurrenceTimeZone ?? master.timeZone;
    const iana = zone === 'UTC' ? 'UTC' : (findIana(zone)[0] ?? 'UTC');
    const count = recurrence.range?.numberOfOccurrences ?? 1;
    const every = recurrence.pattern?.interval ?? 1;
    const local = master.start + offsetAt(iana, master.start);
    const length = master.end - master.start;
    return Array.from({ length: count }, (_, i) => {
      const wall = local + i * every * 24 * 60 * MINUTE;
      const start = wall - offsetAt(iana, wall - offsetAt(iana, wall));
      return { start, end: start + length };
    });
  }

  function consumeThrottle(method: string, path: string) {
    const t = throttles.find((x) => x.left > 0 && x.path.test(path) && (!x.method || x.method === method));
    if (!t) return undefined;
    t.left -= 1;
    return t.retryAfterSeconds;
  }

  async function token(res: ServerResponse, raw: string) {
    const form = new URLSearchParams(raw);
    if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
      return send(res, 401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      });
    const scope = form.get('scope') ?? '';
    if (form.get('grant_type') === 'client_credentials') {
      if (!scope.endsWith('/.default'))
        return send(res, 400, {
          error: 'invalid_scope',
          error_description: 'AADSTS1002012: The provided value for scope is not valid.',
        });
      const access = `app-${randomUUID()}`;
      tokens.set(access, { kind: 'app', roles: new Set(state.roles), appId: options.clientId });
      return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access });
    }
    if (
      form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
      form.get('requested_token_use') !== 'on_behalf_of'
    )
      return send(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'AADSTS70003: The app requested an unsupported grant type.',
      });
    const userId = oidOf(form.get('assertion') ?? '');
    if (!userId || !state.mailboxes.has(userId))
      return send(res, 400, {
        error: 'invalid_grant',
        error_description: 'AADSTS50013: Assertion failed signature validation.',
      });
    const requested = scope.endsWith('/.default')
      ? [...state.consentedScopes]
      : scope.split(' ').map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
    const missing = requested.filter((s) => !state.consentedScopes.has(s));
    if (requested.length === 0 || missing.length > 0)
      return send(res, 400, {
        error: 'invalid_grant',
        error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${options.clientId}'. Send an interactive authorization request for this user and resource.`,
        suberror: 'consent_required',
      });
    const access = `obo-${randomUUID()}`;
    tokens.set(access, { kind: 'delegated', userId, scopes: new Set(requested), appId: options.clientId });
    return send(res, 200, {
      token_type: 'Bearer',
      scope: requested.join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: access,
    });
  }

  const server: Server = createServer(async (req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://fake');
    const path = requestUrl.pathname;
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: Record<string, unknown> | undefined;
    try {
      body = raw && !path.endsWith('/token') ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(requestUrl.searchParams),
      body: path.endsWith('/token') ? Object.fromEntries(new URLSearchParams(raw)) : body,
      headers: { prefer: req.headers.prefer as string | undefined, authorization: req.headers.authorization },
      status: 0,
    };
    state.requests.push(record);
    const answer = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      record.status = status;
      return (answer as (...a: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof res.writeHead;

    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (method === 'POST' && tokenPath) return token(res, raw);
    const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (method === 'GET' && openid) {
      const tid = openid[1]!;
      return send(res, 200, entraOpenIdConfiguration(tid));
    }

    const issued = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!issued) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const throttled = consumeThrottle(method, path);
    if (throttled !== undefined)
      return graphError(
        res,
        429,
        'TooManyRequests',
        'Too many requests. Retry after the time in the Retry-After header.',
        { 'retry-after': String(throttled) },
      );
    const inUtc = /outlook\.timezone="UTC"/.test(String(req.headers.prefer ?? ''));
    const preferenceApplied: Record<string, string> = inUtc ? { 'preference-applied': 'outlook.timezone="UTC"' } : {};

    const delegated = issued.kind === 'delegated' ? issued : undefined;
    const me = delegated ? state.mailboxes.get(delegated.userId) : undefined;
    /** Outlook's refusal without a calendar scope; Teams names what it wanted. */
    const lacks = (accepted: string[], style: 'outlook' | 'teams') => {
      if (delegated && accepted.some((s) => delegated.scopes.has(s))) return false;
      if (style === 'outlook')
        graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      else
        graphError(
          res,
          403,
          'Forbidden',
          `Missing scope permissions on the request. API requires one of '${accepted.join(', ')}'. Scopes on the request '${delegated ? [...delegated.scopes].join(', ') : ''}'`,
        );
      return true;
    };

    const user = /^\/v1\.0\/users\/([^/]+)$/.exec(path);
    if (method === 'GET' && user) {
      if (lacks(ACCEPTS.readUser, 'teams')) return;
      const m = state.mailboxes.get(decodeURIComponent(user[1]!));
      if (!m)
        return graphError(
          res,
          404,
          'Request_ResourceNotFound',
          `Resource '${decodeURIComponent(user[1]!)}' does not exist or one of its queried reference-property objects are not present.`,
        );
      return send(res, 200, {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,mail,userPrincipalName)/$entity',
        id: m.id,
        mail: m.mail ?? null,
        userPrincipalName: m.userPrincipalName,
      });
    }

    if (method === 'POST' && path === '/v1.0/me/calendar/getSchedule') {
      if (lacks(ACCEPTS.freeBusy, 'outlook')) return;
      const b = body as
        | {
            schedules?: string[];
            startTime?: { dateTime: string; timeZone: string };
            endTime?: { dateTime: string; timeZone: string };
            availabilityViewInterval?: number;
          }
        | undefined;
      const from = instantOf(b?.startTime);
      const to = instantOf(b?.endTime);
      if (!b?.schedules?.length || from === undefined || to === undefined || to <= from)
        return graphError(
          res,
          400,
          'ErrorInvalidParameter',
          'The parameters schedules, startTime and endTime are required.',
        );
      if (to - from > 62 * 24 * 60 * MINUTE)
        return graphError(
          res,
          400,
          'ErrorInvalidParameter',
          'The requested time duration exceeds the maximum of 62 days.',
        );
      return send(
        res,
        200,
        {
          '@odata.context':
            'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
          value: b.schedules.map((s) => schedule(s, from, to, b.availabilityViewInterval ?? 30)),
        },
        preferenceApplied,
      );
    }

    if (method === 'POST' && path === '/v1.0/me/events') {
      if (lacks(ACCEPTS.writeEvents, 'outlook')) return;
      const b = body as
        | {
            subject?: string;
            body?: { content?: string };
            start?: { dateTime: string; timeZone: string };
            end?: { dateTime: string; timeZone: string };
            attendees?: { emailAddress: { address: string; name?: string } }[];
            isOnlineMeeting?: boolean;
            onlineMeetingProvider?: string;
            transactionId?: string;
            recurrence?: Parameters<typeof occurrencesOf>[1];
          }
        | undefined;
      const start = instantOf(b?.start);
      const end = instantOf(b?.end);
      if (start === undefined || end === undefined)
        return graphError(
          res,
          400,
          'TimeZoneNotSupportedException',
          `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${b?.start?.timeZone ?? ''}'.`,
        );
      if (end <= start)
        return graphError(res, 400, 'ErrorInvalidRequest', 'The end time must be after the start time.');
      const again = b?.transactionId
        ? [...state.events.values()].find(
            (e) => e.ownerId === me!.id && e.transactionId === b.transactionId && e.type !== 'occurrence',
          )
        : undefined;
      if (again)
        return send(
          res,
          201,
          {
            '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${me!.id}')/events/$entity`,
            ...eventJson(again, inUtc),
          },
          preferenceApplied,
        );
      const attendees = (b?.attendees ?? []).map((a) => ({
        address: a.emailAddress.address,
        ...(a.emailAddress.name ? { name: a.emailAddress.name } : {}),
      }));
      const meeting =
        b?.isOnlineMeeting && b.onlineMeetingProvider === 'teamsForBusiness'
          ? createMeeting(me!, attendees)
          : undefined;
      const event: FakeEvent = {
        id: `AAMkAG${randomUUID().replace(/-/g, '')}=`,
        ownerId: me!.id,
        organizerId: me!.id,
        subject: b?.subject ?? '',
        body: b?.body?.content ?? '',
        start,
        end,
        timeZone: b!.start!.timeZone,
        attendees,
        ...(meeting ? { joinUrl: meeting.joinUrl, threadId: meeting.thread } : {}),
        ...(b?.transactionId ? { transactionId: b.transactionId } : {}),
        type: b?.recurrence ? 'seriesMaster' : 'singleInstance',
        ...(b?.recurrence ? { recurrence: b.recurrence } : {}),
        cancelled: false,
      };
      state.events.set(event.id, event);
      if (b?.recurrence) {
        for (const o of occurrencesOf(event, b.recurrence)) {
          const id = `AAMkAG${randomUUID().replace(/-/g, '')}=`;
          state.events.set(id, {
            ...event,
            id,
            start: o.start,
            end: o.end,
            type: 'occurrence',
            seriesMasterId: event.id,
            recurrence: undefined,
          });
        }
      }
      return send(
        res,
        201,
        {
          '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${me!.id}')/events/$entity`,
          ...eventJson(event, inUtc),
        },
        preferenceApplied,
      );
    }

    const eventPath = /^\/v1\.0\/me\/events\/([^/]+)(\/cancel|\/instances)?$/.exec(path);
    if (eventPath) {
      const event = state.events.get(decodeURIComponent(eventPath[1]!));
      const action = eventPath[2];
      const write = method !== 'GET';
      if (lacks(write ? ACCEPTS.writeEvents : ACCEPTS.readEvents, 'outlook')) return;
      // Event ids are per mailbox: another person's event is not found in mine.
      if (!event || event.ownerId !== me!.id || (event.cancelled && write))
        return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (method === 'GET' && !action) return send(res, 200, eventJson(event, inUtc), preferenceApplied);
      if (method === 'PATCH' && !action) {
        const b = body as
          { start?: { dateTime: string; timeZone: string }; end?: { dateTime: string; timeZone: string } } | undefined;
        const start = b?.start ? instantOf(b.start) : event.start;
        const end = b?.end ? instantOf(b.end) : event.end;
        if (start === undefined || end === undefined || end <= start)
          return graphError(res, 400, 'ErrorInvalidRequest', 'The start and end times are not valid.');
        Object.assign(event, { start, end });
        return send(res, 200, eventJson(event, inUtc), preferenceApplied);
      }
      if (method === 'POST' && action === '/cancel') {
        if (event.organizerId !== me!.id)
          return graphError(
            res,
            400,
            'ErrorInvalidRequest',
            "Your request can't be completed. You need to be an organizer to cancel a meeting.",
          );
        for (const e of [event, ...[...state.events.values()].filter((o) => o.seriesMasterId === event.id)])
          Object.assign(e, { cancelled: true, cancelComment: (body as { comment?: string } | undefined)?.comment });
        return send(res, 202);
      }
      if (method === 'GET' && action === '/instances') {
        const from = Date.parse(requestUrl.searchParams.get('startDateTime') ?? '');
        const to = Date.parse(requestUrl.searchParams.get('endDateTime') ?? '');
        if (Number.isNaN(from) || Number.isNaN(to))
          return graphError(
            res,
            400,
            'ErrorInvalidParameter',
            'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
          );
        const all = [...state.events.values()]
          .filter((e) => e.seriesMasterId === event.id && !e.cancelled && e.end > from && e.start < to)
          .sort((a, b) => a.start - b.start);
        const top = Math.min(Number(requestUrl.searchParams.get('$top') ?? 10), state.maxPageSize);
        const skip = Number(requestUrl.searchParams.get('$skip') ?? 0);
        const page = all.slice(skip, skip + top);
        const next =
          skip + top < all.length
            ? new URL(`https://graph.microsoft.com/v1.0/me/events/${encodeURIComponent(event.id)}/instances`)
            : undefined;
        if (next)
          for (const [k, v] of Object.entries({
            ...Object.fromEntries(requestUrl.searchParams),
            $skip: String(skip + top),
          }))
            next.searchParams.set(k, v);
        return send(
          res,
          200,
          { value: page.map((e) => eventJson(e, inUtc)), ...(next ? { '@odata.nextLink': next.toString() } : {}) },
          preferenceApplied,
        );
      }
      return graphError(res, 405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }

    if (method === 'GET' && path === '/v1.0/me/onlineMeetings') {
      if (lacks(ACCEPTS.readMeetings, 'teams')) return;
      const joinUrl = /^JoinWebUrl eq '((?:[^']|'')*)'$/i
        .exec(requestUrl.searchParams.get('$filter') ?? '')?.[1]
        ?.replace(/''/g, "'");
      if (!joinUrl) return graphError(res, 400, 'BadRequest', 'Filter on JoinWebUrl is required.');
      const event = [...state.events.values()].find((e) => e.joinUrl === joinUrl && involves(e, me!.id));
      return send(res, 200, {
        '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('me')/onlineMeetings",
        value: event
          ? [
              {
                id: Buffer.from(`1*${event.organizerId}*0**${event.threadId}`).toString('base64'),
                joinWebUrl: joinUrl,
                subject: event.subject,
                startDateTime: new Date(event.start).toISOString(),
                endDateTime: new Date(event.end).toISOString(),
                chatInfo: { threadId: event.threadId, messageId: '0', replyChainMessageId: null },
              },
            ]
          : [],
      });
    }

    const chatPath = /^\/v1\.0\/chats\/([^/]+)\/(installedApps|tabs)$/.exec(path);
    if (method === 'POST' && chatPath) {
      const chat = state.chats.get(decodeURIComponent(chatPath[1]!));
      const b = body as
        | {
            'teamsApp@odata.bind'?: string;
            consentedPermissionSet?: {
              resourceSpecificPermissions?: { permissionValue: string; permissionType: string }[];
            };
            displayName?: string;
            configuration?: Record<string, unknown>;
          }
        | undefined;
      const appId = /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(b?.['teamsApp@odata.bind'] ?? '')?.[1];
      if (chatPath[2] === 'installedApps') {
        const withConsent = delegated && ACCEPTS.installInChatWithConsent.some((s) => delegated.scopes.has(s));
        if (!withConsent) {
          if (delegated && ACCEPTS.installInChat.some((s) => delegated.scopes.has(s)))
            return graphError(
              res,
              403,
              'Forbidden',
              'The app requires resource-specific permissions; installing it needs a permission that can consent to them (TeamsAppInstallation.ReadWriteAndConsentSelfForChat).',
            );
          if (lacks(ACCEPTS.installInChatWithConsent, 'teams')) return;
        }
        if (!chat || !chat.memberIds.includes(me!.id))
          return graphError(res, 404, 'NotFound', 'Chat not found or the caller is not a member.');
        if (!appId) return graphError(res, 400, 'BadRequest', 'Invalid bind property name teamsApp in request.');
        if (decodeURIComponent(appId) !== options.teamsApp.catalogId)
          return graphError(res, 404, 'NotFound', 'Teams app not found in the app catalog.');
        if (issued.appId !== options.teamsApp.webApplicationInfoId)
          return graphError(
            res,
            403,
            'Forbidden',
            `AAD App Id '${issued.appId}' is not allowed to manage the Teams App '${appId}'.`,
          );
        const wanted = options.teamsApp.resourceSpecific
          .filter((p) => p.name.endsWith('.Chat'))
          .map((p) => `${p.type}:${p.name}`)
          .sort();
        const given = (b?.consentedPermissionSet?.resourceSpecificPermissions ?? [])
          .map((p) => `${p.permissionType}:${p.permissionValue}`)
          .sort();
        if (wanted.some((p) => p.startsWith('Application:')) && JSON.stringify(wanted) !== JSON.stringify(given))
          return graphError(
            res,
            400,
            'BadRequest',
            `The consented permissions do not match the app's resource-specific permissions: expected ${wanted.join(', ')}.`,
          );
        if (chat.installedApps.some((a) => a.catalogId === appId))
          return graphError(res, 409, 'Conflict', 'App is already installed in this chat.');
        chat.installedApps.push({
          catalogId: appId,
          consented: b?.consentedPermissionSet?.resourceSpecificPermissions ?? [],
        });
        return send(res, 201);
      }
      if (lacks(ACCEPTS.addTab, 'teams')) return;
      if (!chat || !chat.memberIds.includes(me!.id))
        return graphError(res, 404, 'NotFound', 'Chat not found or the caller is not a member.');
      if (!appId || !chat.installedApps.some((a) => a.catalogId === decodeURIComponent(appId)))
        return graphError(
          res,
          400,
          'BadRequest',
          'The app is not installed in this chat; install it before adding its tab.',
        );
      const configuration = b?.configuration ?? {};
      if (
        typeof configuration.entityId !== 'string' ||
        typeof configuration.contentUrl !== 'string' ||
        !String(configuration.contentUrl).startsWith('https://')
      )
        return graphError(res, 400, 'BadRequest', 'The tab configuration needs an entityId and an https contentUrl.');
      const tab = {
        id: randomUUID(),
        displayName: b?.displayName ?? '',
        catalogId: decodeURIComponent(appId),
        configuration,
      };
      chat.tabs.push(tab);
      return send(res, 201, {
        id: tab.id,
        displayName: tab.displayName,
        configuration,
        sortOrderIndex: '20',
        webUrl: `https://teams.microsoft.com/l/entity/${appId}/_djb2_msteams_prefix_${tab.id}?context=${encodeURIComponent(JSON.stringify({ context: 'chat', chatId: chat.id }))}`,
      });
    }

    const notify = /^\/v1\.0\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(path);
    if (method === 'POST' && notify) {
      const recipientId = decodeURIComponent(notify[1]!);
      if (issued.kind !== 'app' || !ACCEPTS.sendActivity.some((r) => issued.roles.has(r)))
        return graphError(
          res,
          403,
          'Forbidden',
          `Missing role permissions on the request. API requires one of '${ACCEPTS.sendActivity.join(', ')}'. Roles on the request '${issued.kind === 'app' ? [...issued.roles].join(',') : ''}'.`,
        );
      const recipient = state.mailboxes.get(recipientId);
      if (!recipient) return graphError(res, 404, 'NotFound', `User '${recipientId}' not found.`);
      const b = (body ?? {}) as {
        topic?: { source?: string; value?: string; webUrl?: string };
        activityType?: string;
        previewText?: { content?: string };
        templateParameters?: { name: string; value: string }[];
        teamsAppId?: string;
      };
      const declared = options.teamsApp.activityTypes.find((a) => a.type === b.activityType);
      if (!declared)
        return graphError(
          res,
          400,
          'BadRequest',
          `Activity type '${b.activityType ?? ''}' is not declared in the app manifest.`,
        );
      const needed = [...declared.templateText.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((n) => n !== 'actor')
        .sort();
      const given = (b.templateParameters ?? []).map((p) => p.name).sort();
      if (JSON.stringify(needed) !== JSON.stringify(given))
        return graphError(
          res,
          400,
          'BadRequest',
          `Template parameters ${given.join(', ')} do not match the template's ${needed.join(', ')}.`,
        );
      if (
        b.topic?.source !== 'text' ||
        !b.topic.value ||
        !/^https:\/\/teams\.microsoft\.com\//.test(b.topic.webUrl ?? '')
      )
        return graphError(res, 400, 'BadRequest', 'A text topic needs a value and a webUrl on the Teams domain.');
      if ((b.previewText?.content ?? '').length > 150)
        return graphError(res, 400, 'BadRequest', 'The preview text is longer than 150 characters.');
      if (b.teamsAppId !== undefined && b.teamsAppId !== options.teamsApp.catalogId)
        return graphError(res, 404, 'NotFound', 'Teams app not found.');
      if (!recipient.hasApp)
        return graphError(
          res,
          403,
          'Forbidden',
          `Application with AAD App Id '${issued.appId}' is not authorized to generate custom text notifications about '${path}' to the recipient. Ensure that the expected Teams app is installed in the target scope (user, team, or chat).`,
        );
      state.notifications.push({ recipientId, body: b as Record<string, unknown> });
      return send(res, 204);
    }

    graphError(res, 400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = url;
  return state;
}
