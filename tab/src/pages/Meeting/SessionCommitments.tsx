// The executive's commitments made in this session: what and by when.
import { Badge, Body1, Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Commitment } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PanelSection as Section } from './PanelSection';
import { formatDate } from '../../format';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

interface Props {
  api: ApiClient;
  pairId: string;
  sessionId: string;
  commitments: Commitment[];
  canWrite: boolean;
  locale: string;
  refresh: () => Promise<unknown>;
}

export function SessionCommitments({ api, pairId, sessionId, commitments, canWrite, locale, refresh }: Props) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<Error>();
  const inSession = commitments.filter((c) => c.sessionId === sessionId);
  const add = async () => {
    setError(undefined);
    try {
      await api.send('POST', `/api/pairs/${pairId}/commitments`, {
        body: { text: text.trim(), sessionId, ...(dueDate ? { dueDate } : {}) },
        idempotencyKey: crypto.randomUUID(),
      });
      setText('');
      setDueDate('');
      await refresh();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section title={s.commitments.title}>
      {inSession.length === 0 ? (
        <Body1>{s.commitments.none}</Body1>
      ) : (
        <ul className={styles.list}>
          {inSession.map((c) => (
            <li key={c.id} className={styles.item}>
              <Body1>{c.text}</Body1>
              <div className={styles.row}>
                <Badge appearance="outline">{s.commitments.status[c.status]}</Badge>
                {c.dueDate && <Caption1>{s.commitments.dueOn(formatDate(c.dueDate, locale))}</Caption1>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void add();
          }}
        >
          <Field label={s.commitments.text}>
            <Input value={text} onChange={(_, d) => setText(d.value)} />
          </Field>
          <Field label={s.commitments.due}>
            <Input type="date" value={dueDate} onChange={(_, d) => setDueDate(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button type="submit" disabled={!text.trim()}>
              {s.commitments.add}
            </Button>
          </div>
        </form>
      )}
      {error && <ProblemMessage error={error} />}
    </Section>
  );
}
