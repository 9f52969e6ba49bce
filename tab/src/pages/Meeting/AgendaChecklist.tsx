// The session's agenda during the meeting: tick items, time each one, add one, share it to the stage.
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Pause16Regular, Play16Regular, ShareScreenStart20Regular } from '@fluentui/react-icons';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Session } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { clock, spentSeconds, useNow } from './agendaTimer';
import { PanelSection as Section } from './PanelSection';
import { meetingStrings as s } from './strings';
import { withTexts } from '../../i18n/catalogue';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
  },
  // The item whose timer runs: the one the pair is on now.
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorBrandStroke1}`,
  },
  body: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  label: { minWidth: 0, overflowWrap: 'anywhere' },
  // Fluent greys an unticked label and blackens a ticked one; an agenda reads the other way round.
  open: { color: tokens.colorNeutralForeground1 },
  done: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
  goal: { paddingLeft: '36px', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  time: { flexShrink: 0, fontVariantNumeric: 'tabular-nums' },
  over: { color: tokens.colorPaletteRedForeground1 },
  opener: { alignSelf: 'flex-start', whiteSpace: 'nowrap' },
});

// The form (minutes, who leads, which goal) loads when someone adds an item: the panel is interactive without it.
const AgendaItemForm = lazy(
  withTexts(['shared'], () =>
    import('../../components/AgendaItemForm/AgendaItemForm').then((m) => ({ default: m.AgendaItemForm })),
  ),
);

type AgendaItem = Session['agenda'][number];

interface Props {
  api: ApiClient;
  pairId: string;
  session: Session;
  /** Confidential mode: nothing is written. */
  readOnly: boolean;
  refresh: () => Promise<unknown>;
  onShareToStage?: () => Promise<void>;
  /** Both members (who leads an item) and the viewer, who leads a new one unless they pick the partner. */
  people: { id: string; name: string }[];
  me: string;
  /** The pair's goals: an item names the goal it serves, a new item may link one. */
  goals: { id: string; title: string }[];
}

export function AgendaChecklist({ api, pairId, session, readOnly, refresh, onShareToStage, people, me, goals }: Props) {
  const styles = useStyles();
  const [error, setError] = useState<Error>();
  const [shared, setShared] = useState(false);
  const [adding, setAdding] = useState(false);
  // A tick shows at once; the stored agenda replaces it when the refresh arrives.
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  const now = useNow(session.agenda.some((i) => i.startedAt));
  const base = `/api/pairs/${pairId}/sessions/${session.id}/agenda`;
  const canEdit = session.abilities.updateAgendaItem === true && !readOnly;
  const goal = (item: AgendaItem) => (item.goalId ? goals.find((g) => g.id === item.goalId)?.title : undefined);

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
      {...(onShareToStage
        ? {
            action: (
              <Button
                size="small"
                appearance="subtle"
                icon={<ShareScreenStart20Regular />}
                onClick={() =>
                  void onShareToStage().then(
                    () => setShared(true),
                    (e: Error) => setError(e),
                  )
                }
              >
                {s.agenda.shareToStage}
              </Button>
            ),
          }
        : {})}
    >
      {shared && <Caption1 role="status">{s.agenda.shared}</Caption1>}
      {session.agenda.length === 0 && <Body1>{s.agenda.none}</Body1>}
      <ul className={styles.list}>
        {session.agenda.map((item) => {
          const spent = spentSeconds(item, now);
          const over = item.minutes !== undefined && spent > item.minutes * 60;
          return (
            <li
              key={item.id}
              className={mergeClasses(styles.item, item.startedAt && styles.current)}
              {...(item.startedAt ? { 'aria-current': 'step' as const } : {})}
            >
              <span className={styles.body}>
                <Checkbox
                  className={styles.label}
                  checked={ticking[item.id] ?? item.done}
                  disabled={!canEdit}
                  label={{
                    children: item.title,
                    className: canEdit ? ((ticking[item.id] ?? item.done) ? styles.done : styles.open) : undefined,
                  }}
                  onChange={(_, d) => {
                    const done = d.checked === true;
                    setTicking((t) => ({ ...t, [item.id]: done }));
                    void change(item, { done }).then(() => setTicking(({ [item.id]: _, ...rest }) => rest));
                  }}
                />
                {goal(item) && <Caption1 className={styles.goal}>{s.agenda.forGoal(goal(item)!)}</Caption1>}
              </span>
              <Caption1 className={over ? `${styles.time} ${styles.over}` : styles.time}>
                {item.minutes ? s.agenda.elapsed(clock(spent), item.minutes) : clock(spent)}
                {over && <span className={styles.over}> · {s.agenda.over}</span>}
              </Caption1>
              {canEdit && !item.done && (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={item.startedAt ? <Pause16Regular /> : <Play16Regular />}
                  aria-label={item.startedAt ? s.agenda.stop(item.title) : s.agenda.start(item.title)}
                  aria-pressed={Boolean(item.startedAt)}
                  onClick={() => void change(item, { timer: item.startedAt ? 'stop' : 'start' })}
                />
              )}
            </li>
          );
        })}
      </ul>
      {session.abilities.addAgendaItem &&
        !readOnly &&
        (adding ? (
          <Suspense fallback={<Spinner size="tiny" label={s.loading} />}>
            <AgendaItemForm
              api={api}
              path={base}
              people={people}
              defaultOwnerId={me}
              goals={goals}
              onAdded={refresh}
              focusOnOpen
            />
          </Suspense>
        ) : (
          <Button className={styles.opener} onClick={() => setAdding(true)}>
            {s.agenda.newItem}
          </Button>
        ))}
      {error && <ProblemMessage error={error} />}
    </Section>
  );
}
