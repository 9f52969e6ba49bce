// Loads the catalogues a page needs, in its language only. Each <language>/<namespace> is a small module of
// its own that the build writes at assets/i18n-<hash>/<language>/<namespace>.js (tab/vite.config.mts), so the
// page imports it by address: no table of files in the shell, never another language's or surface's texts.
import type { SurfaceName } from '../surfaces';
import { register, type Namespace } from './catalogue';
import { isLanguage, type Language } from './languages';

declare const __CATALOGUE_DIR__: string;
declare const __CATALOGUE_LANGUAGES__: string[];

/** The namespaces each surface shows at once (admin texts never reach the personal tab or the side panel); panels load theirs when opened. */
export const SURFACE_NAMESPACES: Record<SurfaceName, readonly Namespace[]> = {
  personal: ['common', 'personal'],
  meeting: ['common', 'meeting'],
  config: ['common', 'config'],
  admin: ['common', 'admin'],
};

/** Languages with catalogues in this build (a language being translated joins when its files are in). */
export const AVAILABLE: readonly Language[] = __CATALOGUE_LANGUAGES__.filter(isLanguage);

const requested = new Map<string, Promise<void>>();

/** Fetches and puts in place one language's catalogues for these namespaces (each file once). */
export function loadCatalogues(language: Language, namespaces: readonly Namespace[]): Promise<void> {
  return Promise.all(namespaces.map((namespace) => {
    const url = `${import.meta.env.BASE_URL}${__CATALOGUE_DIR__}/${language}/${namespace}.js`;
    let loading = requested.get(url);
    if (!loading) {
      loading = (import(/* @vite-ignore */ url) as Promise<{ default: unknown }>).then((m) => register(namespace, m.default));
      loading.catch(() => requested.delete(url)); // a failed fetch may be retried
      requested.set(url, loading);
    }
    return loading;
  })).then(() => undefined);
}
