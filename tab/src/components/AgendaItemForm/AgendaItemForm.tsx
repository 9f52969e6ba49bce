// Adds an agenda item with what a session plan needs: a title, minutes, who leads it and, where the pair has
// goals, the goal it serves. Loaded on demand by the personal tab and the side panel (their script budgets).
import { Button, Caption1, Field, Input, Label, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../ProblemMessage';
import { agendaFormStrings as s } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  // Title and button on one line; the button never breaks its label (320 px side panel).
  titleRow: { display: 'flex', alignItems: 'end', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
  add: { flexShrink: 0, whiteSpace: 'nowrap' },
  details: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  minutes: { width: '6em' },
  choice: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: '9em', flexGrow: 1, flexBasis: 0 },
  // A native select drawn like Fluent's Input beside it (Fluent's Select would cost the side panel 3.6 KB).
  select: {
    height: '32px', minWidth: 0, width: '100%', boxSizing: 'border-box', padding: `0 ${tokens.spacingHorizontalS}`,
    fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderBottomColor: tokens.colorNeutralStrokeAccessible,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
});

function Choice({ label, value, onChange, children }: { label: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  const styles = useStyles();
  const id = useId('choice');
  return (
    <div className={styles.choice}>
      <Label htmlFor={id}>{label}</Label>
      <select id={id} className={styles.select} value={value} onChange={(e) => onChange(e.target.value)}>{children}</select>
    </div>
  );
}

export const DEFAULT_MINUTES = 10;

export interface AgendaItemFormProps {
  api: ApiClient;
  /** POST target: /api/pairs/:pairId/sessions/:sessionId/agenda */
  path: string;
  /** Who may lead an item (both members); the first is chosen unless `defaultOwnerId` says otherwise. */
  people: { id: string; name: string }[];
  defaultOwnerId?: string;
  /** The pair's goals, to link the item to one. */
  goals?: { id: string; title: string }[];
  onAdded: () => unknown;
}

export default function AgendaItemForm({ api, path, people, defaultOwnerId, goals = [], onAdded }: AgendaItemFormProps) {
  const styles = useStyles();
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(String(DEFAULT_MINUTES));
  const [ownerId, setOwnerId] = useState(defaultOwnerId ?? people[0]?.id ?? '');
  const [goalId, setGoalId] = useState('');
  const [error, setError] = useState<Error>();
  const [added, setAdded] = useState<string>();
  const [busy, setBusy] = useState(false);
  const value = Number(minutes);
  const minutesValid = minutes.trim() === '' || (Number.isInteger(value) && value >= 1 && value <= 240);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        const text = title.trim();
        if (!text || !minutesValid) return;
        setBusy(true);
        setError(undefined);
        const body = { title: text, ...(minutes.trim() ? { minutes: value } : {}), ...(ownerId ? { ownerId } : {}), ...(goalId ? { goalId } : {}) };
        api.send('POST', path, { body, idempotencyKey: crypto.randomUUID() })
          .then(async () => {
            setTitle('');
            setGoalId('');
            setAdded(text);
            await onAdded();
          }, (e: Error) => setError(e))
          .finally(() => setBusy(false));
      }}
    >
      <div className={styles.titleRow}>
        <Field label={s.title} className={styles.grow}>
          <Input value={title} onChange={(_, d) => { setTitle(d.value); setAdded(undefined); }} />
        </Field>
        <Button type="submit" className={styles.add} disabled={!title.trim() || !minutesValid || busy}>{s.add}</Button>
      </div>
      <div className={styles.details}>
        <Field label={s.minutes} validationState={minutesValid ? 'none' : 'error'} validationMessage={minutesValid ? undefined : '1–240'}>
          <Input className={styles.minutes} type="number" min={1} max={240} value={minutes} onChange={(_, d) => setMinutes(d.value)} />
        </Field>
        {people.length > 0 && (
          <Choice label={s.owner} value={ownerId} onChange={setOwnerId}>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Choice>
        )}
        {goals.length > 0 && (
          <Choice label={s.goal} value={goalId} onChange={setGoalId}>
            <option value="">{s.noGoal}</option>
            {goals.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)}
          </Choice>
        )}
      </div>
      {added && <Caption1 role="status">{s.added(added)}</Caption1>}
      {error && <ProblemMessage error={error} />}
    </form>
  );
}
