// The app's virtual network. App Service joins subnet `app` (regional VNet integration, all outbound
// traffic routed through it). Firewall mode: service endpoints on that subnet, and Cosmos DB and Key Vault
// accept only it. PrivateEndpoints mode: their private endpoints in subnet `private-endpoints`, with the
// private DNS zones linked here, and public network access off on both.

@description('Virtual network name.')
param vnetName string

@description('Azure region of the network (the same as the app).')
param location string

@description('Address space of the network, a /23 or larger: the first /24 is subnet app, the second subnet private-endpoints.')
param addressPrefix string

@description('PrivateEndpoints (private endpoints and DNS zones, public access off) or Firewall (service endpoints and network rules).')
@allowed([
  'PrivateEndpoints'
  'Firewall'
])
param mode string

@description('Tags applied to every resource.')
param tags object

var privateEndpoints = mode == 'PrivateEndpoints'

// Public-cloud zone names (national clouds use others).
var cosmosZoneName = 'privatelink.documents.azure.com'
var vaultZoneName = 'privatelink.vaultcore.azure.net'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
          serviceEndpoints: privateEndpoints ? [] : [
            {
              service: 'Microsoft.AzureCosmosDB'
            }
            {
              service: 'Microsoft.KeyVault'
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource cosmosZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (privateEndpoints) {
  name: cosmosZoneName
  location: 'global'
  tags: tags
}

resource cosmosZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (privateEndpoints) {
  parent: cosmosZone
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource vaultZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (privateEndpoints) {
  name: vaultZoneName
  location: 'global'
  tags: tags
}

resource vaultZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (privateEndpoints) {
  parent: vaultZone
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app')
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'private-endpoints')
output cosmosDnsZoneId string = privateEndpoints ? cosmosZone.id : ''
output vaultDnsZoneId string = privateEndpoints ? vaultZone.id : ''
