// Every path under /tab/ the app manifest may point at, and whether the tab shows it yet
// (the manifest check in the tests reads this table).
export const SURFACES = { personal: 'ready', config: 'ready', meeting: 'ready', admin: 'ready' } as const;
export type SurfaceName = keyof typeof SURFACES;

/** The surface this page shows, from its path (/tab/<surface>/…); the personal tab at /tab/. */
export function currentSurface(): SurfaceName {
  const path = (globalThis as { location?: { pathname?: string } }).location?.pathname ?? '';
  return (path.replace(/^\/tab\/?/, '').split('/')[0] || 'personal') as SurfaceName;
}
