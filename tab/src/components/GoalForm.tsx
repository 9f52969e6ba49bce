// Adds a goal to either side of the two-way ledger; a retry after a lost response does not duplicate it.
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

export default function GoalForm({ api, pairId, onDone }: { api: ApiClient; pairId: string; onDone: (saved: boolean) => void }) {
  const styles = useStyles();
  const [title, setTitle] = useState('');
  const [measure, setMeasure] = useState('');
  const [owner, setOwner] = useState<'mentor' | 'mentee'>('mentee');
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [key] = useState(() => crypto.randomUUID());
  return (
    <form
      className={styles.form}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await api.send('POST', `/api/pairs/${pairId}/goals`, { body: { title, successMeasure: measure, owner }, idempotencyKey: key });
          onDone(true);
        } catch (e) {
          const err = e as Error & { fieldErrors?: { field: string; message: string }[] };
          setError({ message: err.message, fields: Object.fromEntries((err.fieldErrors ?? []).map((f) => [f.field, f.message])) });
        }
      }}
    >
      <Field label={strings.goals.titleLabel} required validationMessage={error?.fields.title}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label={strings.goals.measureLabel} required validationMessage={error?.fields.successMeasure}>
        <Input value={measure} onChange={(_, d) => setMeasure(d.value)} />
      </Field>
      <Field label={strings.goals.ownerLabel}>
        <Select value={owner} onChange={(_, d) => setOwner(d.value as 'mentor' | 'mentee')}>
          <option value="mentee">{strings.goals.ownerMentee}</option>
          <option value="mentor">{strings.goals.ownerMentor}</option>
        </Select>
      </Field>
      {error && !Object.keys(error.fields).length && <ProblemMessage error={new Error(error.message)} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit">{strings.save}</Button>
        <Button onClick={() => onDone(false)}>{strings.cancel}</Button>
      </div>
    </form>
  );
}
