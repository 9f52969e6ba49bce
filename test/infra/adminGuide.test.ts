// docs/admin-guide.md stays in step with what the app actually asks for: every resource-specific
// permission in the Teams manifest, every pre-authorised client and the app role are explained.
import { APPLICATION_PERMISSIONS, DELEGATED_PERMISSIONS, GRAPH_PERMISSIONS } from '../../bot/src/graph/permissions';
import { bicepParams, read } from './infraText';

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

test('explains every Microsoft Graph permission the app registration asks for, with its type, and nothing it does not ask for', () => {
  const section = guide.slice(guide.indexOf('## 4.'), guide.indexOf('## 5.'));
  const rows = section.split('\n').filter((line) => line.startsWith('| Microsoft Graph `'));
  const listed = rows
    .map((row) => /^\| Microsoft Graph `([^`]+)` \| (delegated|application) \|/.exec(row)?.slice(1, 3).join(' '))
    .sort();
  expect(listed).toEqual(GRAPH_PERMISSIONS.map((p) => `${p.value} ${p.type}`).sort());
  // Section 3 shows what npm run entra:grant prints, one line per consent step.
  const grantOutput = /```\n(✓ admin consent:[\s\S]*?)```/.exec(guide)?.[1] ?? '';
  expect(grantOutput.trim().split('\n')).toEqual([
    `✓ admin consent: delegated ${DELEGATED_PERMISSIONS.join(', ')}: granted for all users`,
    ...APPLICATION_PERMISSIONS.map((p) => `✓ admin consent: application ${p}: assigned`),
  ]);
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

describe('the rollout path', () => {
  const checklist = guide.slice(guide.indexOf('## Checklist'), guide.indexOf('## 1.'));
  const items = checklist.split('\n- [ ] ').slice(1);

  test('a checklist from an empty subscription to every participant with the app, in order, each step with its role', () => {
    expect(items.length).toBeGreaterThanOrEqual(12);
    const order = [
      'az group create',
      'az bicep build',
      'atk provision',
      'atk deploy',
      'npm run entra:grant',
      'Programme administrator',
      'Let users interact with custom apps',
      'atk publish',
      'Assignments',
      'pre-approve',
      'Make the app available to all participants',
      'Pinned apps',
    ];
    const positions = order.map((text) => items.findIndex((item) => item.includes(text)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const item of items)
      expect({ item: item.slice(0, 40), role: /\*\([^)]*\)\*\s*$/.test(item.trim()) }).toEqual({
        item: item.slice(0, 40),
        role: true,
      });
  });

  test('states the toolkit version the project file is checked against, and the Bicep compiler it downloads', () => {
    const yml = read('m365agents.yml');
    const version = /toolkit CLI (\d+\.\d+\.\d+) or later/.exec(yml)?.[1];
    expect(version).toBeDefined();
    expect(guide).toContain(`Agents Toolkit CLI ${version} or later`);
    expect(read('infra/README.md')).toContain(`CLI ${version} or later`);
  });

  test('the what-if before the first provision passes every parameter the template requires', () => {
    const command = /```bash\n(az deployment group what-if[^`]+)```/.exec(guide)?.[1] ?? '';
    expect(command).toContain('--template-file infra/azure.bicep');
    const required = bicepParams(read('infra/azure.bicep'))
      .filter((p) => p.defaultValue === undefined)
      .map((p) => p.name);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect({ name, passed: command.includes(`${name}=`) }).toEqual({ name, passed: true });
  });

  test('names the roles truthfully: Graph application permissions only by a Privileged Role Administrator or Global Administrator', () => {
    for (const line of guide
      .split('\n')
      .filter((l) => l.includes('TeamsAppInstallation.ReadWriteSelfForUser.All') && /Administrator/.test(l))) {
      expect(line).toMatch(/Privileged Role Administrator/);
      expect(line.replace(/Cloud and Application Administrators cannot[^.]*\./, '')).not.toMatch(
        /Cloud Application Administrator|Application Administrator\b(?! or Global)/,
      );
    }
    expect(guide).toMatch(/Cloud and Application Administrators cannot grant Microsoft Graph application permissions/);
  });

  test('today’s Teams admin center: per-app assignments, the custom-apps setting, and a meeting pre-approval for this app instead of consent for every app', () => {
    expect(guide).toContain('**Assignments**');
    expect(guide).toContain('*Let users interact with custom apps*');
    expect(guide).toContain(
      "New-MgBetaTeamAppPreApproval -TeamsAppId $app.Id -ResourceSpecificApplicationPermissionsAllowedForChats @('OnlineMeeting.ReadBasic.Chat')",
    );
    expect(guide).not.toMatch(/-State EnabledForAllApps/);
    // No secret to create, and no hand-made app setting: the federated credential replaces ENTRA_CLIENT_SECRET.
    expect(guide).not.toMatch(/ENTRA_CLIENT_SECRET/);
  });
});

describe('the key pages in other languages (docs/admin-guide.<lang>.md)', () => {
  const LANGUAGES = ['de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ko', 'ar', 'he'];
  const checklistOf = (text: string) => {
    const start = text.indexOf('\n## ');
    const end = text.indexOf('\n## ', start + 1);
    return text.slice(start, end).split('\n- [ ] ').slice(1);
  };
  const codeIn = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const english = checklistOf(guide);

  test('the English guide links every translation', () => {
    for (const lang of LANGUAGES) expect(guide).toContain(`](admin-guide.${lang}.md)`);
  });

  test.each(LANGUAGES)(
    '%s: the checklist has every step of the English one, in order, with the same commands and a role each; it links back',
    (lang) => {
      const page = read(`docs/admin-guide.${lang}.md`);
      expect(page).toContain('](admin-guide.md)');
      const items = checklistOf(page);
      expect(items).toHaveLength(english.length);
      items.forEach((item, i) => {
        expect({ step: i + 1, code: codeIn(item) }).toEqual({ step: i + 1, code: codeIn(english[i]!) });
        expect({ step: i + 1, role: /\*\([^)]*\)\*\s*$/.test(item.trim()) }).toEqual({ step: i + 1, role: true });
      });
      // The rollout and what participants see: the commands people type and the rollout's button, untranslated.
      for (const words of [
        '**Make the app available to all participants**',
        '`settings`',
        '`snooze`',
        '**Pinned apps**',
      ])
        expect({ lang, words, found: page.includes(words) }).toEqual({ lang, words, found: true });
      expect(page.split('\n').filter((line) => line.startsWith('## '))).toHaveLength(3);
    },
  );
});
