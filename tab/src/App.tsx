// Teams initialisation (or development sign-in outside Teams), the theme, and one route per surface.
import { FluentProvider, Spinner, makeStyles, type Theme } from '@fluentui/react-components';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type LazyExoticComponent,
} from 'react';
import { createApiClient, type ApiClient } from './api/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ProblemMessage } from './components/ProblemMessage';
import { signOut, storedSession, type DevSession } from './api/devSignIn';
import { connectToHost, notifyLoaded, onThemeChange, teamsToken, type Host, type ThemeName } from './teams/host';
import { strings } from './strings';
import { speakFor } from './i18n/pageLanguage';
import { chosenLanguage, languageOf } from './locale';
import { currentSurface, SURFACES, type SurfaceName } from './surfaces';
import { loadTheme } from './theme';
import type { SurfaceProps } from './surfaceProps';
import { withTexts } from './i18n/catalogue';

// Never needed inside Teams, so not in the initial bundle.
const DevSignIn = lazy(withTexts(['signIn'], () => import('./pages/DevSignIn/DevSignIn')));
const Unavailable = lazy(() => import('./pages/Unavailable'));

// Every surface is its own chunk, loaded only where Teams opens it (the shell holds what they share);
// each module's default export takes SurfaceProps.
const SURFACE_MODULES: Record<SurfaceName, () => Promise<{ default: ComponentType<SurfaceProps> }>> = {
  personal: () => import('./pages/PersonalTab/PersonalTab'),
  admin: () => import('./pages/Admin/Admin'),
  // The configuration page is its own chunk: the side panel, opened in every session, does not carry it.
  config: () => import('./pages/Config/ConfigPage'),
  meeting: () => import('./pages/Meeting/MeetingSurface'),
};
const LAZY_SURFACES = Object.fromEntries(
  Object.entries(SURFACE_MODULES).map(([name, load]) => [name, lazy(load)]),
) as Record<SurfaceName, LazyExoticComponent<ComponentType<SurfaceProps>>>;

// This page's surface starts loading with the shell, not after Teams has answered (the browser keeps the
// module, so the lazy component below gets it from there); a failure shows when the surface renders.
if (SURFACES[currentSurface()] === 'ready') SURFACE_MODULES[currentSurface()]().catch(() => undefined);

// text-align: start, not Fluent's left: the provider's own styles are made before its direction applies.
const useStyles = makeStyles({ root: { minHeight: '100vh', textAlign: 'start' } });

export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<Host>();
  const [theme, setTheme] = useState<{ name: ThemeName; theme: Theme }>();
  const [themeFailure, setThemeFailure] = useState<Error>();
  const [devSession, setDevSession] = useState<DevSession | undefined>(() => storedSession());
  // The theme asked for last: a slower load of an earlier one must not replace it.
  const wantedTheme = useRef<ThemeName>(undefined);
  const themed = useRef(false);

  useEffect(() => {
    const applyTheme = (name: ThemeName) => {
      wantedTheme.current = name;
      loadTheme(name).then(
        (loaded) => {
          if (wantedTheme.current !== name) return;
          themed.current = true;
          setTheme({ name, theme: loaded });
        },
        (error: unknown) => {
          // A switch that fails keeps the theme shown; without any theme the tab says what went wrong.
          if (!themed.current) setThemeFailure(error instanceof Error ? error : new Error(String(error)));
        },
      );
    };
    void connectToHost().then(async (connected) => {
      // Nothing renders before the page's language is settled and its catalogues are in.
      await speakFor(connected.locale);
      // A language the person picked also formats dates and numbers, unless Teams' locale is already of it.
      const chosen = chosenLanguage();
      setHost(chosen && languageOf(connected.locale) !== chosen ? { ...connected, locale: chosen } : connected);
      applyTheme(connected.theme);
      if (connected.kind === 'teams') onThemeChange(applyTheme);
    });
  }, []);

  const api: ApiClient | undefined = useMemo(() => {
    if (host?.kind === 'teams') return createApiClient(() => teamsToken());
    if (devSession) return createApiClient(async () => devSession.token);
    return undefined;
  }, [host, devSession]);

  const ready = useCallback(() => {
    if (host?.kind === 'teams') notifyLoaded();
  }, [host]);

  // Nothing to show before the host and its theme are known (Teams keeps its loading indicator up until
  // notifySuccess); if the theme cannot be loaded, the error and its retry still render, unthemed.
  let content;
  if (themeFailure) content = <ProblemMessage error={themeFailure} onRetry={() => window.location.reload()} />;
  else if (!host || !theme) return null;
  else if (!api)
    content = (
      <Suspense fallback={<Spinner label={strings.loading} />}>
        <DevSignIn onSignedIn={setDevSession} />
      </Suspense>
    );
  else
    content = (
      <Surface
        api={api}
        host={host}
        onReady={ready}
        devSession={devSession}
        onSignOut={() => {
          signOut();
          setDevSession(undefined);
        }}
      />
    );
  return (
    // data-theme names the theme applied, so tests (and people reading the DOM) know a switch is done; the
    // direction is the page's language's (set with it, before the first render: i18n/pageLanguage.ts).
    <FluentProvider
      theme={theme?.theme}
      className={styles.root}
      data-theme={theme?.name}
      dir={document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'}
    >
      <ErrorBoundary>{content}</ErrorBoundary>
    </FluentProvider>
  );
}

function Surface(props: SurfaceProps) {
  const { onReady } = props;
  const surface = currentSurface();
  const ready = SURFACES[surface] === 'ready';
  // A surface not built yet has nothing to load: tell the host at once (after render, not during it).
  useEffect(() => {
    if (!ready) onReady();
  }, [ready, onReady]);
  if (!ready) {
    return (
      <Suspense fallback={<Spinner label={strings.loading} />}>
        <Unavailable />
      </Suspense>
    );
  }
  const LazySurface = LAZY_SURFACES[surface];
  return (
    <Suspense fallback={<Spinner label={strings.loading} />}>
      <LazySurface {...props} />
    </Suspense>
  );
}
