// Azure Bot registration for the app's bot, authenticated as the user-assigned managed identity
// (no client secret anywhere), with the Microsoft Teams channel.

@description('Azure Bot resource name (globally unique bot handle, 2-64 characters).')
param botName string

@description('Name shown for the bot in the Azure portal (the Teams app manifest sets what users see).')
@maxLength(42)
param displayName string

@description('Host name of the App Service that serves /api/messages.')
param appHostName string

@description('Client id of the user-assigned managed identity the bot authenticates as (BOT_APP_ID).')
param identityClientId string

@description('Resource id of that managed identity.')
param identityResourceId string

@description('Entra tenant of that managed identity (BOT_TENANT_ID).')
param identityTenantId string

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are unlimited) or S1.')
@allowed([
  'F0'
  'S1'
])
param sku string

@description('global, or a regional bot that keeps its data in the EU (westeurope) or India (centralindia).')
@allowed([
  'global'
  'westeurope'
  'centralindia'
])
param location string

@description('Tags applied to the bot.')
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${appHostName}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botName string = bot.name
