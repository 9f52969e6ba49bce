import { Badge, Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Commitment } from '../api/types';
import { formatDate } from '../format';
import { strings } from '../strings';
import { Section } from './Section';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
});

export function Commitments({ commitments, locale }: { commitments: Commitment[]; locale: string }) {
  const styles = useStyles();
  const open = [...commitments].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open'));
  return (
    <Section title={strings.commitments.title}>
      {commitments.length === 0 && <Body1>{strings.commitments.none}</Body1>}
      <ul className={styles.list}>
        {open.map((c) => (
          <li key={c.id} className={styles.item}>
            <Body1>{c.text}</Body1>
            <Badge appearance="tint" color={c.status === 'kept' ? 'success' : c.status === 'open' ? 'informative' : 'subtle'}>{strings.commitments.status[c.status]}</Badge>
            {c.dueDate && <Caption1>{strings.goals.due(formatDate(c.dueDate, locale))}</Caption1>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
