// The agenda item's details (minutes, who leads it, the goal it serves): loaded when someone starts typing
// an item, so neither the personal tab nor the side panel carries them before they are interactive.
import { Field, Input, Label, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { agendaFormStrings as s } from './strings';

const useStyles = makeStyles({
  details: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  minutes: { width: '6em' },
  choice: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: '9em',
    flexGrow: 1,
    flexBasis: 0,
  },
  // A native select drawn like Fluent's Input beside it (Fluent's Select would cost 3.6 KB more).
  select: {
    height: '32px',
    minWidth: 0,
    width: '100%',
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
});

function Choice({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const id = useId('choice');
  return (
    <div className={styles.choice}>
      <Label htmlFor={id}>{label}</Label>
      <select id={id} className={styles.select} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

export interface Details {
  minutes: string;
  ownerId: string;
  goalId: string;
}

export default function AgendaItemDetails({
  value,
  onChange,
  minutesValid,
  people,
  goals,
}: {
  value: Details;
  onChange: (next: Details) => void;
  minutesValid: boolean;
  people: { id: string; name: string }[];
  goals: { id: string; title: string }[];
}) {
  const styles = useStyles();
  return (
    <div className={styles.details}>
      <Field
        label={s.minutes}
        validationState={minutesValid ? 'none' : 'error'}
        validationMessage={minutesValid ? undefined : '1–240'}
      >
        <Input
          className={styles.minutes}
          type="number"
          min={1}
          max={240}
          value={value.minutes}
          onChange={(_, d) => onChange({ ...value, minutes: d.value })}
        />
      </Field>
      {people.length > 0 && (
        <Choice label={s.owner} value={value.ownerId} onChange={(ownerId) => onChange({ ...value, ownerId })}>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Choice>
      )}
      {goals.length > 0 && (
        <Choice label={s.goal} value={value.goalId} onChange={(goalId) => onChange({ ...value, goalId })}>
          <option value="">{s.noGoal}</option>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.title}
            </option>
          ))}
        </Choice>
      )}
    </div>
  );
}
