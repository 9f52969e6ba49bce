// Adds an agenda item with what a session plan needs: a title, minutes, who leads it and, where the pair has
// goals, the goal it serves. The details load when someone starts an item (AgendaItemDetails); until then the
// defaults apply: ten minutes, led by the viewer.
import { Button, Caption1, Field, Input, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../ProblemMessage';
import type { Details } from './AgendaItemDetails';
import { agendaFormStrings as s } from './strings';

const AgendaItemDetails = lazy(() => import('./AgendaItemDetails'));

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  // Title and button on one line while the title keeps 12em; narrower (the personal tab at 320 px, longer
  // labels), the button moves under it. The button never breaks its label.
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  grow: { flexGrow: 1, flexBasis: '12em', minWidth: 0 },
  // An input is as wide as its 20 characters at least, wider than the field where space is short.
  title: { minWidth: 0 },
  add: { flexShrink: 0, whiteSpace: 'nowrap' },
});

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
  /** Opened on purpose (the side panel's New agenda item): the title takes the focus. */
  focusOnOpen?: boolean;
}

export function AgendaItemForm({
  api,
  path,
  people,
  defaultOwnerId,
  goals = [],
  onAdded,
  focusOnOpen,
}: AgendaItemFormProps) {
  const styles = useStyles();
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState<Details>({
    minutes: String(DEFAULT_MINUTES),
    ownerId: defaultOwnerId ?? people[0]?.id ?? '',
    goalId: '',
  });
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<Error>();
  const [added, setAdded] = useState<string>();
  const [busy, setBusy] = useState(false);
  const value = Number(details.minutes);
  const minutesValid = details.minutes.trim() === '' || (Number.isInteger(value) && value >= 1 && value <= 240);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        const text = title.trim();
        if (!text || !minutesValid) return;
        setBusy(true);
        setError(undefined);
        const { ownerId, goalId } = details;
        const body = {
          title: text,
          ...(details.minutes.trim() ? { minutes: value } : {}),
          ...(ownerId ? { ownerId } : {}),
          ...(goalId ? { goalId } : {}),
        };
        api
          .send('POST', path, { body, idempotencyKey: crypto.randomUUID() })
          .then(
            async () => {
              setTitle('');
              setDetails((d) => ({ ...d, goalId: '' }));
              setAdded(text);
              await onAdded();
            },
            (e: Error) => setError(e),
          )
          .finally(() => setBusy(false));
      }}
    >
      <div className={styles.titleRow}>
        <Field label={s.title} className={styles.grow}>
          <Input
            className={styles.title}
            value={title}
            // eslint-disable-next-line jsx-a11y/no-autofocus -- only when the person opened the form (focusOnOpen): focus follows their click
            autoFocus={focusOnOpen}
            onFocus={() => setStarted(true)}
            onChange={(_, d) => {
              setTitle(d.value);
              setStarted(true);
              setAdded(undefined);
            }}
          />
        </Field>
        <Button type="submit" className={styles.add} disabled={!title.trim() || !minutesValid || busy}>
          {s.add}
        </Button>
      </div>
      {started && (
        <Suspense fallback={<Spinner size="tiny" />}>
          <AgendaItemDetails
            value={details}
            onChange={setDetails}
            minutesValid={minutesValid}
            people={people}
            goals={goals}
          />
        </Suspense>
      )}
      {added && <Caption1 role="status">{s.added(added)}</Caption1>}
      {error && <ProblemMessage error={error} />}
    </form>
  );
}
