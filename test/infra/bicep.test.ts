// infra/*.bicep read as text (no Bicep compiler offline): the store's containers, the server's
// configuration variables, the security switches, documented parameters and consistent modules.
import path from 'node:path';
import { loadConfig } from '../../bot/src/config';
import { CONTAINERS } from '../../bot/src/store/database';
import {
  appSettings,
  bicepFiles,
  bicepModules,
  bicepOutputs,
  bicepParams,
  bicepResources,
  block,
  configVariables,
  enclosed,
  exists,
  read,
  stripComments,
} from './infraText';

const main = read('infra/azure.bicep');
const cosmos = read('infra/modules/cosmos.bicep');
const appService = read('infra/modules/appService.bicep');
const bot = read('infra/modules/bot.bicep');
const keyVault = read('infra/modules/keyVault.bicep');

const resource = (source: string, type: string) => {
  const found = bicepResources(source).filter((r) => r.type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** Set by the platform or read by a library rather than by config.ts. */
const PLATFORM_SETTING = /^(WEBSITE_|SCM_)/;
const LIBRARY_SETTINGS = new Set(['AZURE_CLIENT_ID']); // @azure/identity's DefaultAzureCredential

const literal = (value: string) => {
  const m = /^'([^'$]*)'$/.exec(value);
  return m ? m[1] : undefined;
};

describe('Cosmos DB', () => {
  test('declares exactly the containers and partition keys of CONTAINERS in bot/src/store/database.ts', () => {
    const list = enclosed(cosmos, cosmos.indexOf('[', cosmos.indexOf('var containers =')));
    const declared = [...list.matchAll(/id:\s*'([^']+)'\s*\n\s*partitionKey:\s*'([^']+)'/g)].map((m) => ({
      id: m[1],
      partitionKey: m[2],
    }));
    const expected = Object.values(CONTAINERS).map((c) => ({ id: c.id, partitionKey: c.partitionKey }));
    const byId = (a: { id?: string }, b: { id?: string }) => (a.id ?? '').localeCompare(b.id ?? '');
    expect(declared.sort(byId)).toEqual(expected.sort(byId));
    // ...and every container is created from that list, with its partition key as the only path.
    const containers = resource(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    expect(stripComments(cosmos)).toMatch(/resource container '[^']+' = \[for c in containers: \{/);
    expect(containers.body).toMatch(/\bid: c\.id\b/);
    expect(block(containers.body, 'paths').trim()).toBe('c.partitionKey');
  });

  test('Idempotency-Key records expire after a day (container TTL); every other container keeps its items', () => {
    const list = enclosed(cosmos, cosmos.indexOf('[', cosmos.indexOf('var containers =')));
    const ttls = Object.fromEntries(
      [...list.matchAll(/id:\s*'([^']+)'\s*\n\s*partitionKey:\s*'[^']+'\s*\n\s*defaultTtl:\s*(-?\d+)/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect(ttls).toEqual(
      Object.fromEntries(Object.values(CONTAINERS).map((c) => [c.id, c.id === 'idempotency' ? 86400 : -1])),
    );
    expect(resource(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers').body).toMatch(
      /\bdefaultTtl: c\.defaultTtl\b/,
    );
  });

  test("the database name defaults to the server's own default", () => {
    const param = bicepParams(main).find((p) => p.name === 'cosmosDatabaseName');
    expect(param?.defaultValue).toBe(`'${loadConfig({}).store.database}'`);
    expect(bicepModules(main).find((m) => m.symbol === 'cosmos')?.params).toContainEqual({
      key: 'databaseName',
      value: 'cosmosDatabaseName',
    });
  });

  test('key auth is disabled, serverless by default, autoscale as a parameter, continuous backup (7 days by default)', () => {
    const account = resource(cosmos, 'Microsoft.DocumentDB/databaseAccounts');
    expect(account.body).toMatch(/^\s*disableLocalAuth: true$/m);
    expect(account.body).toMatch(/^\s*minimalTlsVersion: 'Tls12'$/m);
    expect(account.body).toMatch(/capabilities: serverless \? \[\s*\{\s*name: 'EnableServerless'\s*\}\s*\] : \[\]/);
    expect(cosmos).toMatch(/^var serverless = capacityMode == 'Serverless'$/m);
    const database = resource(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
    expect(database.body).toMatch(/autoscaleSettings: \{\s*maxThroughput: autoscaleMaxThroughput\s*\}/);
    const mainParams = bicepParams(main);
    expect(mainParams.find((p) => p.name === 'cosmosCapacityMode')?.defaultValue).toBe("'Serverless'");
    expect(mainParams.find((p) => p.name === 'cosmosBackupTier')?.defaultValue).toBe("'Continuous7Days'");
    expect(block(account.body, 'backupPolicy')).toMatch(
      /^\s*type: 'Continuous'\s*continuousModeProperties: \{\s*tier: backupTier\s*\}\s*$/,
    );
    expect(account.body).not.toMatch(/Periodic/);
  });

  test('the app identity gets the Cosmos DB Built-in Data Contributor data-plane role', () => {
    const assignment = resource(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(cosmos).toMatch(/^var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'$/m);
    expect(assignment.body).toMatch(
      /roleDefinitionId: '\$\{account\.id\}\/sqlRoleDefinitions\/\$\{dataContributorRoleId\}'/,
    );
    expect(assignment.body).toMatch(/principalId: dataContributorPrincipalId/);
    expect(bicepModules(main).find((m) => m.symbol === 'cosmos')?.params).toContainEqual({
      key: 'dataContributorPrincipalId',
      value: 'identity.properties.principalId',
    });
  });
});

describe('App Service', () => {
  test('every app setting is a variable bot/src/config.ts reads (or AZURE_CLIENT_ID / a platform setting)', () => {
    const known = configVariables();
    const unknown = appSettings()
      .map((s) => s.key)
      .filter((k) => !known.has(k) && !LIBRARY_SETTINGS.has(k) && !PLATFORM_SETTING.test(k));
    expect(unknown).toEqual([]);
  });

  test('sets what production requires: NODE_ENV=production, Entra, Cosmos DB, the bot and JOBS_SECRET from Key Vault', () => {
    const settings = new Map(appSettings().map((s) => [s.key, s.value]));
    expect(literal(settings.get('NODE_ENV') ?? '')).toBe('production');
    for (const name of [
      'ENTRA_CLIENT_ID',
      'COSMOS_ENDPOINT',
      'COSMOS_DATABASE',
      'BOT_APP_ID',
      'BOT_TENANT_ID',
      'PUBLIC_URL',
      'AZURE_CLIENT_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
    ])
      expect(settings.get(name) ?? '').not.toBe('');
    expect(settings.get('JOBS_SECRET')).toBe("'@Microsoft.KeyVault(SecretUri=${jobsSecretUri})'");
    expect(literal(settings.get('SEED_DEMO_DATA') ?? '')).toBe('false');
    // The bot authenticates as the same managed identity DefaultAzureCredential uses for Cosmos DB.
    expect(settings.get('BOT_APP_ID')).toBe('identityClientId');
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identityClientId');
    expect(literal(settings.get('BOT_APP_TYPE') ?? '')).toBe('UserAssignedMSI');
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
  });

  test('the settings as App Service resolves them give a valid production configuration', () => {
    // Sample values for the Bicep identifiers the settings use; PORT is set by App Service.
    const clientId = '2a7b9c1d-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
    const identityClientId = '8d3e5f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a';
    const tenantId = '0d0d0d0d-0000-4000-8000-000000000001';
    const secret = 'f'.repeat(64);
    const samples: Record<string, string> = {
      hostName: 'rmexample.azurewebsites.net',
      entraClientId: clientId,
      entraAllowedTenants: tenantId,
      cosmosEndpoint: 'https://rmexample-cosmos.documents.azure.com:443/',
      cosmosDatabaseName: 'reverse-mentoring',
      identityClientId,
      identityTenantId: tenantId,
      jobsSecretUri: 'https://rmexample-kv.vault.azure.net/secrets/jobs-secret',
      appInsightsConnectionString:
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/',
      teamsAppId: '5c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      // The default: the server finds the catalogue id itself.
      teamsAppCatalogId: '',
    };
    const evaluate = (value: string): string => {
      const ref = (name: string) => {
        if (!(name in samples)) throw new Error(`no sample value for ${name}`);
        return samples[name]!;
      };
      if (/^[A-Za-z_]\w*$/.test(value)) return ref(value);
      if (value === "''") return '';
      const m = /^'(.*)'$/.exec(value);
      if (!m) throw new Error(`cannot evaluate ${value}`);
      return m[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => ref(name));
    };
    const env: Record<string, string> = { PORT: '8080' };
    for (const { key, value } of appSettings()) env[key] = evaluate(value);
    // App Service replaces a Key Vault reference with the secret's value.
    expect(env.JOBS_SECRET).toBe(`@Microsoft.KeyVault(SecretUri=${samples.jobsSecretUri})`);
    env.JOBS_SECRET = secret;

    const config = loadConfig(env);
    expect(config.env).toBe('production');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('https://rmexample.azurewebsites.net');
    expect(config.store).toEqual(
      expect.objectContaining({ kind: 'cosmos', endpoint: samples.cosmosEndpoint, database: 'reverse-mentoring' }),
    );
    expect(config.store).not.toHaveProperty('key', expect.anything());
    expect(config.auth).toEqual(
      expect.objectContaining({
        mode: 'entra',
        clientId,
        appIdUri: `api://rmexample.azurewebsites.net/${clientId}`,
        allowedTenants: [tenantId],
      }),
    );
    expect(config.bot).toEqual(
      expect.objectContaining({ appId: identityClientId, appType: 'UserAssignedMSI', tenantId }),
    );
    expect(config.bot.appPassword).toBeUndefined();
    expect(config.jobsSecret).toBe(secret);
    expect(config.seedDemoData).toBe(false);
    // Microsoft Graph without a secret: the Entra app's federated credential from the same identity, for
    // the admin's directory (on-behalf-of) and for installing the app (application permission).
    const federated = { clientId, kind: 'managedIdentity', managedIdentityClientId: identityClientId };
    expect(config.graph?.credential).toEqual(federated);
    expect(config.reminders.proactiveInstall).toEqual({
      teamsAppId: samples.teamsAppId,
      graphBaseUrl: 'https://graph.microsoft.com',
      credential: federated,
    });
  });

  test('Linux Node LTS, HTTPS only, TLS 1.2, FTP off, always on, health check, the image start command', () => {
    const site = resource(appService, 'Microsoft.Web/sites');
    expect(site.body).toMatch(/^\s*httpsOnly: true$/m);
    expect(site.body).toMatch(/^\s*kind: 'app,linux'$/m);
    const siteConfig = block(site.body, 'siteConfig');
    expect(siteConfig).toMatch(/^\s*linuxFxVersion: linuxFxVersion$/m);
    // The current Node.js Active LTS as App Service's Linux stacks name it; the maintenance LTS as the alternative.
    const runtime = bicepParams(main).find((p) => p.name === 'nodeRuntime')!;
    expect(runtime.defaultValue).toBe("'NODE|26'");
    expect(runtime.decorators.find((d) => d.startsWith('@allowed'))?.match(/'[^']+'/g)).toEqual([
      "'NODE|26'",
      "'NODE|24-lts'",
    ]);
    expect(bicepModules(main).find((m) => m.symbol === 'appService')?.params).toContainEqual({
      key: 'linuxFxVersion',
      value: 'nodeRuntime',
    });
    expect(siteConfig).toMatch(/^\s*minTlsVersion: '1\.2'$/m);
    expect(siteConfig).toMatch(/^\s*ftpsState: 'Disabled'$/m);
    expect(siteConfig).toMatch(/^\s*alwaysOn: true$/m);
    expect(siteConfig).toMatch(/^\s*healthCheckPath: '\/api\/health'$/m);
    // App Service starts the server exactly as the image does (same node flags, same entry point).
    const imageCmd = JSON.parse(/^CMD (\[.*\])$/m.exec(read('Dockerfile'))![1]!) as string[];
    expect(/^\s*appCommandLine: '(.*)'$/m.exec(siteConfig)?.[1]).toBe(imageCmd.join(' '));
    expect(resource(appService, 'Microsoft.Web/serverfarms').body).toMatch(/^\s*reserved: true$/m);
    const basicAuth = bicepResources(appService).filter(
      (r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
    );
    expect(basicAuth.map((r) => /name: '(\w+)'/.exec(r.body)?.[1]).sort()).toEqual(['ftp', 'scm']);
    for (const r of basicAuth) expect(r.body).toMatch(/allow: false/);
  });

  test('runs as the user-assigned identity, which also resolves Key Vault references', () => {
    const site = resource(appService, 'Microsoft.Web/sites');
    expect(block(site.body, 'identity')).toMatch(/type: 'UserAssigned'/);
    expect(site.body).toMatch(/keyVaultReferenceIdentity: identityResourceId/);
    expect(keyVault).toMatch(/enableRbacAuthorization: true/);
    const assignment = resource(keyVault, 'Microsoft.Authorization/roleAssignments');
    expect(assignment.body).toMatch(/^\s*scope: secret$/m);
    expect(keyVault).toMatch(/'4633458b-17de-408a-b874-0445c86b69e6'/); // Key Vault Secrets User
  });
});

describe('Azure Bot', () => {
  test('points at https://<app host>/api/messages and has the Teams channel', () => {
    const service = resource(bot, 'Microsoft.BotService/botServices');
    expect(service.body).toMatch(/endpoint: 'https:\/\/\$\{appHostName\}\/api\/messages'/);
    expect(service.body).toMatch(/msaAppMSIResourceId: identityResourceId/);
    const channel = resource(bot, 'Microsoft.BotService/botServices/channels');
    expect(channel.body).toMatch(/name: 'MsTeamsChannel'/);
    expect(channel.body).toMatch(/channelName: 'MsTeamsChannel'/);
    const call = bicepModules(main).find((m) => m.symbol === 'bot');
    expect(call?.params).toContainEqual({ key: 'appHostName', value: 'appService.outputs.hostName' });
    expect(call?.params).toContainEqual({ key: 'identityClientId', value: 'identity.properties.clientId' });
    expect(bicepOutputs(main)).toContain('BOT_ID');
    expect(main).toMatch(/^output BOT_ID string = identity\.properties\.clientId$/m);
  });
});

describe('templates', () => {
  test('every param of every template has a @description', () => {
    const undocumented: string[] = [];
    let count = 0;
    for (const file of bicepFiles()) {
      for (const p of bicepParams(read(file))) {
        count++;
        if (!p.decorators.some((d) => /^@description\('.+'\)$/s.test(d))) undocumented.push(`${file}: ${p.name}`);
      }
    }
    expect(count).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });

  test('params are only declared at the top level (the parser sees every one)', () => {
    for (const file of bicepFiles()) {
      const declared = stripComments(read(file)).match(/^\s*param\s/gm) ?? [];
      expect(bicepParams(read(file))).toHaveLength(declared.length);
    }
  });

  test('modules exist, are all used, and receive exactly their params', () => {
    const modules = bicepModules(main);
    const used = modules.map((m) => path.posix.join('infra', m.path));
    expect(used.sort()).toEqual(
      bicepFiles()
        .filter((f) => f !== 'infra/azure.bicep')
        .sort(),
    );
    for (const m of modules) {
      const file = path.posix.join('infra', m.path);
      expect(exists(file)).toBe(true);
      const declared = bicepParams(read(file));
      const passed = m.params.map((p) => p.key);
      expect({ module: m.symbol, unknown: passed.filter((k) => !declared.some((d) => d.name === k)) }).toEqual({
        module: m.symbol,
        unknown: [],
      });
      const required = declared.filter((d) => d.defaultValue === undefined).map((d) => d.name);
      expect({ module: m.symbol, missing: required.filter((k) => !passed.includes(k)) }).toEqual({
        module: m.symbol,
        missing: [],
      });
      // Every `<module>.outputs.<name>` used in the main template is an output of that module.
      const outputs = bicepOutputs(read(file));
      for (const ref of main.matchAll(new RegExp(`\\b${m.symbol}\\.outputs\\.(\\w+)`, 'g')))
        expect(outputs).toContain(ref[1]);
    }
  });

  test('azure.parameters.json names only params of azure.bicep and gives every required one', () => {
    const file = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> };
    const declared = bicepParams(main);
    const given = Object.keys(file.parameters);
    expect(given.filter((k) => !declared.some((d) => d.name === k))).toEqual([]);
    expect(
      declared
        .filter((d) => d.defaultValue === undefined)
        .map((d) => d.name)
        .filter((k) => !given.includes(k)),
    ).toEqual([]);
    for (const { value } of Object.values(file.parameters)) expect(value).toEqual(expect.anything());
  });

  test('the secure jobs secret has a random default of at least 32 characters', () => {
    const param = bicepParams(main).find((p) => p.name === 'jobsSecret');
    expect(param?.decorators).toContain('@secure()');
    expect(param?.defaultValue).toMatch(/newGuid\(\).*newGuid\(\)/);
    expect(param?.decorators).toContain('@minLength(32)');
  });

  test('outputs the names the Teams manifest and the deploy stage use', () => {
    expect(bicepOutputs(main)).toEqual(
      expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_ID']),
    );
    expect(main).toMatch(/^output TAB_DOMAIN string = appService\.outputs\.hostName$/m);
    expect(main).toMatch(/^output TAB_ENDPOINT string = 'https:\/\/\$\{appService\.outputs\.hostName\}'$/m);
    // The Application ID URI the server accepts is the one aad.manifest.json registers.
    expect(appService).toMatch(/ENTRA_APP_ID_URI: 'api:\/\/\$\{hostName\}\/\$\{entraClientId\}'/);
  });
});
