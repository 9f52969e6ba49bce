// Azure Cosmos DB for NoSQL: key (local) auth disabled, the app's managed identity granted the
// built-in data-plane role on the database, continuous backup, and no network access but the app's. Containers and partition keys are exactly the ones
// bot/src/store/database.ts (CONTAINERS) opens; test/infra checks that they stay equal.

@description('Name of the Cosmos DB account (3-44 lower-case letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(44)
param accountName string

@description('Azure region of the account; also where all data is stored (single region, no replicas).')
param location string

@description('Database name; the app reads it from COSMOS_DATABASE.')
param databaseName string

@description('Serverless (pay per request, the default) or Autoscale (provisioned throughput shared by the containers). Cannot be changed after the account is created.')
@allowed([
  'Serverless'
  'Autoscale'
])
param capacityMode string

@description('Autoscale only: the highest throughput (RU/s) the database scales to; it scales down to 10% of this.')
@minValue(1000)
@maxValue(1000000)
param autoscaleMaxThroughput int

@description('Continuous backup tier: point-in-time restore to any second of the last 7 days (Continuous7Days, free) or 30 days (Continuous30Days).')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string

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

@description('Resource id of the privatelink.documents.azure.com private DNS zone (PrivateEndpoints mode; empty otherwise).')
param privateDnsZoneId string

@description('Public IPv4 addresses or CIDR ranges also allowed in Firewall mode, e.g. an admin workstation for Data Explorer; empty by default.')
param allowedIpRanges array

@description('Principal (object) id of the managed identity that gets the Cosmos DB Built-in Data Contributor role on the database.')
param dataContributorPrincipalId string

@description('Tags applied to the account.')
param tags object

// Containers and their partition keys: must equal CONTAINERS in bot/src/store/database.ts. defaultTtl in
// seconds; -1 keeps items until they are deleted (TTL is on only so that a container may use it).
var containers = [
  {
    id: 'pairs'
    partitionKey: '/pairId'
    defaultTtl: -1
  }
  {
    id: 'programs'
    partitionKey: '/programId'
    defaultTtl: -1
  }
  {
    id: 'people'
    partitionKey: '/userId'
    defaultTtl: -1
  }
  {
    id: 'meetings'
    partitionKey: '/id'
    defaultTtl: -1
  }
  {
    id: 'reminders'
    partitionKey: '/pairId'
    defaultTtl: -1
  }
  {
    // Idempotency-Key records: a day after their last write a key may be used again.
    id: 'idempotency'
    partitionKey: '/userId'
    defaultTtl: 86400
  }
]

// Cosmos DB Built-in Data Contributor (data plane: read and write items, read metadata).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var serverless = capacityMode == 'Serverless'
var privateOnly = networkMode == 'PrivateEndpoints'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    // Never open to every network: a private endpoint only, or the app's subnet and the listed addresses.
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    isVirtualNetworkFilterEnabled: !privateOnly
    virtualNetworkRules: privateOnly ? [] : [
      {
        id: appSubnetId
        ignoreMissingVNetServiceEndpoint: false
      }
    ]
    ipRules: privateOnly ? [] : map(allowedIpRanges, range => {
      ipAddressOrRange: range
    })
    networkAclBypass: 'None'
    // Point-in-time restore of the whole account (or a deleted database or container) to any second in the tier's window.
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (privateOnly) {
  name: '${accountName}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'cosmos-sql'
        properties: {
          privateLinkServiceId: account.id
          groupIds: [
            'Sql'
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
        name: 'documents'
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

// With local auth disabled the app cannot create these itself (data-plane RBAC has no create
// database/container rights), so they are created here; the app's createIfNotExists then only reads.
resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = [for c in containers: {
  parent: database
  name: c.id
  properties: {
    resource: {
      id: c.id
      partitionKey: {
        paths: [
          c.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: c.defaultTtl
    }
    options: {}
  }
}]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: account
  name: guid(account.id, databaseName, dataContributorPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: dataContributorPrincipalId
    // Scoped to the one database, not the whole account.
    scope: '${account.id}/dbs/${database.name}'
  }
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
output databaseName string = database.name
