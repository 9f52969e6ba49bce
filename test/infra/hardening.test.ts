// What a security review asks of infra/*.bicep, read as text: no data store open to every network (private
// endpoints, or firewall rules that admit only the app's subnet), every Key Vault reference readable by
// the identity's own role assignments and nothing more, every production setting of config.ts set by the
// template or documented as optional, the regional bot option, and the parser seeing every resource.
import {
  appSettings,
  bicepFiles,
  bicepModules,
  bicepParams,
  bicepResources,
  block,
  configVariables,
  read,
  resourceStatementCount,
} from './infraText';

const main = read('infra/azure.bicep');
const cosmos = read('infra/modules/cosmos.bicep');
const keyVault = read('infra/modules/keyVault.bicep');
const appService = read('infra/modules/appService.bicep');
const network = read('infra/modules/network.bicep');
const bot = read('infra/modules/bot.bicep');
const infraReadme = read('infra/README.md');

const one = (source: string, type: string) => {
  const found = bicepResources(source).filter((r) => r.type === type);
  expect({ type, count: found.length }).toEqual({ type, count: 1 });
  return found[0]!;
};
const moduleParams = (symbol: string) =>
  new Map(
    bicepModules(main)
      .find((m) => m.symbol === symbol)!
      .params.map((p) => [p.key, p.value]),
  );

test('the parser sees every resource of every template', () => {
  for (const file of bicepFiles())
    expect({ file, parsed: bicepResources(read(file)).length }).toEqual({
      file,
      parsed: resourceStatementCount(read(file)),
    });
});

describe('network isolation', () => {
  test('one switch for both data stores: Firewall by default, PrivateEndpoints as the option', () => {
    const param = bicepParams(main).find((p) => p.name === 'networkIsolation')!;
    expect(param.defaultValue).toBe("'Firewall'");
    expect(
      param.decorators
        .find((d) => d.startsWith('@allowed'))
        ?.match(/'[^']+'/g)
        ?.sort(),
    ).toEqual(["'Firewall'", "'PrivateEndpoints'"]);
    for (const symbol of ['cosmos', 'keyVault']) {
      const params = moduleParams(symbol);
      expect(params.get('networkMode')).toBe('networkIsolation');
      expect(params.get('appSubnetId')).toBe('network.outputs.appSubnetId');
      expect(params.get('privateEndpointSubnetId')).toBe('network.outputs.privateEndpointSubnetId');
    }
    expect(moduleParams('network').get('mode')).toBe('networkIsolation');
  });

  test('Cosmos DB: public access off with private endpoints, else only the app subnet and the listed addresses', () => {
    const account = one(cosmos, 'Microsoft.DocumentDB/databaseAccounts');
    expect(cosmos).toMatch(/^var privateOnly = networkMode == 'PrivateEndpoints'$/m);
    expect(account.body).toMatch(/^\s*publicNetworkAccess: privateOnly \? 'Disabled' : 'Enabled'$/m);
    expect(account.body).toMatch(/^\s*isVirtualNetworkFilterEnabled: !privateOnly$/m);
    expect(account.body).toMatch(
      /virtualNetworkRules: privateOnly \? \[\] : \[\s*\{\s*id: appSubnetId\s+ignoreMissingVNetServiceEndpoint: false\s*\}\s*\]/,
    );
    expect(account.body).toMatch(/ipRules: privateOnly \? \[\] : map\(allowedIpRanges,/);
    expect(account.body).toMatch(/^\s*networkAclBypass: 'None'$/m);
    const endpoint = one(cosmos, 'Microsoft.Network/privateEndpoints');
    expect(endpoint.condition).toBe('privateOnly');
    expect(endpoint.body).toMatch(/privateLinkServiceId: account\.id/);
    expect(block(endpoint.body, 'groupIds').trim()).toBe("'Sql'");
    expect(one(cosmos, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups').condition).toBe('privateOnly');
    expect(moduleParams('cosmos').get('privateDnsZoneId')).toBe('network.outputs.cosmosDnsZoneId');
  });

  test('Key Vault: deny by default; private endpoint, or the app subnet and the listed addresses', () => {
    const vault = one(keyVault, 'Microsoft.KeyVault/vaults');
    expect(vault.body).toMatch(/^\s*publicNetworkAccess: privateOnly \? 'Disabled' : 'Enabled'$/m);
    const acls = block(vault.body, 'networkAcls');
    expect(acls).toMatch(/^\s*defaultAction: 'Deny'$/m);
    expect(acls).toMatch(
      /virtualNetworkRules: privateOnly \? \[\] : \[\s*\{\s*id: appSubnetId\s+ignoreMissingVnetServiceEndpoint: false\s*\}\s*\]/,
    );
    expect(acls).toMatch(/ipRules: privateOnly \? \[\] : map\(allowedIpRanges,/);
    expect(vault.body).toMatch(/^\s*enableRbacAuthorization: true$/m);
    const endpoint = one(keyVault, 'Microsoft.Network/privateEndpoints');
    expect(endpoint.condition).toBe('privateOnly');
    expect(block(endpoint.body, 'groupIds').trim()).toBe("'vault'");
    expect(moduleParams('keyVault').get('privateDnsZoneId')).toBe('network.outputs.vaultDnsZoneId');
  });

  test('no resource of any template is open to every network', () => {
    for (const file of bicepFiles()) {
      for (const r of bicepResources(read(file))) {
        expect({
          file,
          resource: r.symbol,
          open: /publicNetworkAccess: 'Enabled'|defaultAction: 'Allow'/.test(r.body),
        }).toEqual({ file, resource: r.symbol, open: false });
      }
    }
  });

  test('the App Service joins the app subnet and routes all outbound traffic (Key Vault references too) through it', () => {
    const site = one(appService, 'Microsoft.Web/sites');
    expect(site.body).toMatch(/^\s*virtualNetworkSubnetId: subnetId$/m);
    expect(block(site.body, 'siteConfig')).toMatch(/^\s*vnetRouteAllEnabled: true$/m);
    expect(moduleParams('appService').get('subnetId')).toBe('network.outputs.appSubnetId');
  });

  test('the virtual network: app subnet delegated to App Service with service endpoints in Firewall mode; DNS zones only with private endpoints', () => {
    const vnet = one(network, 'Microsoft.Network/virtualNetworks');
    expect(vnet.body).toMatch(/serviceName: 'Microsoft\.Web\/serverFarms'/);
    expect(vnet.body).toMatch(
      /serviceEndpoints: privateEndpoints \? \[\] : \[\s*\{\s*service: 'Microsoft\.AzureCosmosDB'\s*\}\s*\{\s*service: 'Microsoft\.KeyVault'\s*\}\s*\]/,
    );
    const zones = bicepResources(network).filter((r) => r.type === 'Microsoft.Network/privateDnsZones');
    expect(zones.map((z) => z.condition)).toEqual(['privateEndpoints', 'privateEndpoints']);
    expect(network).toMatch(/^var cosmosZoneName = 'privatelink\.documents\.azure\.com'$/m);
    expect(network).toMatch(/^var vaultZoneName = 'privatelink\.vaultcore\.azure\.net'$/m);
    expect(
      bicepResources(network)
        .filter((r) => r.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks')
        .map((l) => l.condition),
    ).toEqual(['privateEndpoints', 'privateEndpoints']);
  });
});

describe('Key Vault references', () => {
  /** The secret names of every @Microsoft.KeyVault(SecretUri=…) app setting, resolved through the module outputs. */
  function referencedSecrets(): string[] {
    const references = appSettings().filter((s) => s.value.includes('@Microsoft.KeyVault('));
    expect(references.length).toBeGreaterThan(0);
    return references.map(({ value }) => {
      const uriParam = /SecretUri=\$\{(\w+)\}/.exec(value)?.[1];
      expect(uriParam).toBeDefined();
      // appService.bicep's param ← azure.bicep passes keyVault.outputs.<output> ← keyVault.bicep's output is <secret symbol>.properties.secretUri
      const output = /^keyVault\.outputs\.(\w+)$/.exec(moduleParams('appService').get(uriParam!) ?? '')?.[1];
      expect(output).toBeDefined();
      const symbol = new RegExp(`^output ${output} string = (\\w+)\\.properties\\.secretUri$`, 'm').exec(keyVault)?.[1];
      expect(symbol).toBeDefined();
      const secret = bicepResources(keyVault).find(
        (r) => r.symbol === symbol && r.type === 'Microsoft.KeyVault/vaults/secrets',
      );
      return /^\s*name: '([^']+)'$/m.exec(secret!.body)![1]!;
    });
  }

  test('each is readable by the identity the app resolves references with: Key Vault Secrets User on exactly that secret', () => {
    expect(appService).toMatch(/keyVaultReferenceIdentity: identityResourceId/);
    expect(moduleParams('appService').get('identityResourceId')).toBe('identity.id');
    expect(moduleParams('keyVault').get('secretReaderPrincipalId')).toBe('identity.properties.principalId');
    const assignments = bicepResources(keyVault).filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
    for (const name of referencedSecrets()) {
      const secret = bicepResources(keyVault).find(
        (r) => r.type === 'Microsoft.KeyVault/vaults/secrets' && new RegExp(`^\\s*name: '${name}'$`, 'm').test(r.body),
      )!;
      const readers = assignments.filter((a) => new RegExp(`^\\s*scope: ${secret.symbol}$`, 'm').test(a.body));
      expect({ secret: name, readers: readers.length }).toEqual({ secret: name, readers: 1 });
      expect(readers[0]!.body).toMatch(/principalId: secretReaderPrincipalId/);
      expect(readers[0]!.body).toMatch(
        /roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', secretsUserRoleId\)/,
      );
    }
    expect(keyVault).toMatch(/^var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'$/m);
    // Nothing broader: no assignment on the whole vault, and one per referenced secret.
    expect(assignments.filter((a) => /^\s*scope: vault$/m.test(a.body))).toEqual([]);
    expect(assignments).toHaveLength(referencedSecrets().length);
  });
});

describe('production settings', () => {
  /** infra/README.md's table of the settings the template leaves unset, each with why. */
  function documentedAsOptional(): Map<string, string> {
    const start = infraReadme.indexOf('### Settings the template leaves unset');
    expect(start).toBeGreaterThan(0);
    const section = infraReadme.slice(
      start,
      infraReadme.indexOf('\n## ', start) === -1 ? undefined : infraReadme.indexOf('\n## ', start),
    );
    return new Map([...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  }

  test('every variable config.ts reads is set by the template or documented as optional, with a reason, and not both', () => {
    const set = new Set(appSettings().map((s) => s.key));
    const optional = documentedAsOptional();
    const variables = [...configVariables()];
    expect(variables.filter((v) => !set.has(v) && !optional.has(v))).toEqual([]);
    expect(variables.filter((v) => set.has(v) && optional.has(v))).toEqual([]);
    expect([...optional.keys()].filter((v) => !configVariables().has(v))).toEqual([]);
    for (const [variable, reason] of optional)
      expect({ variable, reason: reason.length > 10 }).toEqual({ variable, reason: true });
  });
});

describe('Azure Bot', () => {
  test('global by default, regional (EU or India data residency) as an option, the Teams channel in the same place', () => {
    const param = bicepParams(main).find((p) => p.name === 'botLocation')!;
    expect(param.defaultValue).toBe("'global'");
    expect(param.decorators.find((d) => d.startsWith('@allowed'))?.match(/'[^']+'/g)).toEqual([
      "'global'",
      "'westeurope'",
      "'centralindia'",
    ]);
    expect(moduleParams('bot').get('location')).toBe('botLocation');
    expect(one(bot, 'Microsoft.BotService/botServices').body).toMatch(/^\s*location: location$/m);
    expect(one(bot, 'Microsoft.BotService/botServices/channels').body).toMatch(/^\s*location: location$/m);
  });
});
