// Adds a goal to either side of the two-way ledger; a retry after a lost response does not duplicate it.
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Goal } from '../api/types';
import { useResource } from '../hooks/useResource';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';
import { goalFormStrings as g } from './goalFormStrings';
import { useConfirm } from './Toasts/confirm';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  // A long objective must not widen the page at 320 px.
  select: { width: '100%', minWidth: 0, boxSizing: 'border-box' },
  selectInner: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  field: { minWidth: 0 },
});

const STATUSES = ['notStarted', 'onTrack', 'atRisk', 'achieved', 'dropped'] as const;

/** Adds a goal, or edits one (saved with its ETag, so a concurrent edit is refused, not overwritten). */
export default function GoalForm({
  api,
  pairId,
  programId,
  goal,
  onDone,
  focusOnOpen = false,
}: {
  api: ApiClient;
  pairId: string;
  programId: string;
  goal?: Goal;
  onDone: (saved: boolean) => void;
  /** Opened on purpose where the button that opened it is gone (the side panel): the title takes the focus. */
  focusOnOpen?: boolean;
}) {
  // The programme's objectives a goal may serve (members read their programme); none offered if it cannot be read.
  const program = useResource(
    () => api.get<{ objectives: string[] }>(`/api/programs/${programId}`).catch(() => ({ objectives: [] })),
    [api, programId],
  );
  const objectives = program.data?.objectives ?? [];
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const [objective, setObjective] = useState(goal?.objective ?? '');
  const confirm = useConfirm();
  const styles = useStyles();
  const [title, setTitle] = useState(goal?.title ?? '');
  const [measure, setMeasure] = useState(goal?.successMeasure ?? '');
  const [owner, setOwner] = useState<'mentor' | 'mentee'>(goal?.owner ?? 'mentee');
  const [status, setStatus] = useState<string>(goal?.status ?? 'notStarted');
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [key] = useState(() => crypto.randomUUID());
  return (
    <form
      className={styles.form}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          if (goal) {
            await api.send('PATCH', `/api/pairs/${pairId}/goals/${goal.id}`, {
              body: {
                title,
                successMeasure: measure,
                owner,
                status,
                targetDate: targetDate || null,
                objective: objective || null,
              },
              ifMatch: goal.etag,
            });
          } else {
            await api.send('POST', `/api/pairs/${pairId}/goals`, {
              body: {
                title,
                successMeasure: measure,
                owner,
                ...(targetDate ? { targetDate } : {}),
                ...(objective ? { objective } : {}),
              },
              idempotencyKey: key,
            });
          }
          confirm(goal ? g.saved : g.added);
          onDone(true);
        } catch (e) {
          const err = e as Error & { fieldErrors?: { field: string; message: string }[] };
          setError({
            message: err.message,
            fields: Object.fromEntries((err.fieldErrors ?? []).map((f) => [f.field, f.message])),
          });
        }
      }}
    >
      <Field label={strings.goals.titleLabel} required validationMessage={error?.fields.title}>
        <Input
          value={title}
          onChange={(_, d) => setTitle(d.value)}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- only where the person opened the form and its opener is gone
          autoFocus={focusOnOpen}
        />
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
      <Field label={g.targetLabel} validationMessage={error?.fields.targetDate}>
        <Input type="date" value={targetDate} onChange={(_, d) => setTargetDate(d.value)} />
      </Field>
      {objectives.length > 0 && (
        <Field className={styles.field} label={g.objectiveLabel} validationMessage={error?.fields.objective}>
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={objective}
            onChange={(_, d) => setObjective(d.value)}
          >
            <option value="">{g.noObjective}</option>
            {objectives.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {goal && (
        <Field label={strings.goals.statusLabel}>
          <Select value={status} onChange={(_, d) => setStatus(d.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {strings.goals.status[s]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {error && !Object.keys(error.fields).length && <ProblemMessage error={new Error(error.message)} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit">
          {strings.save}
        </Button>
        <Button onClick={() => onDone(false)}>{strings.cancel}</Button>
      </div>
    </form>
  );
}
