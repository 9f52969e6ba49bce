// The personal tab's links: the admin view (programme admins only), the language menu and "Your data",
// whose panels load only when opened (LanguagePanel.tsx, MyDataPanel.tsx).
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import { strings } from '../strings';
import { withTexts } from '../i18n/catalogue';

const MyDataPanel = lazy(withTexts(['panels'], () => import('./MyDataPanel')));
// In the follow-through chunk: a chunk of its own would split the modules it shares with the first scripts.
const LanguagePanel = lazy(
  withTexts(['panels'], () => import('./followThrough').then((m) => ({ default: m.LanguagePanel }))),
);

const useStyles = makeStyles({
  links: { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', columnGap: tokens.spacingHorizontalS },
});

/** `open` is the personal tab's: a deep link (`my-data`) and the retention notice open the panel too. */
export function MyData({
  api,
  isAdmin,
  open,
  setOpen,
  onDeleted,
}: {
  api: ApiClient;
  isAdmin: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const styles = useStyles();
  const [languageOpen, setLanguageOpen] = useState(false);
  return (
    <>
      <nav className={styles.links} aria-label={strings.myData.links}>
        {isAdmin && (
          <Button as="a" appearance="subtle" size="small" href={`/tab/admin${window.location.search}`}>
            {strings.myData.admin}
          </Button>
        )}
        <Button
          appearance="subtle"
          size="small"
          aria-expanded={languageOpen}
          aria-controls="language"
          onClick={() => setLanguageOpen(!languageOpen)}
        >
          {strings.myData.language}
        </Button>
        <Button
          appearance="subtle"
          size="small"
          aria-expanded={open}
          aria-controls="your-data"
          onClick={() => setOpen(!open)}
        >
          {strings.myData.open}
        </Button>
      </nav>
      {languageOpen && (
        <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
          <LanguagePanel />
        </Suspense>
      )}
      {open && (
        <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
          <MyDataPanel api={api} {...(onDeleted ? { onDeleted } : {})} />
        </Suspense>
      )}
    </>
  );
}
