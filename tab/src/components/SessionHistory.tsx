import { Badge, Body1, makeStyles, tokens } from '@fluentui/react-components';
import type { Session } from '../api/types';
import { formatSessionTime } from '../format';
import { strings } from '../strings';
import { Section } from './Section';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});

export function SessionHistory({ sessions, locale }: { sessions: Session[]; locale: string }) {
  const styles = useStyles();
  return (
    <Section title={strings.session.history}>
      {sessions.length === 0 && <Body1>{strings.session.noHistory}</Body1>}
      <ul className={styles.list}>
        {sessions.map((s) => (
          <li key={s.id} className={styles.item}>
            <Body1>{formatSessionTime(s.scheduledAt, locale)}</Body1>
            <Badge appearance="outline">{strings.session.status[s.status] ?? s.status}</Badge>
          </li>
        ))}
      </ul>
    </Section>
  );
}
