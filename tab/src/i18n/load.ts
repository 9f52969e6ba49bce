// Loads the catalogues a page needs, in its language only. Each <language>/<namespace> is a small module of
// its own that the build writes at assets/i18n-<hash>/<language>/<namespace>.js (tab/vite.config.mts), so the
// page imports it by address: no table of files in the shell, never another language's or surface's texts.
import type { SurfaceName } from '../surfaces';
import { register, type Namespace } from './catalogue';
import { LANGUAGES, type Language } from './languages';

declare const __CATALOGUE_DIR__: string;

/** Languages with catalogues in this build: all of them (test/appPackage/catalogues.test.ts holds it). */
export const AVAILABLE: readonly Language[] = LANGUAGES;

const requested = new Map<string, Promise<void>>();

/**
 * Fetches one language's catalogue files and puts their namespaces in place (each file once). A surface's
 * file (`personal`, `meeting` …) brings the shell's texts with its own; a panel's (`panels` …) its own.
 */
export function loadCatalogues(language: Language, files: readonly (SurfaceName | Namespace)[]): Promise<void> {
  return Promise.all(
    files.map((file) => {
      const url = `${import.meta.env.BASE_URL}${__CATALOGUE_DIR__}/${language}/${file}.js`;
      let loading = requested.get(url);
      if (!loading) {
        loading = (import(/* @vite-ignore */ url) as Promise<{ default: Record<Namespace, unknown> }>).then((m) => {
          for (const [namespace, messages] of Object.entries(m.default)) register(namespace as Namespace, messages);
        });
        loading.catch(() => requested.delete(url)); // a failed fetch may be retried
        requested.set(url, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}
