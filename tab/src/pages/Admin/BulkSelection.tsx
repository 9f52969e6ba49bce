// Selecting rows of an admin table and acting on them at once: a checkbox per row and one in the header
// (all, none, or some: mixed), and an action bar that says how many are selected.
import { Button, Checkbox, TableCell, TableHeaderCell, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import { strings } from './strings';

const s = strings.bulk;

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  count: { marginRight: 'auto' },
  cell: { width: '44px' },
});

export interface Selection {
  selected: ReadonlySet<string>;
  toggle(id: string): void;
  toggleAll(): void;
  clear(): void;
  all: boolean | 'mixed';
}

/** Selection over the rows shown; rows that go away (a reload, a filter) leave the selection with them. */
export function useSelection(ids: readonly string[]): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const selected = useMemo(() => new Set(ids.filter((id) => chosen.has(id))), [ids, chosen]);
  const all = selected.size === 0 ? false : selected.size === ids.length ? true : 'mixed';
  return {
    selected,
    all,
    toggle: (id) =>
      setChosen((c) => {
        const next = new Set(c);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    toggleAll: () => setChosen(all === true ? new Set() : new Set(ids)),
    clear: () => setChosen(new Set()),
  };
}

export function SelectAllHeader({ selection }: { selection: Selection }) {
  const styles = useStyles();
  return (
    <TableHeaderCell className={styles.cell}>
      <Checkbox checked={selection.all} onChange={selection.toggleAll} aria-label={s.selectAll} />
    </TableHeaderCell>
  );
}

export function SelectCell({ selection, id, name }: { selection: Selection; id: string; name: string }) {
  const styles = useStyles();
  return (
    <TableCell className={styles.cell}>
      <Checkbox
        checked={selection.selected.has(id)}
        onChange={() => selection.toggle(id)}
        aria-label={s.select(name)}
      />
    </TableCell>
  );
}

/** The actions for the selected rows; shown while something is selected. */
export function BulkBar({ selection, children }: { selection: Selection; children: ReactNode }) {
  const styles = useStyles();
  if (selection.selected.size === 0) return null;
  return (
    <div className={styles.bar} role="toolbar" aria-label={s.label}>
      <Text weight="semibold" className={styles.count} aria-live="polite">
        {s.selected(selection.selected.size)}
      </Text>
      {children}
      <Button size="small" appearance="subtle" onClick={selection.clear}>
        {s.clear}
      </Button>
    </div>
  );
}
