// A goal's progress as a native <progress> drawn with Fluent tokens (Fluent's ProgressBar would cost the
// side panel and stage 8.5 KB of script for a static bar); high contrast gets the system's own bar.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  bar: {
    appearance: 'none',
    display: 'block',
    width: '100%',
    height: '6px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground6,
    '::-webkit-progress-bar': { backgroundColor: tokens.colorNeutralBackground6 },
    '::-webkit-progress-value': { backgroundColor: tokens.colorCompoundBrandBackground },
    '::-moz-progress-bar': { backgroundColor: tokens.colorCompoundBrandBackground },
    '@media (forced-colors: active)': { appearance: 'auto' },
  },
});

export function GoalBar({ percent, label, className }: { percent: number; label: string; className?: string }) {
  const styles = useStyles();
  return (
    <progress
      className={mergeClasses(styles.bar, className)}
      max={100}
      value={Math.max(0, Math.min(100, percent))}
      aria-label={label}
    />
  );
}
