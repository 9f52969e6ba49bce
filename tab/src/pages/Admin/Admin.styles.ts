import { makeStyles, tokens } from '@fluentui/react-components';

export const useAdminStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: '1200px',
    margin: '0 auto',
    boxSizing: 'border-box',
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  // Fields start at the same line whatever their hints, so inputs of a row line up.
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  // Below the table's width it scrolls sideways instead of squeezing columns into each other (400 px).
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  table: { minWidth: '640px' },
  // The pairs have seven columns, one of them two 'Not reachable' badges that do not wrap: wide enough that no
  // column's content runs into the next (measured in test/e2e/visual.test.ts at 400 px).
  pairsTable: { minWidth: '760px' },
  deliveryColumn: { width: '8.5rem' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  people: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  person: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  // The tabs scroll sideways on a narrow screen rather than running off it.
  tabs: { overflowX: 'auto', maxWidth: '100%' },
  errorText: { color: tokens.colorPaletteRedForeground1 },
  okText: { color: tokens.colorPaletteGreenForeground1 },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    padding: 0,
    margin: 0,
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  chart: { minHeight: '260px', color: tokens.colorNeutralForeground1 },
  wideDialog: { maxWidth: 'min(760px, calc(100vw - 32px))', width: '100%' },
});
