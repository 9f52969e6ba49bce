// The session's agenda during the meeting: tick items, time each one, add one, share it to the stage.
import { Body1, Button, Caption1, Checkbox, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Pause16Regular, Play16Regular, ShareScreenStart20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Session } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PanelSection as Section } from './PanelSection';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  item: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, minWidth: 0 },
  label: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  time: { flexShrink: 0, fontVariantNumeric: 'tabular-nums' },
  over: { color: tokens.colorPaletteRedForeground1 },
  form: { display: 'flex', alignItems: 'end', columnGap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
});

type AgendaItem = Session['agenda'][number];

/** Seconds spent on an item: earlier runs plus the running one. */
export function spentSeconds(item: AgendaItem, now: number): number {
  const running = item.startedAt ? Math.max(0, Math.floor((now - Date.parse(item.startedAt)) / 1000)) : 0;
  return (item.elapsedSeconds ?? 0) + running;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The current time, every second while something runs. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : Date.now();
}

interface Props {
  api: ApiClient;
  pairId: string;
  session: Session;
  /** Confidential mode: nothing is written. */
  readOnly: boolean;
  refresh: () => Promise<unknown>;
  onShareToStage?: () => Promise<void>;
}

export function AgendaChecklist({ api, pairId, session, readOnly, refresh, onShareToStage }: Props) {
  const styles = useStyles();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<Error>();
  const [shared, setShared] = useState(false);
  // A tick shows at once; the stored agenda replaces it when the refresh arrives.
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  const now = useNow(session.agenda.some((i) => i.startedAt));
  const base = `/api/pairs/${pairId}/sessions/${session.id}/agenda`;
  const canEdit = session.abilities.updateAgendaItem === true && !readOnly;

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e as Error);
    }
    await refresh();
  };
  /** A tick or timer change made on the latest copy: the partner may have changed the agenda a moment ago. */
  const change = (item: AgendaItem, body: Record<string, unknown>) =>
    act(async () => {
      try {
        await api.send('PATCH', `${base}/${item.id}`, { body, ifMatch: session.etag });
      } catch (e) {
        if ((e as { status?: number }).status !== 412) throw e;
        const fresh = await api.get<Session>(`/api/pairs/${pairId}/sessions/${session.id}`);
        await api.send('PATCH', `${base}/${item.id}`, { body, ifMatch: fresh.etag });
      }
    });

  return (
    <Section
      title={s.agenda.title}
      {...(onShareToStage ? {
        action: (
          <Button size="small" appearance="subtle" icon={<ShareScreenStart20Regular />}
            onClick={() => void onShareToStage().then(() => setShared(true), (e: Error) => setError(e))}>
            {s.agenda.shareToStage}
          </Button>
        ),
      } : {})}
    >
      {shared && <Caption1 role="status">{s.agenda.shared}</Caption1>}
      {session.agenda.length === 0 && <Body1>{s.agenda.none}</Body1>}
      <ul className={styles.list}>
        {session.agenda.map((item) => {
          const spent = spentSeconds(item, now);
          const over = item.minutes !== undefined && spent > item.minutes * 60;
          return (
            <li key={item.id} className={styles.item}>
              <Checkbox className={styles.label} checked={ticking[item.id] ?? item.done} disabled={!canEdit} label={item.title}
                onChange={(_, d) => {
                  const done = d.checked === true;
                  setTicking((t) => ({ ...t, [item.id]: done }));
                  void change(item, { done }).then(() => setTicking(({ [item.id]: _, ...rest }) => rest));
                }} />
              <Caption1 className={over ? `${styles.time} ${styles.over}` : styles.time}>
                {s.agenda.elapsed(clock(spent), item.minutes)}
                {over && <span className={styles.over}> · {s.agenda.over}</span>}
              </Caption1>
              {canEdit && !item.done && (
                <Button size="small" appearance="subtle"
                  icon={item.startedAt ? <Pause16Regular /> : <Play16Regular />}
                  aria-label={item.startedAt ? s.agenda.stop(item.title) : s.agenda.start(item.title)}
                  aria-pressed={Boolean(item.startedAt)}
                  onClick={() => void change(item, { timer: item.startedAt ? 'stop' : 'start' })} />
              )}
            </li>
          );
        })}
      </ul>
      {session.abilities.addAgendaItem && !readOnly && (
        <form className={styles.form} onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          const key = crypto.randomUUID();
          void act(() => api.send('POST', base, { body: { title: title.trim() }, idempotencyKey: key })).then(() => setTitle(''));
        }}>
          <Field label={s.agenda.newItem} className={styles.grow}>
            <Input value={title} onChange={(_, d) => setTitle(d.value)} />
          </Field>
          <Button type="submit" disabled={!title.trim()}>{s.agenda.add}</Button>
        </form>
      )}
      {error && <ProblemMessage error={error} />}
    </Section>
  );
}
