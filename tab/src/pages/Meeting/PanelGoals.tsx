// The pair's goals in the 320 px side panel: one line each (title and progress), opened for the measure
// and owner. Native details/summary: expandable by keyboard and screen reader without script.
import { Button, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Goal } from '../../api/types';
import { withTexts } from '../../i18n/catalogue';
import { PanelSection } from './PanelSection';
import { GoalBar } from './GoalBar';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  // The browser's disclosure triangle stays (display: list-item); the line inside lays out title and percent.
  summary: {
    cursor: 'pointer',
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  line: {
    display: 'inline-flex',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    width: 'calc(100% - 1.5em)',
    verticalAlign: 'top',
  },
  title: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  percent: { flexShrink: 0, fontVariantNumeric: 'tabular-nums' },
  opener: { alignSelf: 'flex-start', whiteSpace: 'nowrap' },
  details: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
});

// The personal tab's goal form, loaded when a pair without goals adds its first one from the meeting.
const GoalForm = lazy(
  withTexts(['personal', 'panels'], () =>
    import('../../components/followThrough').then((m) => ({ default: m.GoalForm })),
  ),
);

/** Where a goal is added from the panel (absent in confidential mode or for those who may not add one). */
export interface GoalAdding {
  api: ApiClient;
  pairId: string;
  programId: string;
  onAdded: () => Promise<unknown>;
}

export function PanelGoals({ goals, adding }: { goals: Goal[]; adding?: GoalAdding }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <PanelSection title={s.goals.title(goals.length)}>
      {goals.length === 0 ? (
        <>
          <Caption1>{s.goals.none}</Caption1>
          {adding &&
            (open ? (
              <Suspense fallback={<Spinner size="tiny" label={s.loading} />}>
                <GoalForm
                  api={adding.api}
                  pairId={adding.pairId}
                  programId={adding.programId}
                  focusOnOpen
                  onDone={(saved) => {
                    setOpen(false);
                    if (saved) void adding.onAdded();
                  }}
                />
              </Suspense>
            ) : (
              <Button className={styles.opener} onClick={() => setOpen(true)}>
                {s.goals.add}
              </Button>
            ))}
        </>
      ) : (
        <ul className={styles.list}>
          {goals.map((goal) => (
            <li key={goal.id}>
              <details>
                <summary className={styles.summary}>
                  <span className={styles.line}>
                    <Text weight="semibold" className={styles.title}>
                      {goal.title}
                    </Text>
                    <Text className={styles.percent}>{s.goals.percent(goal.progress)}</Text>
                  </span>
                </summary>
                <div className={styles.details}>
                  <GoalBar percent={goal.progress} label={s.goals.progressLabel(goal.title)} />
                  <Caption1>{s.goals.owner[goal.owner]}</Caption1>
                  <Caption1>{s.goals.measure(goal.successMeasure)}</Caption1>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}
