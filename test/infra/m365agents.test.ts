// m365agents.yml: parses, has the lifecycle the issue asks for, uses each action with the inputs the
// Agents Toolkit's v1.x schema allows, references files that exist, and never uses a variable
// before an earlier action (or the environment file) has set it.
import { parse } from 'yaml';
import { bicepOutputs, exists, placeholders, read } from './infraText';

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy: Action[];
  publish: Action[];
}

const project = parse(read('m365agents.yml')) as ProjectFile;

/**
 * Inputs of the actions this project uses, as the toolkit's yaml schema v1.11 defines them
 * (https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json): allowed `with` keys, the required
 * ones, and the allowed and required `writeToEnvironmentFile` keys. An action not listed fails.
 */
const ACTIONS: Record<string, { with: string[]; required: string[]; writes?: string[]; requiredWrites?: string[] }> = {
  'teamsApp/create': { with: ['name'], required: ['name'], writes: ['teamsAppId'], requiredWrites: ['teamsAppId'] },
  'aadApp/create': {
    with: ['name', 'generateClientSecret', 'generateServicePrincipal', 'signInAudience', 'serviceManagementReference', 'clientSecretExpireDays', 'clientSecretDescription', 'uniqueName'],
    required: ['name', 'generateClientSecret', 'signInAudience'],
    writes: ['clientId', 'objectId', 'clientSecret', 'tenantId', 'authority', 'authorityHost'],
    requiredWrites: ['clientId', 'objectId'],
  },
  'aadApp/update': { with: ['manifestPath', 'outputFilePath'], required: ['manifestPath', 'outputFilePath'] },
  'arm/deploy': { with: ['subscriptionId', 'resourceGroupName', 'templates', 'bicepCliVersion'], required: ['subscriptionId', 'resourceGroupName', 'templates'] },
  'teamsApp/validateManifest': { with: ['manifestPath'], required: ['manifestPath'] },
  'teamsApp/zipAppPackage': { with: ['manifestPath', 'outputZipPath', 'outputFolder'], required: ['manifestPath', 'outputZipPath', 'outputFolder'] },
  'teamsApp/validateAppPackage': { with: ['appPackagePath'], required: ['appPackagePath'] },
  'teamsApp/update': { with: ['appPackagePath'], required: ['appPackagePath'] },
  'teamsApp/publishAppPackage': { with: ['appPackagePath'], required: ['appPackagePath'], writes: ['publishedAppId'], requiredWrites: ['publishedAppId'] },
  'cli/runNpmCommand': { with: ['args', 'workingDirectory'], required: ['args'] },
  'azureAppService/zipDeploy': {
    with: ['artifactFolder', 'resourceId', 'workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile'],
    required: ['artifactFolder', 'resourceId'],
  },
};

const PACKAGE = './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip';
const stages = ['provision', 'deploy', 'publish'] as const;
const uses = (actions: Action[]) => actions.map((a) => a.uses);
const file = (p: unknown) => String(p).replace(/^\.\//, '');

test('parses as YAML with a v1.x schema version and the three lifecycle stages', () => {
  expect(project.version).toMatch(/^v1\.\d+$/);
  expect(read('m365agents.yml')).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`);
  expect(project.environmentFolderPath).toBe('./env');
  expect(Object.keys(project).sort()).toEqual(['deploy', 'environmentFolderPath', 'provision', 'publish', 'version']);
  for (const stage of stages) expect(project[stage].length).toBeGreaterThan(0);
});

test('every action is used with the inputs its schema allows and requires', () => {
  for (const stage of stages) {
    for (const action of project[stage]) {
      const spec = ACTIONS[action.uses];
      expect({ stage, uses: action.uses, known: spec !== undefined }).toEqual({ stage, uses: action.uses, known: true });
      expect(Object.keys(action).filter((k) => !['uses', 'name', 'with', 'env', 'writeToEnvironmentFile'].includes(k))).toEqual([]);
      const given = Object.keys(action.with ?? {});
      expect({ uses: action.uses, unknown: given.filter((k) => !spec!.with.includes(k)) }).toEqual({ uses: action.uses, unknown: [] });
      expect({ uses: action.uses, missing: spec!.required.filter((k) => !given.includes(k)) }).toEqual({ uses: action.uses, missing: [] });
      const writes = Object.keys(action.writeToEnvironmentFile ?? {});
      expect(writes.filter((k) => !(spec!.writes ?? []).includes(k))).toEqual([]);
      expect((spec!.requiredWrites ?? []).filter((k) => !writes.includes(k))).toEqual([]);
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {})) expect(variable).toMatch(/^[A-Z_][A-Z0-9_]*$/);
    }
  }
});

test('provision: Teams app, Entra app, Azure resources, Entra manifest, then the validated package', () => {
  const order = uses(project.provision);
  const expected = [
    'teamsApp/create',
    'aadApp/create',
    'arm/deploy',
    'aadApp/update',
    'teamsApp/validateManifest',
    'teamsApp/zipAppPackage',
    'teamsApp/validateAppPackage',
    'teamsApp/update',
  ];
  expect(order).toEqual(expected);
  const aad = project.provision.find((a) => a.uses === 'aadApp/create')!;
  expect(aad.with).toEqual(expect.objectContaining({ generateClientSecret: false, signInAudience: 'AzureADMyOrg', generateServicePrincipal: true }));
  expect(aad.writeToEnvironmentFile).toEqual(expect.objectContaining({ clientId: 'AAD_APP_CLIENT_ID', objectId: 'AAD_APP_OBJECT_ID', tenantId: 'AAD_APP_TENANT_ID' }));
  expect(project.provision.find((a) => a.uses === 'teamsApp/create')!.writeToEnvironmentFile).toEqual({ teamsAppId: 'TEAMS_APP_ID' });
  const arm = project.provision.find((a) => a.uses === 'arm/deploy')!;
  expect(arm.with?.templates).toEqual([expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' })]);
  expect(project.provision.find((a) => a.uses === 'aadApp/update')!.with?.manifestPath).toBe('./aad.manifest.json');
  const zip = project.provision.find((a) => a.uses === 'teamsApp/zipAppPackage')!;
  expect(zip.with).toEqual({ manifestPath: './appPackage/manifest.json', outputZipPath: PACKAGE, outputFolder: './appPackage/build' });
});

test('deploy: npm install, build the tab, zip-deploy to the App Service from the Bicep outputs', () => {
  const [install, build, zip, ...rest] = project.deploy;
  expect(rest).toEqual([]);
  expect(install?.uses).toBe('cli/runNpmCommand');
  expect(String(install?.with?.args)).toMatch(/^(ci|install)\b/);
  expect(build?.uses).toBe('cli/runNpmCommand');
  expect(build?.with?.args).toBe('run build:tab');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  expect(scripts['build:tab']).toEqual(expect.any(String));
  expect(zip?.uses).toBe('azureAppService/zipDeploy');
  expect(zip?.with).toEqual(expect.objectContaining({ artifactFolder: '.', resourceId: '${{AZURE_APP_SERVICE_RESOURCE_ID}}' }));
  expect(bicepOutputs(read('infra/azure.bicep'))).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
});

test('publish: rebuild and validate the package, then submit it to the organisation catalogue', () => {
  expect(uses(project.publish)).toEqual([
    'teamsApp/validateManifest',
    'teamsApp/zipAppPackage',
    'teamsApp/validateAppPackage',
    'teamsApp/update',
    'teamsApp/publishAppPackage',
  ]);
  for (const action of project.publish.filter((a) => a.with && 'appPackagePath' in a.with)) expect(action.with?.appPackagePath).toBe(PACKAGE);
});

test('references files that exist', () => {
  const referenced = new Set<string>();
  for (const stage of stages) {
    for (const action of project[stage]) {
      const w = action.with ?? {};
      for (const key of ['manifestPath', 'ignoreFile']) if (key in w) referenced.add(file(w[key]));
      if (action.uses === 'arm/deploy') {
        for (const t of w.templates as Array<{ path: string; parameters?: string }>) {
          referenced.add(file(t.path));
          if (t.parameters) referenced.add(file(t.parameters));
        }
      }
    }
  }
  expect([...referenced].sort()).toEqual(
    ['aad.manifest.json', 'appPackage/manifest.json', 'infra/appservice.ignore', 'infra/azure.bicep', 'infra/azure.parameters.json'].sort(),
  );
  for (const f of referenced) expect({ file: f, exists: exists(f) }).toEqual({ file: f, exists: true });
});

test('no variable is used before an action or the environment file sets it', () => {
  // Set by the toolkit itself, or by env/.env.<env> (written by hand, not by an action).
  const known = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'APP_NAME_SUFFIX']);
  const unset = (text: string, where: string, also: string[] = []) =>
    placeholders(text).filter((v) => !known.has(v) && !also.includes(v)).map((v) => `${where}: ${v}`);
  const problems: string[] = [];
  for (const stage of stages) {
    for (const action of project[stage]) {
      problems.push(...unset(JSON.stringify(action), `${stage} ${action.uses}`));
      if (action.uses === 'arm/deploy') {
        for (const t of action.with!.templates as Array<{ path: string; parameters: string }>) {
          problems.push(...unset(read(file(t.parameters)), t.parameters));
          for (const output of bicepOutputs(read(file(t.path)))) known.add(output);
        }
      }
      // aadApp/update generates the scope id itself when it is empty.
      if (action.uses === 'aadApp/update') problems.push(...unset(read(file(action.with!.manifestPath)), 'aad.manifest.json', ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID']));
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {})) known.add(variable);
      // The variables shared with the Teams manifest are all set before the package is built.
      if (action.uses === 'teamsApp/zipAppPackage') {
        for (const shared of ['TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'APP_NAME_SUFFIX']) expect(known).toContain(shared);
        problems.push(...unset(read(file(action.with!.manifestPath)), 'appPackage/manifest.json'));
      }
    }
  }
  expect(problems).toEqual([]);
});
