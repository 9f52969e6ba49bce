// Reverse Mentoring for Microsoft Teams: everything the server needs in one resource group.
// Deployed by `arm/deploy` in m365agents.yml with azure.parameters.json; outputs are written to
// env/.env.<environment> (TAB_DOMAIN, TAB_ENDPOINT, BOT_ID, AZURE_APP_SERVICE_RESOURCE_ID, AZURE_IDENTITY_*).
//
//   user-assigned managed identity ── runs the App Service, is the bot's identity (UserAssignedMSI),
//        │                             reads Cosmos DB (data-plane role) and the jobs secret, and is trusted
//        │                             by the Entra app's federated credential (Microsoft Graph, no secret)
//   App Service (Linux, Node LTS) ─VNet─► Cosmos DB (NoSQL, local auth off, continuous backup)
//        │                        ─VNet─► Key Vault (JOBS_SECRET)      (private endpoints, or firewall rules)
//        └──► Application Insights ─► Log Analytics
//   Azure Bot (Teams channel, global or regional) ── https://<app>/api/messages

@description('Prefix of every resource name: 3-21 lower-case letters and digits, starting with a letter. The default is unique per resource group.')
@minLength(3)
@maxLength(21)
param resourceBaseName string = 'rm${uniqueString(resourceGroup().id)}'

@description('Azure region of every resource except the Azure Bot (botLocation); Cosmos DB stores all data here.')
param location string = resourceGroup().location

@description('Where the Azure Bot keeps its data: global, or regional in the EU (westeurope) or India (centralindia) for data residency.')
@allowed([
  'global'
  'westeurope'
  'centralindia'
])
param botLocation string = 'global'

@description('Teams app manifest id (TEAMS_APP_ID from teamsApp/create): the server finds the app in the organisation\'s catalogue by it, to install it for participants.')
param teamsAppId string

@description('Optional: the app\'s id in the organisation\'s catalogue (TEAMS_APP_CATALOG_ID). Empty (the default) lets the server find it by teamsAppId.')
param teamsAppCatalogId string = ''

@description('Linux runtime stack of the App Service. NODE|26 is the Node.js Active LTS line (LTS since October 2026, supported to April 2029); NODE|24-lts is in maintenance until April 2028.')
@allowed([
  'NODE|26'
  'NODE|24-lts'
])
param nodeRuntime string = 'NODE|26'

@description('Network isolation of Cosmos DB and Key Vault. Firewall (default): public endpoints that accept only the App Service\'s subnet (service endpoints) and allowedIpRanges. PrivateEndpoints: public network access off, private endpoints and private DNS zones in the virtual network.')
@allowed([
  'Firewall'
  'PrivateEndpoints'
])
param networkIsolation string = 'Firewall'

@description('Address space of the virtual network the App Service joins: a /23 or larger, not overlapping networks you peer it with.')
param vnetAddressPrefix string = '10.60.0.0/23'

@description('Firewall mode only: public IPv4 addresses or CIDR ranges that may also reach Cosmos DB and Key Vault (e.g. an admin workstation for Data Explorer or reading the jobs secret). Empty by default.')
param allowedIpRanges array = []

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

@description('Cosmos DB continuous backup: restore to any second of the last 7 days (Continuous7Days, no extra backup charge) or 30 days (Continuous30Days). Backups stay in the account\'s region.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Key Vault purge protection: a deleted vault or secret cannot be purged before its 7-day retention ends. Irreversible once on; turn off only for throw-away environments.')
param keyVaultPurgeProtection bool = true

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

module network './modules/network.bicep' = {
  name: 'network'
  params: {
    vnetName: '${baseName}-vnet'
    location: location
    addressPrefix: vnetAddressPrefix
    mode: networkIsolation
    tags: tags
  }
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
    backupTier: cosmosBackupTier
    networkMode: networkIsolation
    appSubnetId: network.outputs.appSubnetId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.cosmosDnsZoneId
    allowedIpRanges: allowedIpRanges
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
    networkMode: networkIsolation
    appSubnetId: network.outputs.appSubnetId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.vaultDnsZoneId
    allowedIpRanges: allowedIpRanges
    purgeProtection: keyVaultPurgeProtection
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
    linuxFxVersion: nodeRuntime
    subnetId: network.outputs.appSubnetId
    teamsAppId: teamsAppId
    teamsAppCatalogId: teamsAppCatalogId
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
    location: botLocation
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
// The identity the Entra app's federated credential trusts (scripts/entraAccess.ts, run by provision).
output AZURE_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_IDENTITY_CLIENT_ID string = identity.properties.clientId
