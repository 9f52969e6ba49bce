// The Fluent theme for a Teams theme name, loaded on demand: the three themes are 68 KB of the initial
// script otherwise, and a tab needs one (another only when the user switches theme in Teams).
import type { Theme } from '@fluentui/react-components';
import type { ThemeName } from './teams/host';

const LOADERS: Record<ThemeName, () => Promise<{ theme: Theme }>> = {
  default: () => import('./themes/light'),
  dark: () => import('./themes/dark'),
  contrast: () => import('./themes/contrast'),
};

const loaded = new Map<ThemeName, Promise<Theme>>();

/** The theme; a failed load is forgotten, so asking again retries it. */
export function loadTheme(name: ThemeName): Promise<Theme> {
  let theme = loaded.get(name);
  if (!theme) {
    theme = LOADERS[name]().then((m) => m.theme);
    theme.catch(() => loaded.delete(name));
    loaded.set(name, theme);
  }
  return theme;
}
