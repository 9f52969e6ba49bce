import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

// Fluent's Card look (surface, shadow, radius; a border that shows in high contrast) drawn with tokens.
// Not Card itself: it brings tabster's focus groups, a fifth of the personal tab's script budget, for
// cards that hold no focus of their own.
const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

/** The card surface, for boxes that are not titled sections (the personal tab's empty state). */
export function useCardStyle(): string {
  return useStyles().card;
}

/** A titled card: every dashboard section has the same shape and a heading for screen readers. */
export function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.card} aria-label={title}>
      <div className={styles.header}>
        <Subtitle2 as="h2">{title}</Subtitle2>
        {action}
      </div>
      {children}
    </section>
  );
}
