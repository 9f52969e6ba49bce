// What App gives every surface (kept apart from surfaces.ts, which server-side tests read).
import type { ApiClient } from './api/client';
import type { DevSession } from './api/devSignIn';
import type { Host } from './teams/host';

/** What App gives every surface. */
export interface SurfaceProps {
  api: ApiClient;
  host: Host;
  /** Call once the first real content is on screen (Teams hides its loading indicator then). */
  onReady: () => void;
  devSession?: DevSession;
  onSignOut: () => void;
}
