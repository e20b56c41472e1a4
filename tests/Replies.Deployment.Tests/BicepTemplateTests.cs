using System.Text.Json;

namespace Replies.Deployment.Tests;

/// <summary>
/// The compiled template (infra/main.bicep, built by scripts/test.sh with the Bicep CLI): its outputs, the identity's
/// role assignments, storage without shared keys, identity-based storage settings following the target cloud, the
/// two hosting plans and Entra ID sign-in.
/// </summary>
public sealed partial class BicepTemplateTests
{
    private static readonly JsonElement Template = JsonDocument.Parse(File.ReadAllText(Artifacts.Template)).RootElement;
    private static readonly string Text = File.ReadAllText(Artifacts.Template);

    [Fact]
    public void The_template_gives_the_outputs_a_deployment_script_needs()
    {
        var outputs = Template.GetProperty("outputs").EnumerateObject().Select(o => o.Name).ToHashSet();
        foreach (var expected in new[] { "url", "functionAppName", "storageAccount", "deploymentContainer", "identityClientId", "applicationInsights", "hosting" })
        {
            Assert.Contains(expected, outputs);
        }
    }

    [Fact]
    public void The_user_assigned_identity_holds_the_blob_queue_and_table_data_roles_on_the_storage_account()
    {
        var roles = Resources("Microsoft.Authorization/roleAssignments").ToList();
        var onStorage = roles.Where(r => r.GetProperty("scope").GetString()!.Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal)).ToList();
        Assert.Single(onStorage);
        var assignment = onStorage[0];
        Assert.Contains("variables('storageRoles')", assignment.GetProperty("copy").GetProperty("count").GetString(), StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", assignment.GetProperty("properties").GetProperty("principalId").GetString(), StringComparison.Ordinal);
        var storageRoles = Template.GetProperty("variables").GetProperty("storageRoles").EnumerateObject().Select(r => r.Value.GetString()).ToHashSet();
        Assert.Equal(
            new HashSet<string?> { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" },
            storageRoles);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_the_app_reaches_it_by_identity_on_the_target_clouds_endpoints()
    {
        var storage = Resources("Microsoft.Storage/storageAccounts").Single();
        Assert.False(storage.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.DoesNotContain("core.windows.net", Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", Text, StringComparison.Ordinal);
        foreach (var setting in new[] { "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId" })
        {
            Assert.Contains(setting, Text, StringComparison.Ordinal);
        }

        Assert.Contains("environment().suffixes.storage", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Flex_Consumption_is_the_default_and_Elastic_Premium_the_alternative()
    {
        var hosting = Template.GetProperty("parameters").GetProperty("hosting");
        Assert.Equal("FlexConsumption", hosting.GetProperty("defaultValue").GetString());
        Assert.Equal(["FlexConsumption", "ElasticPremium"], hosting.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        var plan = Resources("Microsoft.Web/serverfarms").Single().GetProperty("sku").GetString()!;
        Assert.Contains("FC1", plan, StringComparison.Ordinal);
        Assert.Contains("EP1", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_is_a_function_app_with_Application_Insights_and_Entra_ID_sign_in_and_its_timer_schedules()
    {
        Assert.Equal("functionapp,linux", Resources("Microsoft.Web/sites").Single().GetProperty("kind").GetString());
        Assert.Single(Resources("Microsoft.Insights/components"));
        var auth = Resources("Microsoft.Web/sites/config").Single(r => r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));
        Assert.True(auth.GetProperty("properties").GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("enabled").GetBoolean());
        // The schedules the app runs with locally (functions/local.settings.json) are the ones Azure gets.
        var local = Replies.Local.Hosting.LocalSettings.Read(Path.Combine(Artifacts.Root, "functions", Replies.Local.Hosting.LocalSettings.FileName));
        var settings = NameValues(Text).ToLookup(p => p.Name, p => p.Value);
        var schedules = local.Where(p => p.Key.StartsWith("Replies__Schedules__", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, schedules.Count);
        foreach (var (name, value) in schedules)
        {
            Assert.Equal(value, Assert.Single(settings[name]));
        }
    }

    [Fact]
    public void The_sign_in_secret_is_a_Key_Vault_reference_of_the_template_and_rate_limits_read_the_platforms_forwarded_address()
    {
        var settings = NameValues(Text).ToLookup(p => p.Name, p => p.Value);
        Assert.Equal("true", Assert.Single(settings["Replies__Limits__TrustForwardedFor"]));
        // The setting named by authClientSecretSettingName is written by the template itself, so a redeployment keeps it.
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Text, StringComparison.Ordinal);
        Assert.Contains("authClientSecretUri", Text, StringComparison.Ordinal);
    }

    /// <summary>The app settings with literal values, as the compiled template writes them (createObject('name', …, 'value', …)).</summary>
    private static IEnumerable<(string Name, string Value)> NameValues(string template) =>
        AppSetting().Matches(template).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"createObject\('name', '([^']+)', 'value', '([^']*)'\)")]
    private static partial System.Text.RegularExpressions.Regex AppSetting();

    private static IEnumerable<JsonElement> Resources(string type)
    {
        var resources = Template.GetProperty("resources");
        // Language version 2.0 templates hold resources by symbolic name; older ones as an array.
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(r => r.Value) : resources.EnumerateArray();
        return all.Where(r => r.GetProperty("type").GetString() == type);
    }
}
