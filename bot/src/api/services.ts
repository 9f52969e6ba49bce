import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Store } from '../store/database';
import type { TimedWork } from '../jobs/timedJobs';
import type { AppRollouts } from '../jobs/appRollout';
import type { BookingDeps } from '../commands/sessionBooker';
import type { DevSignIn } from './middleware/tokenVerifier';

/** What route handlers may use: built once by createApp. */
export interface Services {
  config: Config;
  store: Store;
  log: Logger;
  devSignIn?: DevSignIn;
  /** Reminders and other timed work (POST /api/jobs/…/run). */
  timedWork?: TimedWork;
  /** Installing the app for a programme's participants (POST /api/programs/:programId/rollout). */
  appRollouts?: AppRollouts;
  /** Booking sessions through the calendar (Microsoft 365, the seeded one in development, or none). */
  booking: BookingDeps;
}
