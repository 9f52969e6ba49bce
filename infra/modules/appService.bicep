// Linux App Service (Node 20) running the Express server straight from TypeScript through tsx:
// HTTPS only, TLS 1.2, FTP and basic-auth publishing off, always on, health check on /api/health.
// App settings are named exactly as bot/src/config.ts reads them (test/infra checks each name).

@description('App Service plan name.')
param planName string

@description('Web app name; its default host name <name>.azurewebsites.net is the tab and bot domain.')
param siteName string

@description('Azure region of the plan and the app.')
param location string

@description('App Service plan SKU (B1 or above: always on is not available on Free or Shared).')
param sku string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityResourceId string

@description('Client id of that managed identity (AZURE_CLIENT_ID for DefaultAzureCredential, and BOT_APP_ID).')
param identityClientId string

@description('Entra tenant of that managed identity (BOT_TENANT_ID).')
param identityTenantId string

@description('Client id of the Entra app registration that exposes access_as_user (ENTRA_CLIENT_ID).')
param entraClientId string

@description('Tenant id allowed to sign in (ENTRA_ALLOWED_TENANTS); empty allows the tokens of any tenant the Entra app accepts.')
param entraAllowedTenants string

@description('Cosmos DB account endpoint (COSMOS_ENDPOINT).')
param cosmosEndpoint string

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string

@description('Versionless Key Vault URI of the jobs secret (JOBS_SECRET is a Key Vault reference to it).')
param jobsSecretUri string

@description('Application Insights connection string (APPLICATIONINSIGHTS_CONNECTION_STRING).')
param appInsightsConnectionString string

@description('Log Analytics workspace that receives the app\'s HTTP, console and platform logs.')
param logAnalyticsWorkspaceId string

@description('Linux runtime stack (linuxFxVersion), e.g. NODE|26.')
param linuxFxVersion string

@description('Resource id of the subnet the app joins (regional VNet integration); all its outbound traffic goes through it.')
param subnetId string

@description('Teams app manifest id (TEAMS_APP_ID): the server finds the app in the organisation\'s catalogue by it, for proactive installation.')
param teamsAppId string

@description('Optional: the app\'s id in the organisation\'s catalogue (TEAMS_APP_CATALOG_ID); empty lets the server find it by teamsAppId.')
param teamsAppCatalogId string

@description('Tags applied to the plan and the app.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityResourceId
    // Regional VNet integration: Cosmos DB and Key Vault accept only this subnet (or private endpoints in the network).
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // Every outbound call, Key Vault reference resolution included, goes through the virtual network.
      vnetRouteAllEnabled: true
      // The project has no server build: tsx runs the TypeScript in one node process.
      appCommandLine: 'node --max-semi-space-size=64 --import tsx bot/src/index.ts'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
      webSocketsEnabled: false
    }
  }
}

// Publishing with user names and passwords is off; the Agents Toolkit deploys with an Entra token.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var hostName = site.properties.defaultHostName

// A separate resource so that the settings can use the site's own host name. App Service sets PORT.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    NODE_ENV: 'production'
    PUBLIC_URL: 'https://${hostName}'
    LOG_LEVEL: 'info'
    // One server process per CPU of the plan's instance (as the image).
    WEB_CONCURRENCY: 'auto'
    SEED_DEMO_DATA: 'false'
    COSMOS_ENDPOINT: cosmosEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    ENTRA_CLIENT_ID: entraClientId
    ENTRA_APP_ID_URI: 'api://${hostName}/${entraClientId}'
    ENTRA_ALLOWED_TENANTS: entraAllowedTenants
    BOT_APP_ID: identityClientId
    BOT_APP_TYPE: 'UserAssignedMSI'
    BOT_TENANT_ID: identityTenantId
    // Microsoft Graph as the Entra app, through its federated credential trusted from this identity (no secret).
    ENTRA_MANAGED_IDENTITY_CLIENT_ID: identityClientId
    TEAMS_APP_ID: teamsAppId
    TEAMS_APP_CATALOG_ID: teamsAppCatalogId
    JOBS_SECRET: '@Microsoft.KeyVault(SecretUri=${jobsSecretUri})'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    AZURE_CLIENT_ID: identityClientId
    // Platform: App Service runs npm install (production dependencies, for Linux) after each zip deploy.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

output siteId string = site.id
output siteName string = site.name
output hostName string = hostName
