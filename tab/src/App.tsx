// Teams initialisation (or development sign-in outside Teams), the theme, and one route per surface.
import { FluentProvider, Spinner, makeStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { createApiClient, type ApiClient } from './api/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { signOut, storedSession, type DevSession } from './api/devSignIn';
import { PersonalTab } from './pages/PersonalTab/PersonalTab';
import { connectToHost, notifyLoaded, onThemeChange, teamsToken, type Host, type ThemeName } from './teams/host';
import { strings } from './strings';
import { SURFACES, type SurfaceName } from './surfaces';
import type { SurfaceProps } from './surfaceProps';

// Never needed inside Teams, so not in the initial bundle.
const DevSignIn = lazy(() => import('./pages/DevSignIn/DevSignIn'));
const Unavailable = lazy(() => import('./pages/Unavailable'));

// Every surface but the personal tab is its own chunk, loaded only where Teams opens it; each module's
// default export takes SurfaceProps.
const LAZY_SURFACES: Partial<Record<SurfaceName, LazyExoticComponent<ComponentType<SurfaceProps>>>> = {
  admin: lazy(() => import('./pages/Admin/Admin')),
  // The meeting tab's configuration page rides in the meeting chunk: two chunks sharing components the
  // personal tab lacks would make the bundler hoist those into the initial load.
  config: lazy(() => import('./pages/Meeting/MeetingSurface').then((m) => ({ default: m.ConfigPage }))),
  meeting: lazy(() => import('./pages/Meeting/MeetingSurface')),
};

const useStyles = makeStyles({ root: { minHeight: '100vh' } });

const THEMES: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<Host>();
  const [theme, setTheme] = useState<ThemeName>('default');
  const [devSession, setDevSession] = useState<DevSession | undefined>(() => storedSession());

  useEffect(() => {
    void connectToHost().then((connected) => {
      setHost(connected);
      setTheme(connected.theme);
      if (connected.kind === 'teams') onThemeChange(setTheme);
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

  let content;
  if (!host) content = <Spinner label={strings.loading} />;
  else if (!api) content = <Suspense fallback={<Spinner label={strings.loading} />}><DevSignIn onSignedIn={setDevSession} /></Suspense>;
  else content = <Surface api={api} host={host} onReady={ready} devSession={devSession} onSignOut={() => {
    signOut();
    setDevSession(undefined);
  }} />;

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root}>
      <ErrorBoundary>{content}</ErrorBoundary>
    </FluentProvider>
  );
}

function Surface(props: SurfaceProps) {
  const { api, host, onReady, devSession, onSignOut } = props;
  const surface = (window.location.pathname.replace(/^\/tab\/?/, '').split('/')[0] || 'personal') as SurfaceName;
  const ready = SURFACES[surface] === 'ready';
  const LazySurface = ready ? LAZY_SURFACES[surface] : undefined;
  // A surface not built yet has nothing to load: tell the host at once (after render, not during it).
  useEffect(() => {
    if (!ready) onReady();
  }, [ready, onReady]);
  if (!ready) {
    return <Suspense fallback={<Spinner label={strings.loading} />}><Unavailable /></Suspense>;
  }
  if (LazySurface) {
    return <Suspense fallback={<Spinner label={strings.loading} />}><LazySurface {...props} /></Suspense>;
  }
  return (
    <PersonalTab
      api={api}
      locale={host.locale}
      {...(host.kind === 'teams' && host.subPageId ? { deepLinkPairId: host.subPageId } : {})}
      onReady={onReady}
      {...(devSession ? { devUserName: devSession.user.name, onSignOut } : {})}
    />
  );
}
