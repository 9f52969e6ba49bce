// docs/admin-guide.md stays in step with what the app actually asks for: every resource-specific
// permission in the Teams manifest, every pre-authorised client and the app role are explained.
import { read } from './infraText';

const guide = read('docs/admin-guide.md');

test('explains every resource-specific permission the Teams manifest requests, with its type', () => {
  const manifest = JSON.parse(read('appPackage/manifest.json')) as {
    authorization?: { permissions?: { resourceSpecific?: Array<{ name: string; type: string }> } };
  };
  const rsc = manifest.authorization?.permissions?.resourceSpecific ?? [];
  expect(rsc.map((p) => p.name).sort()).toEqual(['MeetingStage.Write.Chat', 'OnlineMeeting.ReadBasic.Chat']);
  for (const { name, type } of rsc) {
    const row = guide.split('\n').find((line) => line.startsWith(`| \`${name}\``));
    expect({ name, row: row !== undefined }).toEqual({ name, row: true });
    expect(row!.toLowerCase()).toContain(type.toLowerCase());
  }
});

test('lists exactly the client ids aad.manifest.json pre-authorises', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as { api: { preAuthorizedApplications: Array<{ appId: string }> } };
  const section = guide.slice(guide.indexOf('## 4.'), guide.indexOf('## 5.'));
  const listed = [...new Set(section.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])];
  expect(listed.sort()).toEqual(aad.api.preAuthorizedApplications.map((p) => p.appId).sort());
});

test('tells how to assign the app role by its display name and value', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as { appRoles: Array<{ value: string; displayName: string }> };
  for (const role of aad.appRoles) {
    expect(guide).toContain(`\`${role.value}\``);
    expect(guide).toContain(`*${role.displayName}*`);
  }
  const section = guide.slice(guide.indexOf('## 5.'), guide.indexOf('## 6.'));
  expect(section.indexOf('**Enterprise applications**')).toBeGreaterThan(0);
  expect(section.indexOf('**Users and groups**')).toBeGreaterThan(section.indexOf('**Enterprise applications**'));
});
