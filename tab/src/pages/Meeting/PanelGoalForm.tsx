// The first goal of a pair, added from the side panel: what it is, how the pair will know, whose it is. The
// personal tab's full form (objective, target date) stays there; this one loads with the panel's own parts, so
// the personal tab's first scripts do not change.
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { strings } from '../../strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

export default function PanelGoalForm({
  api,
  pairId,
  onDone,
}: {
  api: ApiClient;
  pairId: string;
  onDone: (saved: boolean) => void;
}) {
  const styles = useStyles();
  const [title, setTitle] = useState('');
  const [measure, setMeasure] = useState('');
  const [owner, setOwner] = useState<'mentor' | 'mentee'>('mentee');
  const [error, setError] = useState<Error & { fields?: Record<string, string> }>();
  const [key] = useState(() => crypto.randomUUID());
  return (
    <form
      className={styles.form}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await api.send('POST', `/api/pairs/${pairId}/goals`, {
            body: { title, successMeasure: measure, owner },
            idempotencyKey: key,
          });
          onDone(true);
        } catch (e) {
          const err = e as Error & { fieldErrors?: { field: string; message: string }[] };
          setError(
            Object.assign(err, {
              fields: Object.fromEntries((err.fieldErrors ?? []).map((f) => [f.field, f.message])),
            }),
          );
        }
      }}
    >
      <Field label={strings.goals.titleLabel} required validationMessage={error?.fields?.title}>
        <Input
          value={title}
          onChange={(_, d) => setTitle(d.value)}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the form opens only when the person asks for it: focus follows their click
          autoFocus
        />
      </Field>
      <Field label={strings.goals.measureLabel} required validationMessage={error?.fields?.successMeasure}>
        <Input value={measure} onChange={(_, d) => setMeasure(d.value)} />
      </Field>
      <Field label={strings.goals.ownerLabel}>
        <Select value={owner} onChange={(_, d) => setOwner(d.value as 'mentor' | 'mentee')}>
          <option value="mentee">{strings.goals.ownerMentee}</option>
          <option value="mentor">{strings.goals.ownerMentor}</option>
        </Select>
      </Field>
      {error && !Object.keys(error.fields ?? {}).length && <ProblemMessage error={error} />}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={!title.trim() || !measure.trim()}>
          {strings.save}
        </Button>
        <Button onClick={() => onDone(false)}>{strings.cancel}</Button>
      </div>
    </form>
  );
}
