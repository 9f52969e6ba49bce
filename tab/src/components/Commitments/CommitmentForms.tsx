// Closing a commitment (kept with evidence, or dropped) and recording a new one, each confirmed with a toast.
// Loaded on demand (its own chunk), only when someone acts on a commitment.
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Commitment } from '../../api/types';
import { strings } from '../../strings';
import { ProblemMessage } from '../ProblemMessage';
import { useConfirm } from '../Toasts/confirm';
import { commitmentStrings as s } from './strings';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  text: { overflowWrap: 'anywhere' },
});

type ApiFailure = Error & { fieldErrors?: { field: string; message: string }[] };
const fieldError = (error: ApiFailure | undefined, field: string) =>
  error?.fieldErrors?.find((f) => f.field === field)?.message;

/** Kept (with evidence) or dropped, saved with the commitment's ETag. */
export default function CommitmentClose({
  api,
  pairId,
  commitment,
  status,
  onDone,
}: {
  api: ApiClient;
  pairId: string;
  commitment: Commitment;
  status: 'kept' | 'dropped';
  onDone: (saved: boolean) => void;
}) {
  const styles = useStyles();
  const toast = useConfirm();
  const [evidence, setEvidence] = useState(commitment.evidence ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure>();
  const keeping = status === 'kept';
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const text = evidence.trim();
      await api.send('PATCH', `/api/pairs/${pairId}/commitments/${commitment.id}`, {
        body: { status, ...(text ? { evidence: text } : {}) },
        ifMatch: commitment.etag,
      });
      toast(keeping ? s.kept : s.dropped, keeping ? s.keptDetail : s.droppedDetail);
      onDone(true);
    } catch (e) {
      setError(e as ApiFailure);
      setBusy(false);
    }
  };
  const title = keeping ? s.keepTitle(commitment.text) : s.dropTitle(commitment.text);
  return (
    <form
      className={styles.form}
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Text weight="semibold" className={styles.text}>
        {title}
      </Text>
      <Field
        label={keeping ? s.evidenceLabel : s.reasonLabel}
        required={keeping}
        hint={keeping ? s.evidenceHint : undefined}
        validationMessage={fieldError(error, 'evidence')}
      >
        <Input value={evidence} maxLength={1000} onChange={(_, d) => setEvidence(d.value)} />
      </Field>
      {error && !error.fieldErrors?.length && <ProblemMessage error={error} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy || (keeping && evidence.trim() === '')}>
          {keeping ? s.confirmKeep : s.confirmDrop}
        </Button>
        <Button onClick={() => onDone(false)}>{strings.cancel}</Button>
      </div>
    </form>
  );
}

/** A new commitment of the executive's (whoever types it); a retry after a lost answer does not duplicate it. */
export function CommitmentAdd({
  api,
  pairId,
  onDone,
}: {
  api: ApiClient;
  pairId: string;
  onDone: (saved: boolean) => void;
}) {
  const styles = useStyles();
  const toast = useConfirm();
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure>();
  const [key] = useState(() => crypto.randomUUID());
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/pairs/${pairId}/commitments`, {
        body: { text, ...(dueDate ? { dueDate } : {}) },
        idempotencyKey: key,
      });
      toast(s.added, s.addedDetail);
      onDone(true);
    } catch (e) {
      setError(e as ApiFailure);
      setBusy(false);
    }
  };
  return (
    <form
      className={styles.form}
      aria-label={s.addTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Text weight="semibold">{s.addTitle}</Text>
      <Field label={s.textLabel} required validationMessage={fieldError(error, 'text')}>
        <Input value={text} maxLength={1000} onChange={(_, d) => setText(d.value)} />
      </Field>
      <Field label={s.dueLabel} validationMessage={fieldError(error, 'dueDate')}>
        <Input type="date" value={dueDate} onChange={(_, d) => setDueDate(d.value)} />
      </Field>
      {error && !error.fieldErrors?.length && <ProblemMessage error={error} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy || text.trim() === ''}>
          {s.save}
        </Button>
        <Button onClick={() => onDone(false)}>{strings.cancel}</Button>
      </div>
    </form>
  );
}
