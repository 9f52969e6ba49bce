// The personal tab's links: the admin view (programme admins only) and "Your data", whose panel loads
// only when opened (MyDataPanel.tsx).
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import { strings } from '../strings';

const MyDataPanel = lazy(() => import('./MyDataPanel'));

const useStyles = makeStyles({
  links: { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', columnGap: tokens.spacingHorizontalS },
});

export function MyData({ api, isAdmin }: { api: ApiClient; isAdmin: boolean }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <>
      <nav className={styles.links} aria-label={strings.myData.links}>
        {isAdmin && <Button as="a" appearance="subtle" size="small" href={`/tab/admin${window.location.search}`}>{strings.myData.admin}</Button>}
        <Button appearance="subtle" size="small" aria-expanded={open} aria-controls="your-data" onClick={() => setOpen(!open)}>{strings.myData.open}</Button>
      </nav>
      {open && <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}><MyDataPanel api={api} /></Suspense>}
    </>
  );
}
