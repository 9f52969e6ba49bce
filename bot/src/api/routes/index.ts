// Every route of the API, in the order they are mounted and listed in /api/openapi.json.
import type { RouteDefinition } from '../route';
import { appRolloutRoutes } from './appRollout';
import { bookingRoutes } from './booking';
import { jobRoutes } from './jobs';
import { meetingRoutes } from './meetings';
import { myDataRoutes } from './myData';
import { pairRoutes } from './pairs';
import { peopleRoutes } from './people';
import { programRoutes } from './programs';
import { systemRoutes } from './system';

export const routes: RouteDefinition[] = [
  ...systemRoutes,
  ...peopleRoutes,
  ...meetingRoutes,
  ...programRoutes,
  ...appRolloutRoutes,
  ...myDataRoutes,
  ...pairRoutes,
  ...bookingRoutes,
  ...jobRoutes,
];
