using Replies.Testing;

namespace Replies.Durable.IntegrationTests;

/// <summary>One Azurite per test run; each test uses its own task hub so tests never see each other's data.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static int _hubCounter;
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public static string NewHubName(string prefix) => $"{prefix}{Interlocked.Increment(ref _hubCounter)}x{Guid.NewGuid().ToString("N")[..6]}";

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
