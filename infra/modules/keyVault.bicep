// Key Vault (Azure RBAC, no access policies) holding only JOBS_SECRET, the bearer secret of
// POST /api/jobs/reminders/run. The app reads it through an App Service Key Vault reference, over the
// app's virtual network: the vault accepts no other network (private endpoint, or firewall rules).

@description('Key Vault name (3-24 letters, digits and hyphens, starting with a letter, globally unique).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Azure region of the vault.')
param location string

@description('Value stored as the jobs secret (at least 32 characters).')
@secure()
@minLength(32)
param jobsSecret string

@description('Principal (object) id of the managed identity that may read the secret (Key Vault Secrets User on that secret only).')
param secretReaderPrincipalId string

@description('PrivateEndpoints: public network access off, reached through a private endpoint; Firewall: public endpoint that accepts only the app subnet (service endpoint) and allowedIpRanges.')
@allowed([
  'PrivateEndpoints'
  'Firewall'
])
param networkMode string

@description('Resource id of the subnet the App Service is integrated in (the Firewall mode\'s one allowed network).')
param appSubnetId string

@description('Resource id of the subnet that holds private endpoints (PrivateEndpoints mode).')
param privateEndpointSubnetId string

@description('Resource id of the privatelink.vaultcore.azure.net private DNS zone (PrivateEndpoints mode; empty otherwise).')
param privateDnsZoneId string

@description('Public IPv4 addresses or CIDR ranges also allowed in Firewall mode (e.g. to read the jobs secret with the Azure CLI); empty by default.')
param allowedIpRanges array

@description('Purge protection: a deleted vault or secret cannot be purged before the 7-day retention ends (recommended; irreversible once on).')
param purgeProtection bool

@description('Tags applied to the vault.')
param tags object

// Key Vault Secrets User: read secret contents.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var privateOnly = networkMode == 'PrivateEndpoints'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Purge protection cannot be turned off again; the property is left out when not wanted.
    enablePurgeProtection: purgeProtection ? true : null
    // Never open to every network: a private endpoint only, or the app's subnet and the listed addresses.
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      // Trusted Microsoft services only (still subject to Azure RBAC); everyone else must come through the app's network.
      bypass: 'AzureServices'
      virtualNetworkRules: privateOnly ? [] : [
        {
          id: appSubnetId
          ignoreMissingVnetServiceEndpoint: false
        }
      ]
      ipRules: privateOnly ? [] : map(allowedIpRanges, range => {
        value: range
      })
    }
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (privateOnly) {
  name: '${vaultName}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'key-vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (privateOnly) {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vaultcore'
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'jobs-secret'
  properties: {
    value: jobsSecret
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: secret
  name: guid(secret.id, secretReaderPrincipalId, secretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: secretReaderPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Versionless URI: the Key Vault reference follows the latest version of the secret.
output jobsSecretUri string = secret.properties.secretUri
output vaultName string = vault.name
