// Replies on Azure: the Function App (Flex Consumption by default, Elastic Premium where Flex is not offered, as in
// Azure China), its storage account with shared keys disabled, a user-assigned managed identity holding the data roles
// the Durable extension and the app need, Application Insights, and App Service Authentication with Entra ID.
// Storage endpoints come from the target cloud (environment()), never a hard-coded suffix.
// Deploy: see README.md, "Deploying to Azure".

@description('Base name for the resources (3-11 lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'replies'

@description('Region.')
param location string = resourceGroup().location

@description('Hosting plan: FlexConsumption, or ElasticPremium where Flex Consumption is not offered (Azure China, some regions).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hosting string = 'FlexConsumption'

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(100)
param maximumInstances int = 10

@description('Elastic Premium instances kept warm (Elastic Premium only).')
@minValue(1)
@maxValue(20)
param premiumMinimumInstances int = 1

@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'

@description('Microsoft Entra ID tenant that signs people in and issues API tokens.')
param tenantId string = tenant().tenantId

@description('Client (application) id of the app registration used by App Service Authentication.')
param authClientId string

@description('Application ID URI of the API (the token audience), e.g. api://replies.')
param apiAudience string

// The name of an app setting, not a secret: the setting holds a Key Vault reference to the secret.
@description('App setting holding the app registration\'s client secret, as a Key Vault reference.')
#disable-next-line secure-secrets-in-params
param authClientSecretSettingName string = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

// An address, not a secret. Part of the template, so a redeployment (which replaces every app setting) keeps it.
@description('Key Vault secret holding the app registration\'s client secret: https://<vault>.vault.azure.net/secrets/<name> (the identity needs Key Vault Secrets User on it).')
#disable-next-line secure-secrets-in-params
param authClientSecretUri string

@description('Address people open the app at (https://…), for the link in notice mails.')
param publicBaseUrl string = ''

@description('SMTP server notices are mailed through; empty: no mail.')
param mailHost string = ''

@description('SMTP port: 465 with TLS on connect, 587 with STARTTLS.')
param mailPort int = 465

@description('How the SMTP connection is secured.')
@allowed([
  'SslOnConnect'
  'StartTls'
  'Auto'
])
param mailSecurity string = 'SslOnConnect'

@description('Sender address of notice mails.')
param mailFrom string = ''

@description('SMTP account.')
param mailUser string = ''

@description('Key Vault secret holding the SMTP password: https://<vault>.vault.azure.net/secrets/<name>.')
#disable-next-line secure-secrets-in-params
param mailPasswordSecretUri string = ''

@description('SMS gateway: none, aliyun (Alibaba Cloud SMS) or tencent (Tencent Cloud SMS).')
@allowed([
  'none'
  'aliyun'
  'tencent'
])
param smsGateway string = 'none'

@description('Approved SMS signature (签名).')
param smsSignName string = ''

@description('Alibaba Cloud AccessKeyId or Tencent Cloud SecretId.')
param smsKeyId string = ''

@description('Key Vault secret holding the Alibaba Cloud AccessKeySecret or the Tencent Cloud SecretKey.')
#disable-next-line secure-secrets-in-params
param smsSecretUri string = ''

@description('Tencent Cloud SMS SdkAppId.')
param smsSdkAppId string = ''

@description('Approved SMS template per notice kind (Task, Reminder, Escalation, Info, Reply, Approval): { "Task": { "code": "SMS_1", "text": "…\${content}" }, … }.')
param smsTemplates object = {}

@description('Days an archived item (办结归档) stays unchangeable and undeletable, for everyone: 3,650 (ten years) by default.')
@minValue(1)
param archiveRetentionDays int = 3650

var suffix = uniqueString(resourceGroup().id)
var flex = hosting == 'FlexConsumption'
var storageSuffix = environment().suffixes.storage
var deploymentContainer = 'app-package'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(toLower('${name}${suffix}'), 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Closed items' packages: the app writes each once; the time-based immutability policy forbids anyone, the app
// included, to change or delete one within the retention period. Lock the policy (az storage container
// immutability-policy lock) once the period is settled: a locked policy can only be lengthened.
resource archive 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'replies-archive'
}

resource archiveRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: archive
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: archiveRetentionDays
    allowProtectedAppendWrites: false
  }
}

// Word files read for a submission that was never made wait a day for their uploader, then go (the app's prefix is
// Replies, so its attachments container is replies-attachments).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'staged-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'replies-attachments/_uploads/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: 1 }
              }
            }
          }
        }
      ]
    }
  }
}

// The app package: Flex Consumption deploys into it; Elastic Premium runs from the package blob in it.
resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { tier: 'FlexConsumption', name: 'FC1' } : { tier: 'ElasticPremium', name: 'EP1', capacity: premiumMinimumInstances }
  properties: {
    reserved: true
    maximumElasticWorkerCount: flex ? null : maximumInstances
  }
}

// Identity-based storage for the Functions host, the Durable extension and the app (AzureWebJobsStorage__*).
var storageSettings = [
  { name: 'AzureWebJobsStorage__blobServiceUri', value: 'https://${storage.name}.blob.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: 'https://${storage.name}.queue.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: 'https://${storage.name}.table.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
]

var appSettings = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  { name: 'AZURE_FUNCTIONS_ENVIRONMENT', value: 'Production' }
  { name: 'Replies__Auth__AppServiceAuthentication', value: 'true' }
  { name: 'Replies__Auth__AppServiceClientId', value: authClientId }
  { name: 'Authentication__Schemes__Bearer__Authority', value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0' }
  { name: 'Authentication__Schemes__Bearer__ValidAudiences__0', value: apiAudience }
  { name: 'Replies__Seeds__Load', value: 'false' }
  { name: authClientSecretSettingName, value: '@Microsoft.KeyVault(SecretUri=${authClientSecretUri})' }
  // App Service's front ends set X-Forwarded-For to the client's address: rate limits count per client, not per front end.
  { name: 'Replies__Limits__TrustForwardedFor', value: 'true' }
  // Timer schedules are read by the Functions host, so they live in app settings (six-field cron, with seconds).
  { name: 'Replies__Schedules__DeadlineSweep', value: '0 * * * * *' }
  { name: 'Replies__Schedules__HistoryPurge', value: '0 */10 * * * *' }
  { name: 'Replies__Schedules__SampleData', value: '0 0 3 * * *' }
  { name: 'Replies__Schedules__Watchdog', value: '0 */5 * * * *' }
]

// Notices by mail and SMS: secrets as Key Vault references; the queue name is the one the queue trigger reads.
var smsProvider = smsGateway == 'aliyun' ? 'Aliyun' : 'Tencent'
var noticeSettings = concat([
  { name: 'Replies__Notices__Queue', value: 'replies-notices' }
  { name: 'Replies__Notices__BaseUrl', value: publicBaseUrl }
  { name: 'Replies__Mail__Host', value: mailHost }
  { name: 'Replies__Mail__Port', value: string(mailPort) }
  { name: 'Replies__Mail__Security', value: mailSecurity }
  { name: 'Replies__Mail__From', value: mailFrom }
  { name: 'Replies__Mail__User', value: mailUser }
  { name: 'Replies__Sms__Gateway', value: smsGateway }
  { name: 'Replies__Sms__SignName', value: smsSignName }
], empty(mailPasswordSecretUri) ? [] : [
  { name: 'Replies__Mail__Password', value: '@Microsoft.KeyVault(SecretUri=${mailPasswordSecretUri})' }
], smsGateway == 'none' ? [] : [
  { name: 'Replies__Sms__${smsProvider}__${smsGateway == 'aliyun' ? 'AccessKeyId' : 'SecretId'}', value: smsKeyId }
  { name: 'Replies__Sms__${smsProvider}__${smsGateway == 'aliyun' ? 'AccessKeySecret' : 'SecretKey'}', value: '@Microsoft.KeyVault(SecretUri=${smsSecretUri})' }
  { name: 'Replies__Sms__Tencent__SdkAppId', value: smsSdkAppId }
], flatten(map(items(smsTemplates), t => [
  { name: 'Replies__Sms__Templates__${t.key}__Code', value: t.value.code }
  { name: 'Replies__Sms__Templates__${t.key}__Text', value: t.value.text }
])))

var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: 'https://${storage.name}.blob.${storageSuffix}/${deploymentContainer}/replies.zip' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: identity.id }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: flex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storage.name}.blob.${storageSuffix}/${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstances, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    } : null
    siteConfig: {
      linuxFxVersion: flex ? null : 'DOTNET-ISOLATED|${dotnetVersion}'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: flex ? null : '/api/health'
      appSettings: concat(storageSettings, appSettings, noticeSettings, flex ? [] : premiumSettings)
    }
  }
  dependsOn: [
    dataRoles
  ]
}

// Entra ID sign-in in front of the app. Anonymous requests still reach it (the public pages and the published
// replies need no sign-in); the app's own gate decides which functions require a person.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: authClientSecretSettingName
        }
        validation: {
          allowedAudiences: [
            apiAudience
          ]
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
    }
  }
}

// What the Durable extension and the app need of the storage account, and what Application Insights needs for
// Entra-authenticated telemetry.
var storageRoles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(storageRoles): {
  name: guid(storage.id, identity.id, role.value)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

resource telemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, '3913510d-42f4-4b42-8a64-420c390055eb')
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4b42-8a64-420c390055eb')
  }
}

output url string = 'https://${app.properties.defaultHostName}'
output functionAppName string = app.name
output storageAccount string = storage.name
output deploymentContainer string = deploymentContainer
output identityClientId string = identity.properties.clientId
output applicationInsights string = insights.name
output hosting string = hosting
