// The meeting's chat or details tab: before the session, the agenda and goals to prepare; after it,
// the takeaways from it that the viewer may read.
import { Badge, Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { PairDashboard, Session } from '../../api/types';
import { PanelSection as Section } from './PanelSection';
import { formatSessionTime } from '../../format';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    maxWidth: '60rem',
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
  },
});

/** A session is over once its scheduled time plus its duration has passed. */
export function sessionIsOver(session: Session, now = Date.now()): boolean {
  return Date.parse(session.scheduledAt) + session.durationMinutes * 60_000 <= now;
}

export function MeetingChatTab({
  dashboard,
  session,
  locale,
}: {
  dashboard: PairDashboard;
  session?: Session;
  locale: string;
}) {
  const styles = useStyles();
  const over = session ? sessionIsOver(session) : false;
  const takeaways = session ? dashboard.takeaways.filter((t) => t.sessionId === session.id) : [];
  return (
    <main className={styles.page}>
      <Title3 as="h1">{over ? s.chat.after : s.chat.before}</Title3>
      {session && <Body1>{formatSessionTime(session.scheduledAt, locale)}</Body1>}
      {over ? (
        <Section title={s.takeaways.title}>
          {takeaways.length === 0 ? (
            <Body1>{s.chat.noTakeaways}</Body1>
          ) : (
            <ul className={styles.list}>
              {takeaways.map((t) => (
                <li key={t.id}>
                  <Body1>{t.text}</Body1> <Badge appearance="outline">{s.takeaways.levelShort[t.visibility]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : (
        <>
          <Section title={s.chat.agenda}>
            {!session || session.agenda.length === 0 ? (
              <Body1>{s.chat.noAgenda}</Body1>
            ) : (
              <ol className={styles.list}>
                {session.agenda.map((item) => (
                  <li key={item.id}>
                    <Body1>{item.title}</Body1>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title={s.chat.goals}>
            {dashboard.goals.length === 0 ? (
              <Body1>{s.stage.noGoals}</Body1>
            ) : (
              <ul className={styles.list}>
                {dashboard.goals.map((g) => (
                  <li key={g.id}>
                    <Body1>{g.title}</Body1>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </main>
  );
}
