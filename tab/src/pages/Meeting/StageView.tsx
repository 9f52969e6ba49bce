// The meeting stage: the agenda and the pair's goals, read-only, in type large enough for a shared screen.
import { Body1, Checkbox, LargeTitle, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { PairDashboard, Session } from '../../api/types';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  stage: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXL, padding: tokens.spacingHorizontalXXL, minWidth: 0 },
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  item: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM, overflowWrap: 'anywhere' },
  done: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
});

export function StageView({ dashboard, session }: { dashboard: PairDashboard; session?: Session }) {
  const styles = useStyles();
  return (
    <main className={styles.stage}>
      <section aria-labelledby="stage-agenda">
        <LargeTitle as="h1" id="stage-agenda">{s.stage.title}</LargeTitle>
        {!session || session.agenda.length === 0 ? <Title3 as="p">{s.chat.noAgenda}</Title3> : (
          <ol className={styles.list}>
            {session.agenda.map((item) => (
              <li key={item.id} className={styles.item}>
                <Checkbox checked={item.done} disabled aria-label={item.title} size="large" />
                <Title2 as="span" className={item.done ? styles.done : undefined}>{item.title}</Title2>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="stage-goals">
        <Title2 as="h2" id="stage-goals">{s.stage.goals}</Title2>
        {dashboard.goals.length === 0 ? <Body1>{s.stage.noGoals}</Body1> : (
          <ul className={styles.list}>
            {dashboard.goals.map((goal) => (
              <li key={goal.id}><Title3 as="span">{goal.title}</Title3> <Body1>{`${goal.progress}%`}</Body1></li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
