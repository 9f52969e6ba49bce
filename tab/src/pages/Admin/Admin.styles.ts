import { makeStyles, tokens } from '@fluentui/react-components';

export const useAdminStyles = makeStyles({
  page: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`, maxWidth: '1200px', margin: '0 auto', boxSizing: 'border-box',
  },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingHorizontalL },
  wide: { gridColumn: '1 / -1' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  tableWrap: { overflowX: 'auto' },
  errorText: { color: tokens.colorPaletteRedForeground1 },
  okText: { color: tokens.colorPaletteGreenForeground1 },
  cards: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: tokens.spacingHorizontalM,
    listStyleType: 'none', padding: 0, margin: 0,
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  chart: { minHeight: '260px', color: tokens.colorNeutralForeground1 },
  wideDialog: { maxWidth: 'min(760px, calc(100vw - 32px))', width: '100%' },
});
