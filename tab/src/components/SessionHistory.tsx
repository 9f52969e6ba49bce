import { Badge, Body1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Session } from '../api/types';
import { formatSessionTime } from '../format';
import { strings } from '../strings';
import { Section } from './Section';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});

/** Sessions that have started; the dashboard's list also holds those booked after the next one. */
export function SessionHistory({
  sessions,
  locale,
  now: givenNow,
}: {
  sessions: Session[];
  locale: string;
  now?: number;
}) {
  const styles = useStyles();
  const [shownAt] = useState(Date.now);
  const now = givenNow ?? shownAt;
  const past = sessions.filter((s) => Date.parse(s.scheduledAt) <= now);
  return (
    <Section title={strings.session.history}>
      {past.length === 0 && <Body1>{strings.session.noHistory}</Body1>}
      <ul className={styles.list}>
        {past.map((s) => (
          <li key={s.id} className={styles.item}>
            <Body1>{formatSessionTime(s.scheduledAt, locale)}</Body1>
            <Badge appearance="outline">{strings.session.status[s.status] ?? s.status}</Badge>
          </li>
        ))}
      </ul>
    </Section>
  );
}
