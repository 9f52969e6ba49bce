// The executive's commitments: open ones first; each closed in place as kept (with evidence) or dropped,
// and a new one recorded here too. The forms load on demand.
import { Badge, Body1, Button, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Commitment } from '../api/types';
import { formatDate } from '../format';
import { strings } from '../strings';
import { dashboardStrings as l } from './dashboardStrings';
import { Section } from './Section';
import { withTexts } from '../i18n/catalogue';

const CommitmentClose = lazy(
  withTexts(['panels'], () => import('./followThrough').then((m) => ({ default: m.CommitmentClose }))),
);
const CommitmentAdd = lazy(
  withTexts(['panels'], () => import('./followThrough').then((m) => ({ default: m.CommitmentAdd }))),
);

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  entry: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    overflowWrap: 'anywhere',
  },
});

interface Props {
  commitments: Commitment[];
  locale: string;
  api: ApiClient;
  pairId: string;
  canAdd: boolean;
  onChanged: () => void;
}

export function Commitments({ commitments, locale, api, pairId, canAdd, onChanged }: Props) {
  const styles = useStyles();
  const [acting, setActing] = useState<{ id: string; status: 'kept' | 'dropped' } | 'add'>();
  const done = (saved: boolean) => {
    setActing(undefined);
    if (saved) onChanged();
  };
  const open = [...commitments].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open'));
  const addButton = canAdd && acting !== 'add' ? <Button onClick={() => setActing('add')}>{l.add}</Button> : undefined;
  return (
    <Section title={strings.commitments.title} action={commitments.length > 0 ? addButton : undefined}>
      {commitments.length === 0 && <Body1>{strings.commitments.none}</Body1>}
      {commitments.length === 0 && acting !== 'add' && addButton}
      <ul className={styles.list}>
        {open.map((c) => (
          <li key={c.id} className={styles.entry}>
            <div className={styles.item}>
              <Body1>{c.text}</Body1>
              <Badge
                appearance="tint"
                color={c.status === 'kept' ? 'success' : c.status === 'open' ? 'informative' : 'subtle'}
              >
                {strings.commitments.status[c.status]}
              </Badge>
              {c.dueDate && <Caption1>{strings.goals.due(formatDate(c.dueDate, locale))}</Caption1>}
              {c.status === 'open' && c.abilities.update && (typeof acting !== 'object' || acting.id !== c.id) && (
                <>
                  <Button
                    size="small"
                    aria-label={l.keepFor(c.text)}
                    onClick={() => setActing({ id: c.id, status: 'kept' })}
                  >
                    {l.keep}
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={l.dropFor(c.text)}
                    onClick={() => setActing({ id: c.id, status: 'dropped' })}
                  >
                    {l.drop}
                  </Button>
                </>
              )}
            </div>
            {c.evidence && <Caption1>{l.evidence(c.evidence)}</Caption1>}
            {typeof acting === 'object' && acting.id === c.id && (
              <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
                <CommitmentClose api={api} pairId={pairId} commitment={c} status={acting.status} onDone={done} />
              </Suspense>
            )}
          </li>
        ))}
      </ul>
      {acting === 'add' && (
        <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
          <CommitmentAdd api={api} pairId={pairId} onDone={done} />
        </Suspense>
      )}
    </Section>
  );
}
