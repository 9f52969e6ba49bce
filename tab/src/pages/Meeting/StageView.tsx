// The meeting stage: the agenda and the pair's goals, read-only, in type large enough for a shared screen.
// Live: the item whose timer runs is highlighted with its clock ticking, from the same polled session as the
// side panel (agendaTimer.ts), so both show the same time.
import { Body1, LargeTitle, Text, Title2, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckboxChecked24Filled, CheckboxUnchecked24Regular } from '@fluentui/react-icons';
import type { PairDashboard, Session } from '../../api/types';
import { clock, spentSeconds, useNow } from './agendaTimer';
import { GoalBar } from './GoalBar';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  stage: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXL,
    padding: tokens.spacingHorizontalXXL,
    minWidth: 0,
  },
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    overflowWrap: 'anywhere',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThick} solid transparent`,
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  // A checkbox drawn at full contrast: the stage is read from across a room.
  box: { flexShrink: 0, width: '36px', height: '36px', color: tokens.colorNeutralForeground1 },
  boxDone: { color: tokens.colorBrandForeground1 },
  title: { flexGrow: 1, minWidth: 0 },
  done: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  time: { flexShrink: 0, fontVariantNumeric: 'tabular-nums' },
  now: { color: tokens.colorBrandForeground1 },
  over: { color: tokens.colorPaletteRedForeground1 },
  goals: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  goal: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  bar: { gridColumn: '1 / -1' },
});

export function StageView({ dashboard, session }: { dashboard: PairDashboard; session?: Session }) {
  const styles = useStyles();
  const now = useNow(Boolean(session?.agenda.some((i) => i.startedAt)));
  return (
    <main className={styles.stage}>
      <section aria-labelledby="stage-agenda">
        <LargeTitle as="h1" id="stage-agenda">
          {s.stage.title}
        </LargeTitle>
        {!session || session.agenda.length === 0 ? (
          <Title3 as="p">{s.chat.noAgenda}</Title3>
        ) : (
          <ol className={styles.list}>
            {session.agenda.map((item) => {
              const current = Boolean(item.startedAt);
              const spent = spentSeconds(item, now);
              const over = item.minutes !== undefined && spent > item.minutes * 60;
              const Box = item.done ? CheckboxChecked24Filled : CheckboxUnchecked24Regular;
              return (
                <li
                  key={item.id}
                  className={mergeClasses(styles.item, current && styles.current)}
                  {...(current ? { 'aria-current': 'step' as const } : {})}
                >
                  <Box
                    className={mergeClasses(styles.box, item.done && styles.boxDone)}
                    role="img"
                    aria-label={item.done ? s.stage.done : s.stage.open}
                  />
                  <Title2 as="span" className={mergeClasses(styles.title, item.done && styles.done)}>
                    {item.title}
                  </Title2>
                  {(current || spent > 0 || item.minutes !== undefined) && (
                    <Title3
                      as="span"
                      className={mergeClasses(styles.time, current && styles.now, over && styles.over)}
                      {...(current ? { role: 'timer' } : {})}
                    >
                      {current && `${s.agenda.current} · `}
                      {item.minutes ? s.agenda.elapsed(clock(spent), item.minutes) : clock(spent)}
                    </Title3>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section aria-labelledby="stage-goals">
        <Title2 as="h2" id="stage-goals">
          {s.stage.goals}
        </Title2>
        {dashboard.goals.length === 0 ? (
          <Body1>{s.stage.noGoals}</Body1>
        ) : (
          <ul className={styles.goals}>
            {dashboard.goals.map((goal) => (
              <li key={goal.id} className={styles.goal}>
                <Title3 as="span">{goal.title}</Title3>
                <Text size={600} weight="semibold">
                  {s.goals.percent(goal.progress)}
                </Text>
                <GoalBar className={styles.bar} percent={goal.progress} label={s.goals.progressLabel(goal.title)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
