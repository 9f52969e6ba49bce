// Both sides' goals: measure, owner, progress and status; progress edits are ETag-safe.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  ProgressBar,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Goal } from '../api/types';
import { formatDate } from '../format';
import { strings } from '../strings';
import { dashboardStrings } from './dashboardStrings';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { withTexts } from '../i18n/catalogue';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  goal: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  progressInput: { width: '7em' },
  bar: { flexGrow: 1, minWidth: '8em', alignSelf: 'center' },
  text: { overflowWrap: 'anywhere' },
});

// Opened on demand: kept out of the initial bundle.
const GoalForm = lazy(withTexts(['panels'], () => import('./followThrough').then((m) => ({ default: m.GoalForm }))));

const STATUS_COLOR: Record<string, 'informative' | 'success' | 'warning' | 'subtle'> = {
  notStarted: 'subtle',
  onTrack: 'informative',
  atRisk: 'warning',
  achieved: 'success',
  dropped: 'subtle',
};

interface Props {
  api: ApiClient;
  pairId: string;
  programId: string;
  locale: string;
  goals: Goal[];
  canAdd: boolean;
  onChanged: () => void;
  /** The goal form's open state, when the dashboard opens it from elsewhere (the ledger's empty state). */
  adding?: boolean;
  onAddingChange?: (adding: boolean) => void;
}

export function GoalList({ api, pairId, programId, locale, goals, canAdd, onChanged, ...controlled }: Props) {
  const styles = useStyles();
  const [ownAdding, setOwnAdding] = useState(false);
  const adding = controlled.adding ?? ownAdding;
  const setAdding = controlled.onAddingChange ?? setOwnAdding;
  return (
    <Section
      title={strings.goals.title}
      action={canAdd && !adding ? <Button onClick={() => setAdding(true)}>{strings.goals.add}</Button> : undefined}
    >
      {goals.length === 0 && <Body1>{strings.goals.none}</Body1>}
      <ul className={styles.list}>
        {goals.map((goal) => (
          <li key={goal.id}>
            <GoalItem
              api={api}
              pairId={pairId}
              programId={programId}
              locale={locale}
              goal={goal}
              onChanged={onChanged}
            />
          </li>
        ))}
      </ul>
      {adding && (
        <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
          <GoalForm
            api={api}
            pairId={pairId}
            programId={programId}
            onDone={(saved) => {
              setAdding(false);
              if (saved) onChanged();
            }}
          />
        </Suspense>
      )}
    </Section>
  );
}

function GoalItem({
  api,
  pairId,
  programId,
  locale,
  goal,
  onChanged,
}: {
  api: ApiClient;
  pairId: string;
  programId: string;
  locale: string;
  goal: Goal;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [progress, setProgress] = useState(String(goal.progress));
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const value = Number(progress);
  const valid = progress.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 100;
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.send('PATCH', `/api/pairs/${pairId}/goals/${goal.id}`, {
        body: { progress: value },
        ifMatch: goal.etag,
      });
      onChanged();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className={styles.goal}>
      <div className={styles.row}>
        <Text weight="semibold" className={styles.text}>
          {goal.title}
        </Text>
        <Badge appearance="tint" color={STATUS_COLOR[goal.status] ?? 'informative'}>
          {strings.goals.status[goal.status] ?? goal.status}
        </Badge>
        <Badge appearance="outline">
          {goal.owner === 'mentor' ? strings.goals.ownerMentor : strings.goals.ownerMentee}
        </Badge>
        {goal.abilities.update && !editing && (
          <Button
            size="small"
            appearance="subtle"
            aria-label={strings.goals.edit(goal.title)}
            onClick={() => setEditing(true)}
          >
            {strings.goals.editLabel}
          </Button>
        )}
      </div>
      {editing && (
        <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
          <GoalForm
            api={api}
            pairId={pairId}
            programId={programId}
            goal={goal}
            onDone={(saved) => {
              setEditing(false);
              if (saved) onChanged();
            }}
          />
        </Suspense>
      )}
      <Caption1 className={styles.text}>{strings.goals.measure(goal.successMeasure)}</Caption1>
      {goal.targetDate && <Caption1>{dashboardStrings.target(formatDate(goal.targetDate, locale))}</Caption1>}
      <div className={styles.row}>
        <ProgressBar
          className={styles.bar}
          value={goal.progress / 100}
          thickness="large"
          aria-label={strings.goals.progressLabel(goal.title)}
        />
        <Caption1>{strings.goals.percent(goal.progress)}</Caption1>
      </div>
      {goal.abilities.update && (
        <div className={styles.row}>
          <Field
            label={strings.goals.progressInput}
            validationState={valid ? 'none' : 'error'}
            validationMessage={valid ? undefined : '0–100'}
          >
            <Input
              className={styles.progressInput}
              type="number"
              min={0}
              max={100}
              value={progress}
              onChange={(_, d) => setProgress(d.value)}
            />
          </Field>
          <Button onClick={save} disabled={!valid || saving || value === goal.progress}>
            {strings.goals.saveProgress}
          </Button>
        </div>
      )}
      {error && <ProblemMessage error={error} onRetry={onChanged} />}
    </div>
  );
}
