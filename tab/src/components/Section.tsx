import { Card, CardHeader, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
});

/** A titled card: every dashboard section has the same shape and a heading for screen readers. */
export function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} role="region" aria-label={title}>
      <CardHeader header={<Subtitle2 as="h2">{title}</Subtitle2>} {...(action ? { action: <>{action}</> } : {})} />
      {children}
    </Card>
  );
}
