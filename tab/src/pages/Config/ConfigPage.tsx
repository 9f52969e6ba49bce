// /tab/config: the meeting tab's setup page (frameContext settings). The user picks their pair and,
// optionally, a session (or creates one at the meeting's time); Teams' Save button stores the link
// (PUT /api/meetings/:meetingId/link) and hands Teams the side panel's URL.
import {
  Body1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Me, PairDashboard, Session } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useLatest } from '../../hooks/useLatest';
import { useResource } from '../../hooks/useResource';
import { formatSessionTime } from '../../format';
import type { SurfaceProps } from '../../surfaceProps';
import { meetingTimes, onConfigSave, setConfigValid, type TabConfig } from '../../teams/meetingHost';
import { configStrings as s } from './strings';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    maxWidth: '40rem',
  },
});

/** `create` makes a session at the meeting's time; `next` links no session (the panel uses the next one). */
type SessionChoice = { kind: 'existing'; sessionId: string } | { kind: 'create' } | { kind: 'next' };

const DEFAULT_MINUTES = 45;

/** Upcoming sessions of the pair (the next one first), never cancelled ones. */
function upcoming(dashboard: PairDashboard, now = Date.now()): Session[] {
  const all = [...(dashboard.nextSession ? [dashboard.nextSession] : []), ...dashboard.sessions];
  return all.filter((x) => x.status === 'scheduled' && Date.parse(x.scheduledAt) + x.durationMinutes * 60_000 > now);
}

export default function ConfigPage({ api, host, onReady }: SurfaceProps) {
  const styles = useStyles();
  const meetingId = host.kind === 'teams' ? host.meetingId : undefined;
  const me = useResource(() => api.get<Me>('/api/me'), [api]);
  const pairs = (me.data?.pairs ?? []).filter((p) => p.status !== 'ended');
  const [pairId, setPairId] = useState<string>();
  const chosenPair = pairs.find((p) => p.pairId === pairId) ?? pairs[0];
  const dashboard = useResource(
    () => (chosenPair ? api.get<PairDashboard>(`/api/pairs/${chosenPair.pairId}`) : Promise.resolve(undefined)),
    [api, chosenPair?.pairId],
  );
  const [times, setTimes] = useState<{ start: string; end: string }>();
  useEffect(() => {
    if (host.kind === 'teams') void meetingTimes().then(setTimes);
  }, [host.kind]);
  const sessions = dashboard.data ? upcoming(dashboard.data) : [];
  const alreadyLinked = sessions.find((x) => meetingId && x.meetingId === meetingId);
  const [choice, setChoice] = useState<SessionChoice>();
  const effectiveChoice: SessionChoice =
    choice ??
    (alreadyLinked
      ? { kind: 'existing', sessionId: alreadyLinked.id }
      : times
        ? { kind: 'create' }
        : sessions[0]
          ? { kind: 'existing', sessionId: sessions[0].id }
          : { kind: 'next' });

  useEffect(() => {
    if (me.data || me.error) onReady();
  }, [me.data, me.error, onReady]);

  useTeamsSave(api, host.kind === 'teams', meetingId, { pairId: chosenPair?.pairId, choice: effectiveChoice, times });

  if (host.kind !== 'teams')
    return (
      <main className={styles.page}>
        <Body1>{s.notInTeams}</Body1>
      </main>
    );
  if (!meetingId)
    return (
      <main className={styles.page}>
        <Body1>{s.noMeeting}</Body1>
      </main>
    );
  if (me.error)
    return (
      <main className={styles.page}>
        <ProblemMessage error={me.error} onRetry={me.reload} />
      </main>
    );
  if (!me.data)
    return (
      <main className={styles.page}>
        <Spinner label={s.loading} />
      </main>
    );
  if (!chosenPair) {
    return (
      <main className={styles.page}>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.noPairs.title}</MessageBarTitle>
            {s.noPairs.detail}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }
  const choiceValue = effectiveChoice.kind === 'existing' ? effectiveChoice.sessionId : effectiveChoice.kind;
  return (
    <main className={styles.page}>
      <Title3 as="h1">{s.title}</Title3>
      <Body1>{s.intro}</Body1>
      <Field label={s.pair}>
        <RadioGroup
          value={chosenPair.pairId}
          onChange={(_, d) => {
            setPairId(d.value);
            setChoice(undefined);
          }}
        >
          {pairs.map((p) => (
            <Radio key={p.pairId} value={p.pairId} label={s.pairOption(p.partner.name, p.role)} />
          ))}
        </RadioGroup>
      </Field>
      {dashboard.error && <ProblemMessage error={dashboard.error} onRetry={dashboard.reload} />}
      {dashboard.loading && !dashboard.data ? (
        <Spinner size="small" label={s.loading} />
      ) : (
        <Field label={s.session}>
          <RadioGroup
            value={choiceValue}
            onChange={(_, d) =>
              setChoice(
                d.value === 'create' || d.value === 'next'
                  ? { kind: d.value }
                  : { kind: 'existing', sessionId: d.value },
              )
            }
          >
            {sessions.map((x) => (
              <Radio key={x.id} value={x.id} label={s.sessionOption(formatSessionTime(x.scheduledAt, host.locale))} />
            ))}
            <Radio
              value="create"
              label={times ? s.createFromMeeting(formatSessionTime(times.start, host.locale)) : s.createNow}
            />
            <Radio value="next" label={s.nextSession} />
          </RadioGroup>
        </Field>
      )}
      <Body1 role="status">{s.ready(chosenPair.partner.name)}</Body1>
    </main>
  );
}

/** What Teams' Save button links: the pair, the session chosen, and the meeting's own times. */
interface Link {
  pairId?: string;
  choice: SessionChoice;
  times?: { start: string; end: string };
}

/** Teams' Save button: enabled once there is a pair to link; the handler reads the latest choice. */
function useTeamsSave(api: ApiClient, inTeams: boolean, meetingId: string | undefined, link: Link) {
  const latest = useLatest(link);
  const valid = Boolean(inTeams && meetingId && link.pairId);
  useEffect(() => {
    if (inTeams) setConfigValid(valid);
  }, [inTeams, valid]);
  useEffect(() => {
    if (!inTeams || !meetingId) return;
    onConfigSave(() => linkMeeting(api, meetingId, latest.current));
  }, [api, inTeams, meetingId, latest]);
}

/** Links the meeting to the pair (and the session chosen, created at the meeting's time if asked); the tab's settings for Teams. */
async function linkMeeting(
  api: ApiClient,
  meetingId: string,
  { pairId: target, choice: picked, times: meeting }: Link,
): Promise<TabConfig> {
  if (!target) throw new Error(s.noPairs.title);
  let sessionId = picked.kind === 'existing' ? picked.sessionId : undefined;
  if (picked.kind === 'create') {
    const start = meeting ? new Date(meeting.start) : new Date();
    const minutes = meeting
      ? Math.max(5, Math.round((Date.parse(meeting.end) - start.getTime()) / 60_000))
      : DEFAULT_MINUTES;
    const created = await api.send<Session>('POST', `/api/pairs/${target}/sessions`, {
      body: { scheduledAt: start.toISOString(), durationMinutes: Math.min(minutes, 480), meetingId },
      idempotencyKey: `meeting-${target}-${start.getTime()}`,
    });
    sessionId = created.id;
  }
  await api.send('PUT', `/api/meetings/${encodeURIComponent(meetingId)}/link`, {
    body: { pairId: target, ...(sessionId ? { sessionId } : {}) },
  });
  return {
    contentUrl: `${window.location.origin}/tab/meeting?locale={locale}`,
    websiteUrl: `${window.location.origin}/tab/personal`,
    entityId: `meeting-${target}`,
    suggestedDisplayName: s.tabName,
  };
}
