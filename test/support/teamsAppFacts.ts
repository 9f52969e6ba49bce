// What the fake Microsoft Graph knows of our Teams app, read from appPackage/manifest.json: the resource-specific
// permissions (consented when the app goes into a meeting chat) and the declared activity types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeTeamsApp } from './fakeGraphScheduling';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../appPackage/manifest.json'), 'utf8')) as {
  authorization: { permissions: { resourceSpecific: FakeTeamsApp['resourceSpecific'] } };
  activities: { activityTypes: FakeTeamsApp['activityTypes'] };
};

/** Our app as a tenant's catalogue holds it: its catalogue id, and the Entra app the "Self" permissions match. */
export const teamsAppOf = (catalogId: string, webApplicationInfoId: string): FakeTeamsApp => ({
  catalogId,
  webApplicationInfoId,
  resourceSpecific: manifest.authorization.permissions.resourceSpecific,
  activityTypes: manifest.activities.activityTypes,
});

export const manifestResourceSpecific = manifest.authorization.permissions.resourceSpecific;
