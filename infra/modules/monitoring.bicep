// Log Analytics workspace and a workspace-based Application Insights resource. The server exports
// OpenTelemetry traces, requests and logs to it when APPLICATIONINSIGHTS_CONNECTION_STRING is set.

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights resource name.')
param appInsightsName string

@description('Azure region of both resources (telemetry stays in this region).')
param location string

@description('Days the workspace keeps logs and telemetry (30-730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags applied to both resources.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output connectionString string = appInsights.properties.ConnectionString
