// Replies on Azure: one storage account (tables, queues, blobs), an App Service plan and a Linux web app running the
// host with a system-assigned managed identity that reaches storage through role assignments (no keys in settings).
// Deploy: see README.md, "Deploying to Azure".

@description('Base name for the resources (3-11 lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'replies'

@description('Region.')
param location string = resourceGroup().location

@description('App Service plan SKU. P0v3 or above keeps the worker always on.')
param planSku string = 'P0v3'

@description('Instances of the host. Each runs the HTTP functions and a durable worker; partitions are shared by lease.')
@minValue(1)
@maxValue(10)
param instances int = 1

@description('Microsoft Entra ID tenant that issues the tokens.')
param tenantId string = tenant().tenantId

@description('Application ID URI of the API app registration (the token audience), e.g. api://replies.')
param apiAudience string

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${name}${suffix}')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: planSku, capacity: instances }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
      appCommandLine: 'dotnet Replies.Functions.dll'
      appSettings: [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'Authentication__Schemes__Bearer__Authority', value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0' }
        { name: 'Authentication__Schemes__Bearer__ValidAudiences__0', value: apiAudience }
        { name: 'Replies__Seeds__Load', value: 'false' }
      ]
    }
  }
}

// Storage Blob Data Contributor, Storage Queue Data Contributor, Storage Table Data Contributor.
var roles = [
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output url string = 'https://${app.properties.defaultHostName}'
output storageAccount string = storage.name
