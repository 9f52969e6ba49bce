// Reverse Mentoring for Microsoft Teams: everything the server needs in one resource group.
// Deployed by `arm/deploy` in m365agents.yml with azure.parameters.json; outputs are written to
// env/.env.<environment> (TAB_DOMAIN, TAB_ENDPOINT, BOT_ID, AZURE_APP_SERVICE_RESOURCE_ID).
//
//   user-assigned managed identity ── runs the App Service, is the bot's identity (UserAssignedMSI),
//        │                             reads Cosmos DB (data-plane role) and the jobs secret
//   App Service (Linux, Node 20) ──► Cosmos DB (NoSQL, local auth off)   Key Vault (JOBS_SECRET)
//        ▲                       ──► Application Insights ─► Log Analytics
//   Azure Bot (Teams channel) ── https://<app>/api/messages

@description('Prefix of every resource name: 3-21 lower-case letters and digits, starting with a letter. The default is unique per resource group.')
@minLength(3)
@maxLength(21)
param resourceBaseName string = 'rm${uniqueString(resourceGroup().id)}'

@description('Azure region of every resource except the (global) Azure Bot; Cosmos DB stores all data here.')
param location string = resourceGroup().location

@description('Display name of the Azure Bot resource.')
@maxLength(42)
param appDisplayName string = 'Reverse Mentoring'

@description('Client (application) id of the Entra app registration created by aadApp/create (AAD_APP_CLIENT_ID); becomes ENTRA_CLIENT_ID.')
@minLength(36)
@maxLength(36)
param aadAppClientId string

@description('Tenant id of that Entra app (AAD_APP_TENANT_ID); only this tenant\'s users may sign in (ENTRA_ALLOWED_TENANTS). Empty allows any tenant the app accepts.')
param aadAppTenantId string = ''

@description('App Service plan SKU. Always on needs B1 or above.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param webAppSku string = 'B1'

@description('Cosmos DB capacity: Serverless (default, pay per request) or Autoscale (provisioned throughput). Fixed once the account exists.')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale only: maximum RU/s of the database (shared by its containers); it scales down to 10% of this.')
@minValue(1000)
@maxValue(1000000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB database name (COSMOS_DATABASE); the server\'s default is reverse-mentoring.')
param cosmosDatabaseName string = 'reverse-mentoring'

@description('Where Cosmos DB periodic backups are kept: Local (default) keeps them in the account region.')
@allowed([
  'Local'
  'Zone'
  'Geo'
])
param cosmosBackupStorageRedundancy string = 'Local'

@description('Days Log Analytics keeps logs and Application Insights telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Bearer secret for POST /api/jobs/reminders/run, stored in Key Vault. Defaults to a new random value, so every deployment that does not pass one rotates it.')
@secure()
@minLength(32)
param jobsSecret string = '${replace(newGuid(), '-', '')}${replace(newGuid(), '-', '')}'

@description('Tags applied to every resource.')
param tags object = {}

var baseName = toLower(resourceBaseName)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
  tags: tags
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${baseName}-logs'
    appInsightsName: '${baseName}-insights'
    location: location
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module cosmos './modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${baseName}-cosmos'
    location: location
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupStorageRedundancy: cosmosBackupStorageRedundancy
    dataContributorPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module keyVault './modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    vaultName: '${baseName}-kv'
    location: location
    jobsSecret: jobsSecret
    secretReaderPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module appService './modules/appService.bicep' = {
  name: 'appService'
  params: {
    planName: '${baseName}-plan'
    siteName: baseName
    location: location
    sku: webAppSku
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    entraClientId: aadAppClientId
    entraAllowedTenants: aadAppTenantId
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    jobsSecretUri: keyVault.outputs.jobsSecretUri
    appInsightsConnectionString: monitoring.outputs.connectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module bot './modules/bot.bicep' = {
  name: 'bot'
  params: {
    botName: '${baseName}-bot'
    displayName: appDisplayName
    appHostName: appService.outputs.hostName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    sku: botSku
    tags: tags
  }
}

// Written to env/.env.<environment> by the Agents Toolkit; the Teams manifest and aad.manifest.json
// use TAB_DOMAIN, TAB_ENDPOINT and BOT_ID, the deploy stage uses AZURE_APP_SERVICE_RESOURCE_ID.
output AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.siteId
output TAB_DOMAIN string = appService.outputs.hostName
output TAB_ENDPOINT string = 'https://${appService.outputs.hostName}'
output BOT_ID string = identity.properties.clientId
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.vaultName
