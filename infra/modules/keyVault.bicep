// Key Vault (Azure RBAC, no access policies) holding only JOBS_SECRET, the bearer secret of
// POST /api/jobs/reminders/run. The app reads it through an App Service Key Vault reference.

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

@description('Tags applied to the vault.')
param tags object

// Key Vault Secrets User: read secret contents.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
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
