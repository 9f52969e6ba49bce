// Every path under /tab/ the app manifest may point at, and whether the tab shows it yet
// (the manifest check in the tests reads this table).
export const SURFACES = { personal: 'ready', config: 'ready', meeting: 'ready', admin: 'ready' } as const;
export type SurfaceName = keyof typeof SURFACES;
