namespace Replies.Functions;

/// <summary>Where the host finds its storage account, as an Azure Functions app does.</summary>
internal static class HostConfiguration
{
    /// <summary>AzureWebJobsStorage, the Functions setting; local Azurite on its default ports when unset.</summary>
    public static string StorageConnectionString(this IConfiguration configuration) =>
        configuration["AzureWebJobsStorage"] is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
}
