using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Replies.Workflows.Storage;

namespace Replies.Workflows.UnitTests;

public sealed class StorageAccountTests
{
    [Theory]
    [InlineData("core.chinacloudapi.cn", "https://storage.azure.cn")]
    [InlineData("core.usgovcloudapi.net", "https://storage.azure.us")]
    [InlineData("core.windows.net", "https://storage.azure.com")]
    public void Clients_reached_by_identity_ask_for_tokens_of_the_accounts_own_cloud(string suffix, string audience)
    {
        var account = StorageAccount.FromUris(new($"https://replies.blob.{suffix}"), new($"https://replies.queue.{suffix}"), new($"https://replies.table.{suffix}"), new Moq.Mock<TokenCredential>().Object);

        Assert.Equal(audience, account.Audience);
        Assert.Equal(audience, account.Options(new BlobClientOptions()).Audience?.ToString());
        Assert.Equal(audience, account.Options(new QueueClientOptions()).Audience?.ToString());
        Assert.Equal(audience, account.Options(new TableClientOptions()).Audience?.ToString());
    }

    [Fact]
    public void A_connection_string_sets_no_audience()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Null(account.Audience);
        Assert.Null(account.Options(new TableClientOptions()).Audience);
    }
}
